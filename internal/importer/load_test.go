package importer

import (
	"cmp"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"rolefit/internal/roles"
)

func TestLoadWebDevelopers(t *testing.T) {
	ds := realDataset(t)
	o := occupation(t, ds, "15-1254.00")

	ints := []struct {
		name      string
		got, want int
	}{
		{"job zone", o.JobZone, 3},
		{"pay P10", wage(t, o.Pay.P10), 48560}, // $49K
		{"pay median", wage(t, o.Pay.Median), 90930},
		{"pay P90", wage(t, o.Pay.P90), 162870}, // $163K
		{"pay year", o.Pay.Year, 2024},
		{"employment", deref(t, o.Employment), 78860},
		{"outlook from", o.Outlook.From, 2024},
		{"outlook to", o.Outlook.To, 2034},
		{"related", len(o.Related), 10},
	}
	for _, tt := range ints {
		if tt.got != tt.want {
			t.Errorf("%s: got %d, want %d", tt.name, tt.got, tt.want)
		}
	}
	strs := []struct {
		name, got, want string
	}{
		{"soc", o.SOCCode, "15-1254"},
		{"title", o.Title, "Web Developers"},
		{"riasec", o.RIASEC, "CI"}, // third high point is 0: no letter
		{"ratings from", o.RatingsFrom, ""},
		{"first related", o.Related[0], "15-1255.00"},
		{"pay source", o.Pay.Source.Name, "BLS Occupational Employment and Wage Statistics"},
		{"pay release", o.Pay.Source.Release, "May 2024"},
		{"pay soc", o.Pay.Source.SOCCode, "15-1254"},
		{"pay level", o.Pay.Source.Level, LevelDetailed},
		{"pay soc title", o.Pay.Source.SOCTitle, "Web Developers"},
		{"employment level", o.EmploymentSource.Level, LevelDetailed},
		{"education", o.Outlook.Education, "Bachelor's degree"},
		{"outlook source", o.Outlook.Source.Name, "BLS Employment Projections"},
		{"outlook release", o.Outlook.Source.Release, "2024–2034"},
		{"outlook soc title", o.Outlook.Source.SOCTitle, "Web developers"}, // alternate titles stripped
	}
	for _, tt := range strs {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
	floats := []struct {
		name      string
		got, want float64
	}{
		{"percent change", o.Outlook.PercentChange, 7.5},
		{"employment 2024 (thousands)", o.Outlook.Employment2024, 86},
		{"employment 2034 (thousands)", o.Outlook.Employment2034, 92.5},
		{"openings (thousands)", o.Outlook.Openings, 5.4},
		{"programming IM", o.Skills["2.B.3.e"].IM, 4.12},
		{"reading comprehension IM", o.Skills["2.A.1.a"].IM, 3.62},
	}
	for _, tt := range floats {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}

	wantTop := []string{"Programming", "Critical Thinking", "Reading Comprehension", "Complex Problem Solving", "Operations Analysis"}
	if got := topSkills(ds, o, 5); !slices.Equal(got, wantTop) {
		t.Errorf("top skills: got %q, want %q", got, wantTop)
	}
}

// topSkills names an occupation's n most important skills, ties broken by
// element id.
func topSkills(ds *Dataset, o roles.Occupation, n int) []string {
	names := map[string]string{}
	var ids []string
	for _, e := range ds.Elements {
		names[e.ID] = e.Name
		if e.Block == roles.BlockSkill {
			ids = append(ids, e.ID)
		}
	}
	slices.SortStableFunc(ids, func(a, b string) int {
		if c := cmp.Compare(o.Skills[b].IM, o.Skills[a].IM); c != 0 {
			return c
		}
		return compareElementIDs(a, b)
	})
	var out []string
	for _, id := range ids[:n] {
		out = append(out, names[id])
	}
	return out
}

func TestLoadCounts(t *testing.T) {
	ds := realDataset(t)
	if n := len(ds.Occupations); n < 900 {
		t.Errorf("occupations: got %d, want at least 900", n)
	}
	if !slices.IsSortedFunc(ds.Occupations, func(a, b roles.Occupation) int { return cmp.Compare(a.ONetCode, b.ONetCode) }) {
		t.Error("occupations are not sorted by O*NET code")
	}
	if ds.Release != "O*NET 29.3 Database (May 2025)" {
		t.Errorf("release: got %q, want %q", ds.Release, "O*NET 29.3 Database (May 2025)")
	}
	blocks := map[roles.Block]int{}
	for _, e := range ds.Elements {
		blocks[e.Block]++
	}
	tests := []struct {
		name      string
		got, want int
	}{
		{"interest elements", blocks[roles.BlockInterest], 6},
		{"work style elements", blocks[roles.BlockWorkStyle], 16},
		{"skill elements", blocks[roles.BlockSkill], 35},
		{"interest norms", len(ds.Norms.Interest), 6},
		{"work style norms", len(ds.Norms.WorkStyle), 16},
		{"skill IM norms", len(ds.Norms.SkillIM), 35},
		{"skill LV norms", len(ds.Norms.SkillLV), 35},
		{"gaps", len(ds.Gaps), 44},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %d, want %d", tt.name, tt.got, tt.want)
		}
	}
	for _, o := range ds.Occupations {
		if len(o.Interests) != 6 || len(o.WorkStyles) != 16 || len(o.Skills) != 35 {
			t.Errorf("%s: got %d interests, %d styles, %d skills, want 6, 16, 35", o.ONetCode, len(o.Interests), len(o.WorkStyles), len(o.Skills))
		}
	}
}

