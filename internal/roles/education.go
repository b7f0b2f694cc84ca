package roles

// EducationScale is the BLS Employment Projections' typical entry-level
// education levels, lowest first. Rolefit uses this one scale wherever it speaks
// of education (profiles, category and results filters); O*NET's Job Zone
// is a different measure and is shown apart, as "preparation".
var EducationScale = []string{
	"No formal educational credential",
	"High school diploma or equivalent",
	"Some college, no degree",
	"Postsecondary nondegree award",
	"Associate's degree",
	"Bachelor's degree",
	"Master's degree",
	"Doctoral or professional degree",
}

// EducationRank returns the position of a BLS education level on
// EducationScale, from 1, or 0 for an unknown or empty one.
func EducationRank(level string) int {
	for i, l := range EducationScale {
		if l == level {
			return i + 1
		}
	}
	return 0
}

// EducationAtMost reports whether level is known and no higher than max
// (a level of EducationScale); an empty max admits every level, known or
// not.
func EducationAtMost(level, max string) bool {
	if max == "" {
		return true
	}
	r := EducationRank(level)
	return r > 0 && r <= EducationRank(max)
}

// JobZonePreparation is O*NET's name for how much preparation each Job
// Zone needs, in lower case for use inside a sentence.
var JobZonePreparation = map[int]string{
	1: "little or no preparation",
	2: "some preparation",
	3: "medium preparation",
	4: "considerable preparation",
	5: "extensive preparation",
}
