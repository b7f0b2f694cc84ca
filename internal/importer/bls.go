package importer

import (
	"rolefit/internal/roles"
)

// attachPay sets an occupation's OEWS wages and employment from the row
// resolveSOC picks; both stay nil when OEWS has no row at any level.
func attachPay(occ *roles.Occupation, wages map[string]oewsRow) {
	code, level, ok := resolveSOC(occ.SOCCode, func(c string) bool { _, ok := wages[c]; return ok })
	if !ok {
		return
	}
	row := wages[code]
	src := roles.Source{Name: oewsName, Release: oewsRelease, SOCCode: code, Level: level, SOCTitle: row.title}
	occ.Pay = &roles.Pay{
		P10:    copyWage(row.wages[0]),
		P25:    copyWage(row.wages[1]),
		Median: copyWage(row.wages[2]),
		P75:    copyWage(row.wages[3]),
		P90:    copyWage(row.wages[4]),
		Year:   oewsYear,
		Source: src,
	}
	if row.employment != nil {
		emp := *row.employment
		occ.Employment = &emp
		occ.EmploymentSource = &src
	}
}

// attachOutlook sets an occupation's Employment Projections from the row
// resolveSOC picks; it stays nil when EP has no row at any level.
func attachOutlook(occ *roles.Occupation, projections map[string]projectionRow) {
	code, level, ok := resolveSOC(occ.SOCCode, func(c string) bool { _, ok := projections[c]; return ok })
	if !ok {
		return
	}
	row := projections[code]
	occ.Outlook = &roles.Outlook{
		Employment2024: row.base,
		Employment2034: row.target,
		PercentChange:  row.change,
		Openings:       row.openings,
		From:           projectionsFrom,
		To:             projectionsTo,
		Education:      row.education,
		Experience:     row.experience,
		Training:       row.training,
		Source:         roles.Source{Name: projectionsName, Release: projectionsRelease, SOCCode: code, Level: level, SOCTitle: row.title},
	}
}

// copyWage keeps occupations that share an OEWS row from sharing pointers.
func copyWage(w roles.Wage) roles.Wage {
	if w.Value != nil {
		v := *w.Value
		w.Value = &v
	}
	return w
}