func TestLoadElementOrder(t *testing.T) {
	ds := realDataset(t)
	first := []roles.Element{
		{ID: "1.B.1.a", Name: "Realistic", Block: roles.BlockInterest},
		{ID: "1.C.1.a", Name: "Achievement/Effort", Block: roles.BlockWorkStyle},
		{ID: "2.A.1.a", Name: "Reading Comprehension", Block: roles.BlockSkill},
	}
	for i, want := range []int{0, 6, 22} {
		if got := ds.Elements[want]; got != first[i] {
			t.Errorf("element %d: got %+v, want %+v", want, got, first[i])
		}
	}
	for i := 1; i < len(ds.Elements); i++ {
		a, b := ds.Elements[i-1], ds.Elements[i]
		if a.Block == b.Block && compareElementIDs(a.ID, b.ID) >= 0 {
			t.Errorf("elements %d, %d: got %s before %s, want id order", i-1, i, a.ID, b.ID)
		}
	}
}

func TestLoadGaps(t *testing.T) {
	ds := realDataset(t)
	if n := ds.Unfilled(); n != 0 {
		t.Errorf("unfilled gaps: got %d, want 0", n)
	}
	tests := []struct {
		code, from string
	}{
		{"15-1252.00", "15-1299.08"}, // Software Developers ← Computer Systems Engineers/Architects
		{"15-1255.00", "15-1254.00"}, // Web and Digital Interface Designers ← Web Developers
	}
	for _, tt := range tests {
		o := occupation(t, ds, tt.code)
		if o.RatingsFrom != tt.from {
			t.Errorf("%s ratings from: got %q, want %q", tt.code, o.RatingsFrom, tt.from)
		}
		if len(o.Skills) != 35 || len(o.WorkStyles) != 16 {
			t.Errorf("%s: got %d skills, %d styles, want 35, 16", tt.code, len(o.Skills), len(o.WorkStyles))
		}
	}
	for _, g := range ds.Gaps {
		o := occupation(t, ds, g.ONetCode)
		from := occupation(t, ds, g.RatingsFrom)
		if from.RatingsFrom != "" {
			t.Errorf("%s borrowed from %s, which has borrowed ratings itself", g.ONetCode, g.RatingsFrom)
		}
		if !slices.Contains(o.Related, g.RatingsFrom) {
			t.Errorf("%s: got ratings from %s, want a primary related occupation (%v)", g.ONetCode, g.RatingsFrom, o.Related)
		}
		if o.Skills["2.A.1.a"] != from.Skills["2.A.1.a"] {
			t.Errorf("%s reading comprehension: got %+v, want the lender's %+v", g.ONetCode, o.Skills["2.A.1.a"], from.Skills["2.A.1.a"])
		}
	}
}

