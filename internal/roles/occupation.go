// Package roles owns Rolefit's domain of careers: the hand-written roles,
// the O*NET/BLS occupations they belong to, the descriptors those
// occupations are rated on, and the rules that keep a catalog consistent.
// It imports neither HTTP nor SQL.
package roles

import "math"

// Block names one family of O*NET descriptors.
type Block string

// The three descriptor blocks Rolefit compares people and roles on.
const (
	BlockInterest  Block = "interest"   // RIASEC interests, scale OI (1–7)
	BlockWorkStyle Block = "work_style" // work styles, scale IM (1–5)
	BlockSkill     Block = "skill"      // skills, scales IM (1–5) and LV (0–7)
)

// Element is one O*NET descriptor, e.g. {ID: "2.B.3.e", Name: "Programming"}.
type Element struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Block Block  `json:"block"`
}

// Norm is the mean and standard deviation of one descriptor's value across
// every rated occupation of a release; profiles are standardised with it.
type Norm struct {
	Mean float64 `json:"mean"`
	SD   float64 `json:"sd"`
	// Q holds the quantiles of the value at 0, 5, 10, …, 100 percent
	// (NormQuantiles points), so that a rating can be placed among all
	// occupations without assuming a normal distribution.
	Q []float64 `json:"q,omitempty"`
}

// NormQuantiles is how many quantiles a Norm keeps: every 5 percent.
const NormQuantiles = 21

// Percentile returns the share of occupations (0–1) whose value is below v,
// counting half of those equal to it, interpolated between the quantiles.
// Without quantiles it falls back to a normal distribution with the norm's
// mean and SD.
func (n Norm) Percentile(v float64) float64 {
	q := n.Q
	if len(q) < 2 {
		if n.SD <= 0 {
			return 0.5
		}
		return 0.5 * (1 + math.Erf((v-n.Mean)/(n.SD*math.Sqrt2)))
	}
	last := len(q) - 1
	step := 1 / float64(last)
	switch {
	case v < q[0]:
		return 0
	case v > q[last]:
		return 1
	}
	// The quantiles v falls between, or the run of quantiles equal to it
	// (many occupations share a rating of 0): its midpoint is the midrank.
	lo, hi := -1, -1
	for i, x := range q {
		if x == v {
			if lo < 0 {
				lo = i
			}
			hi = i
		}
	}
	if lo >= 0 {
		return float64(lo+hi) / 2 * step
	}
	for i := 0; i < last; i++ {
		if v > q[i] && v < q[i+1] {
			return (float64(i) + (v-q[i])/(q[i+1]-q[i])) * step
		}
	}
	return 0.5
}

// Norms holds, per element id, the norm of the value matching uses: OI for
// interests, IM for work styles, and both IM and LV for skills.
type Norms struct {
	Interest  map[string]Norm `json:"interest"`   // OI
	WorkStyle map[string]Norm `json:"work_style"` // IM
	SkillIM   map[string]Norm `json:"skill_im"`
	SkillLV   map[string]Norm `json:"skill_lv"`
}

// SkillRating is one skill's importance (1–5) and level (0–7).
type SkillRating struct {
	IM float64 `json:"im"`
	LV float64 `json:"lv"`
}

// Wage is one annual wage figure. Value is nil when BLS marks it "*" (not
// available); AtLeast is true when BLS marks it "#" (at or above the top
// value it publishes, Value then holding that top value).
type Wage struct {
	Value   *int `json:"value"`
	AtLeast bool `json:"at_least,omitempty"`
}

// Source says where a figure comes from.
type Source struct {
	Name    string `json:"name"`    // e.g. "BLS Occupational Employment and Wage Statistics"
	Release string `json:"release"` // e.g. "May 2024"
	SOCCode string `json:"soc_code"`
	// Level is "detailed" when the figure is for the occupation's own SOC
	// code and "broad" (or another O*NET group name) when BLS publishes it
	// only for a wider group, in which case SOCTitle names that group.
	Level    string `json:"level"`
	SOCTitle string `json:"soc_title"`
}

