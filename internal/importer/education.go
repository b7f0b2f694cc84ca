package importer

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"rolefit/internal/roles"
)

// The O*NET files of the education survey, and the one scale of it Rolefit
// shows: the level of education required to do the job.
const (
	fileEducation           = "Education, Training, and Experience.txt"
	fileEducationCategories = "Education, Training, and Experience Categories.txt"
	educationName           = "O*NET Education, Training, and Experience"
	scaleRequiredEducation  = "RL"
	// LevelRelated marks O*NET figures borrowed from the related occupation
	// whose ratings an unsurveyed occupation uses.
	LevelRelated = "related"
)

// educationShare is one row of the RL survey as read.
type educationShare struct {
	category   int
	percent    float64
	suppressed bool   // O*NET's Recommend Suppress is "Y"
	domain     string // who answered: "Incumbent" or "Occupational Expert"
}

// readEducationCategories reads the short name of each RL category, e.g.
// 6 → "Bachelor's degree".
func (o *onet) readEducationCategories(path string) (int, error) {
	return readTSV(path, []string{"Scale ID", "Category", "Category Description"}, func(f []string) error {
		if f[0] != scaleRequiredEducation {
			return nil
		}
		cat, err := parseWhole("Category", f[1])
		if err != nil {
			return err
		}
		o.educationLabels[cat] = educationLabel(f[2])
		return nil
	})
}

// educationLabel shortens an O*NET category description to its name in
// sentence case: "High School Diploma - or the equivalent (for example,
// GED)" → "High school diploma". The explanations after the name are
// O*NET's sentences and stay out of our files.
func educationLabel(desc string) string {
	name, _, _ := strings.Cut(desc, " - ")
	name, _, _ = strings.Cut(name, " (")
	name = strings.TrimSpace(name)
	first, size := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(first)) + strings.ToLower(name[size:])
}

// readEducation reads the RL rows of the survey: per occupation, the percent
// of respondents per category.
func (o *onet) readEducation(path string) (int, error) {
	return readTSV(path, []string{colCode, "Scale ID", "Category", "Data Value", "Recommend Suppress", "Domain Source"}, func(f []string) error {
		if f[1] != scaleRequiredEducation {
			return nil
		}
		cat, err := parseWhole("Category", f[2])
		if err != nil {
			return err
		}
		v, err := parseRating("Data Value", f[3], 0, 100)
		if err != nil {
			return err
		}
		o.education[f[0]] = append(o.education[f[0]], educationShare{category: cat, percent: v, suppressed: f[4] == "Y", domain: f[5]})
		return nil
	})
}

// educationLevels builds the survey of one occupation, or of from when
// the occupation has none and borrows its ratings from that relative. It
// is nil when neither was surveyed.
func (o *onet) educationLevels(code, from string) (*roles.EducationLevels, error) {
	src, level := code, LevelDetailed
	if len(o.education[code]) == 0 {
		src, level = from, LevelRelated
	}
	rows := o.education[src]
	if src == "" || len(rows) == 0 {
		return nil, nil
	}
	rows = slices.Clone(rows)
	slices.SortFunc(rows, func(a, b educationShare) int { return a.category - b.category })
	out := &roles.EducationLevels{Respondents: rows[0].domain, Source: roles.Source{Name: educationName, Release: o.release, SOCCode: src, Level: level, SOCTitle: o.titles[src]}}
	for i, r := range rows {
		label, ok := o.educationLabels[r.category]
		if !ok {
			return nil, fmt.Errorf("%s: %s has RL category %d, which %s does not name", fileEducation, src, r.category, fileEducationCategories)
		}
		if i > 0 && rows[i-1].category == r.category {
			return nil, fmt.Errorf("%s: %s has RL category %d twice", fileEducation, src, r.category)
		}
		out.Levels = append(out.Levels, roles.EducationLevel{Category: r.category, Label: label, Percent: r.percent})
		out.Imprecise = out.Imprecise || r.suppressed
	}
	return out, nil
}