func TestLoadNorms(t *testing.T) {
	ds := realDataset(t)
	all := []map[string]roles.Norm{ds.Norms.Interest, ds.Norms.WorkStyle, ds.Norms.SkillIM, ds.Norms.SkillLV}
	for _, m := range all {
		for id, n := range m {
			if n.SD <= 0 || n.Mean <= 0 {
				t.Errorf("norm %s: got %+v, want positive mean and SD", id, n)
			}
		}
	}
	// Recompute one norm from the occupations' own ratings only.
	var vals []float64
	for _, o := range ds.Occupations {
		if o.RatingsFrom == "" {
			vals = append(vals, o.Skills["2.B.3.e"].IM)
		}
	}
	if len(vals) != 879 {
		t.Fatalf("rated occupations: got %d, want 879", len(vals))
	}
	var mean, sq float64
	for _, v := range vals {
		mean += v / float64(len(vals))
	}
	for _, v := range vals {
		sq += (v - mean) * (v - mean)
	}
	want := roles.Norm{Mean: mean, SD: math.Sqrt(sq / float64(len(vals)))}
	got := ds.Norms.SkillIM["2.B.3.e"]
	if math.Abs(got.Mean-want.Mean) > 1e-9 || math.Abs(got.SD-want.SD) > 1e-9 {
		t.Errorf("programming IM norm: got %+v, want %+v", got, want)
	}
}

func TestLoadWages(t *testing.T) {
	ds := realDataset(t)

	// Anesthesiologists: OEWS prints "#" from the median up.
	a := occupation(t, ds, "29-1211.00")
	if got := wage(t, a.Pay.P10); got != 124450 || a.Pay.P10.AtLeast {
		t.Errorf("anesthesiologists P10: got %d at least %v, want 124450 exact", got, a.Pay.P10.AtLeast)
	}
	for name, w := range map[string]roles.Wage{"median": a.Pay.Median, "P75": a.Pay.P75, "P90": a.Pay.P90} {
		if got := wage(t, w); got != TopAnnualWage || !w.AtLeast {
			t.Errorf("anesthesiologists %s: got %d at least %v, want %d at least true", name, got, w.AtLeast, TopAnnualWage)
		}
	}

	// Actors: hourly wages only, so every annual figure is "*".
	actors := occupation(t, ds, "27-2011.00")
	for name, w := range map[string]roles.Wage{"P10": actors.Pay.P10, "P25": actors.Pay.P25, "median": actors.Pay.Median, "P75": actors.Pay.P75, "P90": actors.Pay.P90} {
		if w.Value != nil || w.AtLeast {
			t.Errorf("actors %s: got %+v, want no value", name, w)
		}
	}
	if got := deref(t, actors.Employment); got != 38800 {
		t.Errorf("actors employment: got %d, want 38800", got)
	}

	// No figure anywhere may come out as zero.
	for _, o := range ds.Occupations {
		if o.Pay == nil {
			continue
		}
		for _, w := range []roles.Wage{o.Pay.P10, o.Pay.P25, o.Pay.Median, o.Pay.P75, o.Pay.P90} {
			if w.Value != nil && *w.Value <= 0 {
				t.Errorf("%s: got wage %d, want positive or nil", o.ONetCode, *w.Value)
			}
		}
		if o.Employment != nil && *o.Employment <= 0 {
			t.Errorf("%s: got employment %d, want positive or nil", o.ONetCode, *o.Employment)
		}
	}
}

