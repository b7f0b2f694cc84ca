package server

import (
	"fmt"
	"math"

	"rolefit/internal/roles"
)

// preparationView is how people enter an occupation: the BLS typical
// requirements and O*NET's survey of the education the job requires.
type preparationView struct {
	Education, Experience, Training string // BLS Employment Projections
	Survey                          *educationChart
}

// educationChart is O*NET's education survey as a table with decorative
// bars; the numbers are always in the text.
type educationChart struct {
	Rows []educationRow
	Note string // where the survey comes from, and how precise it is
}

type educationRow struct {
	Label   string
	Percent string  // for reading, e.g. "46%" or "under 1%"
	Width   float64 // bar length, 0–100
}

func newPreparation(o roles.Occupation) preparationView {
	v := preparationView{Education: "not published", Experience: "not published", Training: "not published"}
	if ol := o.Outlook; ol != nil {
		v.Education, v.Experience, v.Training = nonEmpty(ol.Education), nonEmpty(ol.Experience), nonEmpty(ol.Training)
	}
	if el := o.EducationLevels; el != nil {
		v.Survey = newEducationChart(o, el)
	}
	return v
}

func nonEmpty(s string) string {
	if s == "" {
		return "not published"
	}
	return s
}

// newEducationChart keeps the levels someone named, lowest first: a level
// no respondent named would be a row of zeros.
func newEducationChart(o roles.Occupation, el *roles.EducationLevels) *educationChart {
	c := &educationChart{}
	for _, l := range el.Levels {
		if l.Percent <= 0 {
			continue
		}
		p := fmt.Sprintf("%.0f%%", math.Round(l.Percent))
		if l.Percent < 0.5 {
			p = "under 1%"
		}
		c.Rows = append(c.Rows, educationRow{Label: l.Label, Percent: p, Width: math.Round(l.Percent*10) / 10})
	}
	who := "workers in"
	if el.Respondents != "Incumbent" {
		who = "experts on"
	}
	c.Note = fmt.Sprintf("From O*NET's survey of %s %s: the level of education each said the job requires.", who, o.Title)
	if src := el.Source; src.Level != "" && src.Level != "detailed" {
		c.Note = fmt.Sprintf("O*NET has not surveyed %s; these are the answers of %s its closest rated relative, %s (O*NET-SOC %s).", o.Title, who, src.SOCTitle, src.SOCCode)
	}
	if el.Imprecise {
		c.Note += " O*NET flags some of these percentages as imprecise (small samples or wide margins of error)."
	}
	return c
}
