package importer

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"rolefit/internal/roles"
)

// The OEWS release the importer reads.
const (
	fileOEWS    = "national_M2024_dl.xlsx"
	sheetOEWS   = "national_M2024_dl"
	oewsName    = "BLS Occupational Employment and Wage Statistics"
	oewsRelease = "May 2024"
	oewsYear    = 2024
)

// TopAnnualWage is the highest annual wage OEWS May 2024 publishes; a cell
// marked "#" means the wage is at least this much.
const TopAnnualWage = 239200

// oewsRow is one national cross-industry OEWS row.
type oewsRow struct {
	title      string
	group      string // O_GROUP: total, major, minor, broad or detailed
	employment *int
	wages      [5]roles.Wage // P10, P25, median, P75, P90
}

var oewsColumns = []string{
	"I_GROUP", "OCC_CODE", "OCC_TITLE", "O_GROUP", "TOT_EMP",
	"A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90",
}

// readOEWS reads the national OEWS sheet, keyed by SOC code (every level:
// detailed, broad, minor, major). Hourly-only occupations (HOURLY = TRUE,
// e.g. actors) carry "*" in the annual columns and so get nil annual wages.
func readOEWS(path string) (map[string]oewsRow, int, error) {
	name := filepath.Base(path)
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	rows, err := f.Rows(sheetOEWS)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: sheet %s: %w", name, sheetOEWS, err)
	}
	defer rows.Close()

	out := map[string]oewsRow{}
	var idx []int
	line := 0
	for rows.Next() {
		line++
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, 0, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		if line == 1 {
			if idx, err = columnIndex(cells, oewsColumns); err != nil {
				return nil, 0, fmt.Errorf("%s:1: %w", name, err)
			}
			continue
		}
		if len(cells) == 0 {
			continue // excelize reports a row with no cells; nothing to read
		}
		// A row stops at its last non-empty cell; read missing cells as "".
		get := func(i int) string {
			if j := idx[i]; j < len(cells) {
				return strings.TrimSpace(cells[j])
			}
			return ""
		}
		if get(0) != "cross-industry" {
			continue
		}
		code := get(1)
		r := oewsRow{title: get(2), group: get(3)}
		if r.employment, err = parseEmployment(get(4)); err != nil {
			return nil, 0, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		for i := range r.wages {
			if r.wages[i], err = parseWage(oewsColumns[5+i], get(5+i)); err != nil {
				return nil, 0, fmt.Errorf("%s:%d: %w", name, line, err)
			}
		}
		// OEWS lists a few broad groups it does not split (e.g. 31-1120)
		// twice, as "broad" and as "detailed", with the same figures.
		// Keep the broad row; any other repeat is an error.
		if prev, dup := out[code]; dup {
			if prev.group == r.group {
				return nil, 0, fmt.Errorf("%s:%d: OCC_CODE %s appears twice as %s", name, line, code, r.group)
			}
			if prev.group == "broad" {
				continue
			}
		}
		out[code] = r
	}
	if err := rows.Error(); err != nil {
		return nil, 0, fmt.Errorf("%s: %w", name, err)
	}
	if line == 0 {
		return nil, 0, fmt.Errorf("%s: sheet %s is empty", name, sheetOEWS)
	}
	return out, line - 1, nil
}

// parseEmployment reads TOT_EMP; "*" or "**" (estimate not released)
// becomes nil.
func parseEmployment(s string) (*int, error) {
	if s == "*" || s == "**" {
		return nil, nil
	}
	n, err := parseWhole("TOT_EMP", s)
	if err != nil {
		return nil, err
	}
	if n < 0 {
		return nil, fmt.Errorf("TOT_EMP %d is negative", n)
	}
	return &n, nil
}

// parseWage reads one annual wage cell: "*" is not available, "#" is at or
// above TopAnnualWage.
func parseWage(column, s string) (roles.Wage, error) {
	switch s {
	case "*":
		return roles.Wage{}, nil
	case "#":
		top := TopAnnualWage
		return roles.Wage{Value: &top, AtLeast: true}, nil
	}
	n, err := parseWhole(column, s)
	if err != nil {
		return roles.Wage{}, err
	}
	if n <= 0 {
		return roles.Wage{}, fmt.Errorf("%s %d is not a positive wage", column, n)
	}
	return roles.Wage{Value: &n}, nil
}
