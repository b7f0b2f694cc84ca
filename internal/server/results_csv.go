package server

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
)

// csvHeader names the columns of a result's CSV download. The figures are
// those of the BLS group named in figures_group, never of the role alone.
var csvHeader = []string{"rank", "role", "url", "fit", "band", "tier", "category", "shortlisted", "hidden",
	"figures_group", "figures_soc", "median_pay", "pay_p10", "pay_p90", "growth_percent", "growth_to", "employment", "typical_education"}

// resultCSV writes every match of ev as a CSV file, in rank order.
func (s *Server) resultCSV(ev *evaluation) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.Write(csvHeader); err != nil {
		return nil, err
	}
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	for i, m := range ev.Ranking.Matches {
		t, ok := s.targets[m.Slug]
		if !ok {
			continue
		}
		f := t.raw
		growth := ""
		if t.HasGrowth {
			growth = strconv.FormatFloat(t.Growth, 'f', 1, 64)
		}
		row := []string{strconv.Itoa(i + 1), t.Title, t.Href, strconv.Itoa(m.Fit), m.Band().Label(), strconv.Itoa(m.Tier), t.Category,
			yes(slices.Contains(ev.Result.Shortlist, m.Slug)), yes(slices.Contains(ev.Result.Hidden, m.Slug)),
			f.Group, f.SOC, count(t.Pay), count(f.P10), count(f.P90), growth, count(f.GrowthTo), count(f.Employment), t.Education}
		for j := range row {
			row[j] = csvCell(row[j])
		}
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// count is a whole number for a cell, "" for 0 (not published).
func count(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// csvCell keeps a spreadsheet from reading a cell as a formula: text that
// starts with =, +, -, @ or a control character gets a leading apostrophe
// (OWASP's advice). Numbers, negative growth included, are left alone.
func csvCell(v string) string {
	if v == "" || !strings.ContainsAny(v[:1], "=+-@\t\r") {
		return v
	}
	if _, err := strconv.ParseFloat(v, 64); err == nil {
		return v
	}
	return "'" + v
}

// sendCSV answers with a CSV attachment.
func sendCSV(c echo.Context, name string, b []byte) error {
	h := c.Response().Header()
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", b)
}
