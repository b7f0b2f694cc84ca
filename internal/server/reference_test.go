package server

import (
	"rolefit/internal/testref"

	"encoding/csv"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// referenceDir returns the folder holding onet/ and bls/ (see testref).
func referenceDir(t *testing.T) string {
	t.Helper()
	return testref.Dir(t)
}

type blsRow struct {
	median, p10, p90, emp string // as printed in the workbook
	pct                   string // from the projections CSV
}

// readBLS reads the figures straight from the BLS files, independently of
// the importer, as the oracle for the API.
func readBLS(t *testing.T, dir string) map[string]*blsRow {
	t.Helper()
	rows := map[string]*blsRow{}
	f, err := excelize.OpenFile(filepath.Join(dir, "bls", "national_M2024_dl.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet, err := f.GetRows("national_M2024_dl")
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range sheet[0] {
		col[h] = i
	}
	for _, r := range sheet[1:] {
		if r[col["O_GROUP"]] != "detailed" {
			continue
		}
		rows[r[col["OCC_CODE"]]] = &blsRow{median: r[col["A_MEDIAN"]], p10: r[col["A_PCT10"]], p90: r[col["A_PCT90"]], emp: r[col["TOT_EMP"]]}
	}
	ep, err := os.Open(filepath.Join(dir, "bls", "Employment Projections.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer ep.Close()
	recs, err := csv.NewReader(ep).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs[1:] {
		if row, ok := rows[r[1]]; ok {
			row.pct = r[5]
		}
	}
	return rows
}

func TestAPIFiguresEqualTheReferenceTables(t *testing.T) {
	ref := readBLS(t, referenceDir(t))
	a := newTestApp(t)
	checked := 0
	for _, r := range a.srv.cat.Roles {
		res, body := a.get(t, "/api/v1/roles/"+r.Slug)
		wantStatus(t, res, http.StatusOK)
		var d struct {
			SOC        string `json:"soc_code"`
			Employment *int   `json:"employment"`
			Pay        *struct {
				Median, P10, P90 *int
				Source           struct{ Level string }
			} `json:"pay"`
			Outlook *struct {
				PercentChange float64 `json:"percent_change"`
				Source        struct{ Level string }
			} `json:"outlook"`
		}
		if err := json.Unmarshal([]byte(body), &d); err != nil {
			t.Fatal(err)
		}
		row, ok := ref[d.SOC]
		if !ok || d.Pay == nil || d.Pay.Source.Level != "detailed" {
			continue // BLS does not report this code in detail
		}
		checked++
		eq := func(what, want string, got *int) {
			if want == "*" || want == "#" {
				if want == "*" && got != nil {
					t.Errorf("%s %s: got %d, want none (BLS *)", r.Slug, what, *got)
				}
				return
			}
			w, err := strconv.Atoi(strings.ReplaceAll(want, ",", ""))
			if err != nil {
				t.Fatalf("%s %s: reference value %q", r.Slug, what, want)
			}
			if got == nil || *got != w {
				t.Errorf("%s %s: got %v, want %d", r.Slug, what, got, w)
			}
		}
		eq("median", row.median, d.Pay.Median)
		eq("p10", row.p10, d.Pay.P10)
		eq("p90", row.p90, d.Pay.P90)
		eq("employment", row.emp, d.Employment)
		if row.pct != "" && d.Outlook != nil && d.Outlook.Source.Level == "detailed" {
			want, _ := strconv.ParseFloat(row.pct, 64)
			if d.Outlook.PercentChange != want {
				t.Errorf("%s percent change: got %v, want %v", r.Slug, d.Outlook.PercentChange, want)
			}
		}
	}
	if checked < 150 {
		t.Errorf("checked %d roles against the reference, want at least 150", checked)
	}
}
