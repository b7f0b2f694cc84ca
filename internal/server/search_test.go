package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"rolefit/internal/roles"
	"rolefit/internal/store"
)

func apiSlugs(t *testing.T, a *testApp, query string) []string {
	t.Helper()
	res, body := a.get(t, "/api/v1/roles?"+query)
	wantStatus(t, res, http.StatusOK)
	var out struct {
		Roles []struct{ Slug, Title, Category, ONetCode, SOCCode string } `json:"roles"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	slugs := make([]string, len(out.Roles))
	for i, r := range out.Roles {
		slugs[i] = r.Slug
	}
	return slugs
}

func TestSearchRanksTheObviousRoleFirst(t *testing.T) {
	a := newTestApp(t)
	tests := []struct {
		q, want string
		within  int
	}{
		{"backend", "back-end-web-developer", 1},
		{"back end", "back-end-web-developer", 1},
		{"Back-End", "back-end-web-developer", 1},
		{"api developer", "back-end-web-developer", 1},
		{"backend dev", "back-end-web-developer", 1},
		{"nurse", "registered-nurse", 3},
		{"front end", "front-end-web-developer", 1},
		{"plumb", "plumber", 1},
		{"UX", "ux-designer", 1},
	}
	for _, tt := range tests {
		got := apiSlugs(t, a, "q="+url.QueryEscape(tt.q))
		found := false
		for i := 0; i < tt.within && i < len(got); i++ {
			found = found || got[i] == tt.want
		}
		if !found {
			t.Errorf("search %q: got %v, want %s in the top %d", tt.q, got, tt.want, tt.within)
		}
	}
	if got := apiSlugs(t, a, "q=zzzzqqq"); len(got) != 0 {
		t.Errorf("nonsense query: got %v, want nothing", got)
	}
	// Query syntax of search engines, typed by a person, is only words.
	for _, q := range []string{`"`, `AND OR NOT`, `*`, `a:b`, `(`, `NEAR(x y)`, "^"} {
		res, _ := a.get(t, "/api/v1/roles?q="+url.QueryEscape(q))
		wantStatus(t, res, http.StatusOK)
		res, _ = a.get(t, "/search?q="+url.QueryEscape(q))
		wantStatus(t, res, http.StatusOK)
	}
}

func TestSearchPageEscapesInput(t *testing.T) {
	a := newTestApp(t)
	inj := `<script>alert(1)</script>"><img src=x onerror=alert(1)>`
	res, body := a.get(t, "/search?q="+url.QueryEscape(inj))
	wantStatus(t, res, http.StatusOK)
	if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") {
		t.Error("search query echoed unescaped")
	}
	wantContains(t, body, "&lt;script&gt;alert(1)&lt;/script&gt;")

	res, body = a.get(t, "/search?q=backend")
	wantStatus(t, res, http.StatusOK)
	wantContains(t, body, `<a href="/roles/back-end-web-developer">Back-End Web Developer</a>`, `value="backend"`)

	res, _ = a.get(t, "/search?q="+strings.Repeat("a", 300))
	wantStatus(t, res, http.StatusBadRequest)
}

