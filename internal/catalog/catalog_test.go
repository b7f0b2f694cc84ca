package catalog

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"rolefit/data"
	"rolefit/internal/roles"
)

func TestEmbeddedCatalogIsValid(t *testing.T) {
	c, err := Load(data.FS)
	if err != nil {
		t.Fatalf("embedded catalog: %v", err)
	}
	if got := len(c.Roles); got < 120 {
		t.Errorf("got %d roles, want at least 120", got)
	}
	perCat := map[string]int{}
	for _, r := range c.Roles {
		perCat[r.Category]++
	}
	if got := len(perCat); got < 15 {
		t.Errorf("got %d categories in use, want at least 15", got)
	}
	if got := perCat["technology"]; got < 20 {
		t.Errorf("got %d technology roles, want at least 20", got)
	}
	// The SOC major groups covered by the roles' occupations.
	majors := map[string]bool{}
	for _, r := range c.Roles {
		majors[r.ONetCode[:2]] = true
	}
	for _, g := range []string{"11", "13", "15", "17", "19", "21", "23", "25", "27", "29", "31", "33", "35", "37", "39", "41", "43", "45", "47", "49", "51", "53"} {
		if !majors[g] {
			t.Errorf("no role in SOC major group %s", g)
		}
	}
	// Roles sharing an occupation must say how they differ: each has a
	// trait on a follow-up scale, which the follow-up questions ask about
	// (identical trait sets are a load error, see validate).
	byCode := map[string][]roles.Role{}
	for _, r := range c.Roles {
		byCode[r.ONetCode] = append(byCode[r.ONetCode], r)
	}
	for code, rs := range byCode {
		if len(rs) < 2 {
			continue
		}
		for _, r := range rs {
			if !slices.ContainsFunc(r.Traits, func(tr roles.Trait) bool { _, ok := c.Scale(tr.Dimension); return ok }) {
				t.Errorf("%s shares %s with %d other roles but has no trait on a follow-up scale", r.Slug, code, len(rs)-1)
			}
		}
	}
}

func TestBackEndRole(t *testing.T) {
	c, err := Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	r, ok := c.Role("back-end-web-developer")
	if !ok {
		t.Fatal("back-end-web-developer missing")
	}
	if got, want := strings.Join(r.CoreSkills, ", "), "Programming, Critical Thinking, Reading Comprehension, Complex Problem Solving, Operations Analysis"; got != want {
		t.Errorf("core skills: got %s, want %s", got, want)
	}
	// The default (top five by importance) must agree with the hand-listed ones.
	o := c.Occupations[r.ONetCode]
	if got := strings.Join(TopSkills(o, c.Elements, 5), ", "); got != strings.Join(r.CoreSkills, ", ") {
		t.Errorf("TopSkills: got %s, want the role's core skills", got)
	}
	if got := strings.Join(r.Related[:3], ","); got != "web-director,web-engineer,interface-designer" {
		t.Errorf("related: got %s", got)
	}
	if o.Pay == nil || o.Pay.Median.Value == nil || *o.Pay.Median.Value != 90930 {
		t.Errorf("median pay: got %+v, want 90930", o.Pay)
	}
}

// bare builds a two-role catalog without the issue 11 sections (how to
// become one, work environment, tags, traits), which complete adds.
func bare(t *testing.T) fstest.MapFS {
	t.Helper()
	files := fstest.MapFS{}
	for _, name := range []string{FiguresFile, QuestionsFile, FollowUpsFile} {
		b, err := data.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = &fstest.MapFile{Data: b}
	}
	words := strings.Repeat("word ", 70)
	role := func(slug, rel string) string {
		return "slug: " + slug + "\ntitle: T " + slug + "\ncategory: technology\nonet_code: \"15-1254.00\"\nalternate_titles: [A]\nsummary: S\n" +
			"day_to_day: " + words + "\nharder_than_expected: " + words + "\nwho_thrives: " + words + "\nlook_elsewhere: " + words +
			"\nrelated: [" + rel + "]\n"
	}
	files[CategoriesFile] = &fstest.MapFile{Data: []byte("- slug: technology\n  name: Technology\n  description: D\n- slug: other\n  name: Other\n  description: D\n")}
	files["roles/a-role.yaml"] = &fstest.MapFile{Data: []byte(role("a-role", "b-role"))}
	files["roles/b-role.yaml"] = &fstest.MapFile{Data: []byte(role("b-role", "a-role"))}
	return files
}

func TestValidationCatchesMistakes(t *testing.T) {
	if _, err := Load(complete(t)); err != nil {
		t.Fatalf("minimal catalog should load: %v", err)
	}
	tests := []struct {
		name, file, from, to, wantErr string
	}{
		{"unresolved related", "roles/a-role.yaml", "related: [b-role]", "related: [nobody]", `related role "nobody" does not resolve`},
		{"self related", "roles/a-role.yaml", "related: [b-role]", "related: [a-role]", `related role "a-role" does not resolve`},
		{"unknown category", "roles/a-role.yaml", "category: technology", "category: space", `unknown category "space"`},
		{"no figures", "roles/a-role.yaml", `"15-1254.00"`, `"99-9999.00"`, "has no figures"},
		{"slug mismatch", "roles/a-role.yaml", "slug: a-role", "slug: c-role", "does not match the file name"},
		{"unknown key", "roles/a-role.yaml", "summary: S", "summry: S", "not found in type"},
		{"short narrative", "roles/a-role.yaml", strings.Repeat("word ", 70), "few words", "narrative has 212 words"},
		{"bad skill", "roles/a-role.yaml", "related:", "core_skills: [Juggling]\nrelated:", `core skill "Juggling"`},
		{"emphasis is gone", "roles/a-role.yaml", "related:", "emphasis:\n  - descriptor: Programming\n    weight: 1\nrelated:", "field emphasis not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := complete(t)
			f := fsys[tt.file]
			if !strings.Contains(string(f.Data), tt.from) {
				t.Fatalf("fixture lacks %q", tt.from)
			}
			fsys[tt.file] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), tt.from, tt.to, 1))}
			_, err := Load(fsys)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("got error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestDuplicateSlugAcrossFilesIsCaught(t *testing.T) {
	fsys := complete(t)
	c, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	c.Roles = append(c.Roles, c.Roles[0])
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "duplicate slug") {
		t.Errorf("got %v, want a duplicate slug error", err)
	}
}