// Pay holds the OEWS annual wage percentiles of an occupation.
type Pay struct {
	P10    Wage   `json:"p10"`
	P25    Wage   `json:"p25"`
	Median Wage   `json:"median"`
	P75    Wage   `json:"p75"`
	P90    Wage   `json:"p90"`
	Year   int    `json:"year"` // reference year of the wages, e.g. 2024
	Source Source `json:"source"`
}

// Outlook holds the BLS Employment Projections of an occupation.
type Outlook struct {
	Employment2024 float64 `json:"employment_base"`   // thousands, includes self-employed
	Employment2034 float64 `json:"employment_target"` // thousands
	PercentChange  float64 `json:"percent_change"`
	Openings       float64 `json:"openings"` // annual average, thousands
	From           int     `json:"from"`
	To             int     `json:"to"`
	Education      string  `json:"education"`  // typical entry-level education
	Experience     string  `json:"experience"` // work experience in a related occupation, e.g. "Less than 5 years"
	Training       string  `json:"training"`   // typical on-the-job training, e.g. "Apprenticeship"
	Source         Source  `json:"source"`
}

// EducationLevels is O*NET's survey of the education that workers (or,
// for some occupations, O*NET's analysts) say is required to do the job:
// the share of respondents naming each level (Education, Training, and
// Experience, scale RL).
type EducationLevels struct {
	Levels []EducationLevel `json:"levels"` // in O*NET's category order, lowest first
	// Imprecise is set when O*NET recommends suppressing at least one of
	// the percentages, because its sample or its precision is small.
	Imprecise bool `json:"imprecise,omitempty"`
	// Respondents is who answered, as O*NET names them: "Incumbent"
	// (workers in the occupation) or "Occupational Expert".
	Respondents string `json:"respondents"`
	Source      Source `json:"source"`
}

// EducationLevel is one level of an EducationLevels survey.
type EducationLevel struct {
	Category int     `json:"category"` // O*NET category of scale RL, 1–12
	Label    string  `json:"label"`    // e.g. "Bachelor's degree"
	Percent  float64 `json:"percent"`  // of respondents, 0–100
}

// Occupation is one O*NET-SOC occupation with its ratings and BLS figures.
type Occupation struct {
	ONetCode    string `json:"onet_code"`             // e.g. "15-1254.00"
	SOCCode     string `json:"soc_code"`              // e.g. "15-1254"
	Title       string `json:"title"`                 // O*NET title
	Description string `json:"description,omitempty"` // O*NET's own text: only from a user's import, never committed
	JobZone     int    `json:"job_zone"`
	// Titles are O*NET's alternate and reported job titles of the
	// occupation, for search. The catalog keeps them apart from the figures
	// (data/onet_titles.json), the database in a column of their own.
	Titles []string `json:"titles,omitempty"`

	Interests  map[string]float64     `json:"interests"`   // element id → OI
	RIASEC     string                 `json:"riasec"`      // high-point code, e.g. "ICR"
	WorkStyles map[string]float64     `json:"work_styles"` // element id → IM
	Skills     map[string]SkillRating `json:"skills"`      // element id → IM, LV
	// RatingsFrom is set when O*NET has no ratings for this occupation and
	// its skills and styles were borrowed from the named related occupation.
	RatingsFrom string `json:"ratings_from,omitempty"`

	Related []string `json:"related"` // O*NET codes, primary tiers, in O*NET's order

	Pay              *Pay     `json:"pay"`        // nil when OEWS has no row for it at any level
	Employment       *int     `json:"employment"` // OEWS employment (excludes self-employed)
	EmploymentSource *Source  `json:"employment_source,omitempty"`
	Outlook          *Outlook `json:"outlook"` // nil when EP has no row for it at any level
	// EducationLevels is nil when O*NET has surveyed neither the
	// occupation nor the related one its ratings come from.
	EducationLevels *EducationLevels `json:"education_levels,omitempty"`
}