func TestLoadSOCLevels(t *testing.T) {
	ds := realDataset(t)
	tests := []struct {
		code                     string
		paySOC, payLevel         string // "" for no pay
		outSOC, outLevel         string // "" for no outlook
		paySOCTitle, outSOCTitle string
	}{
		{"15-1254.00", "15-1254", LevelDetailed, "15-1254", LevelDetailed, "Web Developers", "Web developers"},
		{"21-1014.00", "21-1018", LevelMerged, "21-1018", LevelMerged, "Substance Abuse, Behavioral Disorder, and Mental Health Counselors", "Substance abuse, behavioral disorder, and mental health counselors"},
		{"21-1011.00", "21-1018", LevelMerged, "21-1018", LevelMerged, "Substance Abuse, Behavioral Disorder, and Mental Health Counselors", "Substance abuse, behavioral disorder, and mental health counselors"},
		{"25-2055.00", "25-2052", LevelMerged, "25-2052", LevelMerged, "Special Education Teachers, Kindergarten and Elementary School", "Special education teachers, kindergarten and elementary school"},
		{"31-1121.00", "31-1120", LevelBroad, "31-1120", LevelBroad, "Home Health and Personal Care Aides", "Home health and personal care aides"},
		// OEWS lists 13-1020 both as broad and as detailed; the broad row wins.
		{"13-1021.00", "13-1020", LevelBroad, "13-1020", LevelBroad, "Buyers and Purchasing Agents", "Buyers and purchasing agents"},
		// OEWS has no fishing or hunting workers at any level; EP does.
		{"45-3031.00", "", "", "45-3031", LevelDetailed, "", "Fishing and hunting workers"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			o := occupation(t, ds, tt.code)
			if tt.paySOC == "" {
				if o.Pay != nil || o.Employment != nil || o.EmploymentSource != nil {
					t.Errorf("pay: got %+v, employment %v, want none", o.Pay, o.Employment)
				}
			} else {
				if o.Pay == nil {
					t.Fatalf("pay: got nil, want figures at %s", tt.paySOC)
				}
				got := o.Pay.Source
				if got.SOCCode != tt.paySOC || got.Level != tt.payLevel || got.SOCTitle != tt.paySOCTitle {
					t.Errorf("pay source: got %s %s %q, want %s %s %q", got.SOCCode, got.Level, got.SOCTitle, tt.paySOC, tt.payLevel, tt.paySOCTitle)
				}
				if o.EmploymentSource == nil || *o.EmploymentSource != got {
					t.Errorf("employment source: got %+v, want %+v", o.EmploymentSource, got)
				}
			}
			if o.Outlook == nil {
				t.Fatalf("outlook: got nil, want figures at %s", tt.outSOC)
			}
			got := o.Outlook.Source
			if got.SOCCode != tt.outSOC || got.Level != tt.outLevel || got.SOCTitle != tt.outSOCTitle {
				t.Errorf("outlook source: got %s %s %q, want %s %s %q", got.SOCCode, got.Level, got.SOCTitle, tt.outSOC, tt.outLevel, tt.outSOCTitle)
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	dir := referenceDir(t)
	tests := []struct {
		name, onet, bls, wantFile string
	}{
		{"no O*NET", t.TempDir(), filepath.Join(dir, "bls"), fileReadMe},
		{"no BLS", filepath.Join(dir, "onet"), t.TempDir(), fileOEWS},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.onet, tt.bls, nil)
			if err == nil || !strings.Contains(err.Error(), tt.wantFile) || !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("got %v, want a not-exist error naming %s", err, tt.wantFile)
			}
		})
	}
}

func TestLoadProgress(t *testing.T) {
	dir := referenceDir(t)
	rows, calls := map[string]int{}, map[string]int{}
	_, err := Load(filepath.Join(dir, "onet"), filepath.Join(dir, "bls"), func(file string, n int) {
		rows[file] = n
		calls[file]++
	})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := map[string]int{
		fileReadMe: 0, fileOccupations: 1016, fileJobZones: 923, fileInterests: 8307,
		fileWorkStyles: 14064, fileSkills: 61530, fileRelated: 18460, fileAltTitles: 56560, fileReported: 7796,
		fileOEWS: 1403, fileProjections: 832, fileEducationCategories: 41, fileEducation: 36209,
	}
	if len(rows) != len(want) {
		t.Errorf("files reported: got %d, want %d", len(rows), len(want))
	}
	for file, n := range want {
		if calls[file] != 1 || rows[file] != n {
			t.Errorf("%s: got %d calls, %d rows, want 1 call, %d rows", file, calls[file], rows[file], n)
		}
	}
}

func wage(t *testing.T, w roles.Wage) int {
	t.Helper()
	if w.Value == nil {
		t.Fatalf("wage: got nil, want a value")
	}
	return *w.Value
}

func deref(t *testing.T, p *int) int {
	t.Helper()
	if p == nil {
		t.Fatalf("got nil, want a value")
	}
	return *p
}

func BenchmarkLoad(b *testing.B) {
	dir := os.Getenv("ROLEFIT_REFERENCE")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "reference")
	}
	if _, err := os.Stat(filepath.Join(dir, "onet")); err != nil {
		b.Skipf("reference data not found: %v", err)
	}
	for b.Loop() {
		if _, err := Load(filepath.Join(dir, "onet"), filepath.Join(dir, "bls"), nil); err != nil {
			b.Fatal(err)
		}
	}
}