func TestFiguresMustBeSourcedAndInRange(t *testing.T) {
	c, err := Load(complete(t))
	if err != nil {
		t.Fatal(err)
	}
	o := c.Occupations["15-1254.00"]
	bad := 5
	pay := *o.Pay
	pay.P90 = roles.Wage{Value: &bad}
	pay.Source.Name = ""
	o.Pay = &pay
	c.Occupations["15-1254.00"] = o
	err = c.Validate()
	for _, want := range []string{"out of range", "pay has no source"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want an error containing %q", err, want)
		}
	}
}

// TestRelatedRolesAreSupportedByData checks that every related role is
// backed by O*NET, not only by a writer's judgment: the same occupation,
// an occupation O*NET lists as related (primary tiers, either way), or at
// least half of the ten most important skills in common.
func TestRelatedRolesAreSupportedByData(t *testing.T) {
	c, err := Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	top := func(o roles.Occupation) map[string]bool {
		m := map[string]bool{}
		for _, s := range TopSkills(o, c.Elements, 10) {
			m[s] = true
		}
		return m
	}
	for _, r := range c.Roles {
		o := c.Occupations[r.ONetCode]
		for _, slug := range r.Related {
			rel, _ := c.Role(slug)
			o2 := c.Occupations[rel.ONetCode]
			if o.ONetCode == o2.ONetCode || slices.Contains(o.Related, o2.ONetCode) || slices.Contains(o2.Related, o.ONetCode) {
				continue
			}
			shared := 0
			a, b := top(o), top(o2)
			for s := range a {
				if b[s] {
					shared++
				}
			}
			if shared < 5 {
				t.Errorf("%s → %s: not related in O*NET and only %d of 10 top skills shared", r.Slug, slug, shared)
			}
		}
	}
}

func TestStandoutsSetRolesApart(t *testing.T) {
	c, err := Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	names := func(slug string) []string {
		r, _ := c.Role(slug)
		var out []string
		for _, s := range Standouts(c.Occupations[r.ONetCode], c.Elements, c.Norms, 3) {
			out = append(out, s.Name)
		}
		return out
	}
	if got := strings.Join(names("back-end-web-developer"), ", "); got != "Programming, Operations Analysis, Technology Design" {
		t.Errorf("back-end standouts: got %s", got)
	}
	if got := names("data-scientist"); !slices.Contains(got, "Programming") {
		t.Errorf("data scientist standouts: got %v, want Programming among them", got)
	}
	// Core skills repeat across roles; standouts should not: no element
	// sets more than a fifth of the roles apart.
	count := map[string]int{}
	for _, r := range c.Roles {
		// Three, unless the occupation rates fewer elements above the
		// average occupation (some routine jobs, such as stocker, rate
		// only one or two): never below average to fill the list.
		st := Standouts(c.Occupations[r.ONetCode], c.Elements, c.Norms, 3)
		above := len(Standouts(c.Occupations[r.ONetCode], c.Elements, c.Norms, len(c.Elements)))
		if len(st) != min(3, above) || len(st) == 0 {
			t.Errorf("%s: %d standouts of %d above average, want min(3, %d) and at least one", r.Slug, len(st), above, above)
		}
		for i, s := range st {
			if s.Z <= 0 || (i > 0 && s.Z > st[i-1].Z) {
				t.Errorf("%s: standout %s at z %.2f is not above average or out of order", r.Slug, s.Name, s.Z)
			}
			count[s.Name]++
		}
	}
	for name, n := range count {
		if n > len(c.Roles)/5 {
			t.Errorf("%s sets %d of %d roles apart, want at most a fifth", name, n, len(c.Roles))
		}
	}
}

func TestEducationFiguresAreChecked(t *testing.T) {
	c, err := Load(complete(t))
	if err != nil {
		t.Fatal(err)
	}
	o := c.Occupations["15-1254.00"]
	if o.EducationLevels == nil || o.Outlook.Training == "" {
		t.Fatalf("15-1254.00: want an education survey and BLS training in the figures, got %+v, %+v", o.EducationLevels, o.Outlook)
	}
	el := *o.EducationLevels
	el.Levels = append([]roles.EducationLevel(nil), el.Levels...)
	el.Levels[0].Percent = 50
	o.EducationLevels = &el
	ol := *o.Outlook
	ol.Training = ""
	o.Outlook = &ol
	c.Occupations["15-1254.00"] = o
	err = c.Validate()
	for _, want := range []string{"education levels sum to 145.8%", "outlook has no work experience or on-the-job training"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want an error containing %q", err, want)
		}
	}
}