func TestAPIRoleFiguresAreExact(t *testing.T) {
	a := newTestApp(t)
	res, body := a.get(t, "/api/v1/roles/back-end-web-developer")
	wantStatus(t, res, http.StatusOK)
	var d struct {
		ONetCode, SOCCode, OccupationTitle, Education string
		CoreSkills                                    []string
		Related                                       []string
		Employment                                    int
		Pay                                           struct{ Median, P10, P90, Year int }
		Outlook                                       struct {
			PercentChange float64 `json:"percent_change"`
			From, To      int
		}
	}
	if err := json.Unmarshal([]byte(strings.NewReplacer(`"onet_code"`, `"ONetCode"`, `"soc_code"`, `"SOCCode"`,
		`"occupation_title"`, `"OccupationTitle"`, `"core_skills"`, `"CoreSkills"`).Replace(body)), &d); err != nil {
		t.Fatal(err)
	}
	if d.ONetCode != "15-1254.00" || d.SOCCode != "15-1254" || d.OccupationTitle != "Web Developers" {
		t.Errorf("codes: got %s %s %s", d.ONetCode, d.SOCCode, d.OccupationTitle)
	}
	if d.Pay.Median != 90930 || d.Pay.P10 != 48560 || d.Pay.P90 != 162870 || d.Pay.Year != 2024 {
		t.Errorf("pay: got %+v, want 90930 / 48560 / 162870 / 2024", d.Pay)
	}
	if d.Employment != 78860 || d.Outlook.PercentChange != 7.5 || d.Outlook.From != 2024 || d.Outlook.To != 2034 {
		t.Errorf("employment/outlook: got %d %+v", d.Employment, d.Outlook)
	}
	if d.Education != "Bachelor's degree" || len(d.CoreSkills) != 5 || len(d.Related) < 3 {
		t.Errorf("education/skills/related: got %q %v %v", d.Education, d.CoreSkills, d.Related)
	}
	if !strings.Contains(body, `"source":{"name":"BLS Occupational Employment and Wage Statistics","release":"May 2024"`) {
		t.Error("pay source missing")
	}
	wantContains(t, body, `"sets_apart":[{"element_id":"2.B.3.e","name":"Programming","kind":"skill","z":`,
		`"figures_for":{"soc_code":"15-1254","title":"Web developers","level":"occupation"}`)

	res, body = a.get(t, "/api/v1/roles/nobody")
	wantStatus(t, res, http.StatusNotFound)
	if ct := res.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("got content type %q, want application/problem+json", ct)
	}
	wantContains(t, body, `"status":404`)

	if got := apiSlugs(t, a, "category=technology"); len(got) < 20 {
		t.Errorf("technology: got %d roles, want at least 20", len(got))
	}
	res, _ = a.get(t, "/api/v1/roles?category=nowhere")
	wantStatus(t, res, http.StatusNotFound)
}

func TestSearchForgivesAndSuggests(t *testing.T) {
	a := newTestApp(t)
	res, body := a.get(t, "/search?q=develper")
	wantStatus(t, res, http.StatusOK)
	wantContains(t, body, "for “develper”, read as “developer”.", `<a href="/roles/back-end-web-developer">Back-End Web Developer</a>`,
		"alternate and reported job titles of the O*NET 29.3 Database")

	// An alternate title that matched is named beside the role.
	_, body = a.get(t, "/search?q=ethical+hacker")
	wantContains(t, body, `<a href="/roles/penetration-tester">Penetration Tester</a> <span class="muted small">(also called Ethical Hacker)</span>`)

	// Nothing found: a suggestion that finds something, and the fields.
	_, body = a.get(t, "/search?q=develoopperr")
	wantContains(t, body, "0 results for “develoopperr”", `Did you mean <a href="/search?q=developer">developer</a>?`,
		"Or browse a field", `<a href="/roles/category/technology">Technology</a>`)
	_, body = a.get(t, "/search?q=zzzzqqq")
	wantContains(t, body, "Try a shorter word or a different spelling.", `<a href="/roles/category/legal">Legal</a>`)

	// The API says the same.
	res, body = a.get(t, "/api/v1/roles?q=develoopperr")
	wantStatus(t, res, http.StatusOK)
	wantContains(t, body, `"roles":[]`, `"suggestions":["developer"]`)
	_, body = a.get(t, "/api/v1/roles?q="+url.QueryEscape("data scientst"))
	wantContains(t, body, `"corrected":"data scientist"`, `"slug":"data-scientist"`)
}

// TestSearchSeesAnotherInstancesImport runs two servers on one database
// file, as two instances behind a load balancer would: an import through
// one is found by the other's search without a restart.
func TestSearchSeesAnotherInstancesImport(t *testing.T) {
	a := newTestApp(t)
	if got := apiSlugs(t, a, "include=occupations&q=zymurgist"); len(got) != 0 {
		t.Fatalf("before the import: got %v, want nothing", got)
	}
	other, err := store.Open(context.Background(), a.path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	occ := roles.Occupation{ONetCode: "15-1299.99", SOCCode: "15-1299", Title: "Made-up Zymurgists",
		Description: "Made-up words.", JobZone: 4, Titles: []string{"Brewery Yeast Lead"}}
	if err := other.ImportOccupations(context.Background(), []roles.Occupation{occ}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"zymurgist", "yeast lead"} {
		if got := apiSlugs(t, a, "include=occupations&q="+url.QueryEscape(q)); len(got) == 0 || got[0] != OccupationSlug(occ.ONetCode) {
			t.Errorf("after the other instance's import, %q: got %v, want the imported occupation first", q, got)
		}
	}
	_, body := a.get(t, "/search?q=zymurgists")
	wantContains(t, body, `href="/occupations/15-1299.99"`, "data-only profile")
}
