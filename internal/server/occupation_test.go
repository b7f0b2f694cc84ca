package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"rolefit/internal/importer"
	"rolefit/internal/roles"
)

func TestImportedOccupationsGetDataOnlyProfiles(t *testing.T) {
	a := newTestApp(t)
	importReference(t, a)
	// Software Developers: unrated in O*NET 29.3, filled from a relative.
	res, body := a.get(t, "/occupations/15-1252.00")
	wantStatus(t, res, http.StatusOK)
	wantContains(t, body, "<h1>Software Developers</h1>", "Description from the O*NET 29.3 Database",
		"closest rated relative", `href="/roles/software-developer"`)
	// An occupation with no role and no OEWS wages still renders honestly.
	res, body = a.get(t, "/occupations/45-3031.00")
	wantStatus(t, res, http.StatusOK)
	wantContains(t, body, "not published")
	// Category pages list the field's data-only occupations.
	res, body = a.get(t, "/roles/category/technology")
	wantStatus(t, res, http.StatusOK)
	wantContains(t, body, "More Technology occupations", `href="/occupations/15-1299.06"`)
	// Data-only occupations are searchable, after the written roles.
	res, body = a.get(t, "/search?q=forensics")
	wantStatus(t, res, http.StatusOK)
	wantContains(t, body, `href="/occupations/15-1299.06"`, "data-only profile")
	res, _ = a.get(t, "/occupations/99-9999.00")
	wantStatus(t, res, http.StatusNotFound)
}

func TestImportedOccupationsAreMatched(t *testing.T) {
	ref := referenceDir(t)
	ds, err := importer.Load(filepath.Join(ref, "onet"), filepath.Join(ref, "bls"), nil)
	if err != nil {
		t.Fatal(err)
	}
	a := newTestAppTB(t, appSetup{extra: ds.Occupations})
	if err := a.db.ImportOccupations(context.Background(), ds.Occupations); err != nil {
		t.Fatal(err)
	}
	if got := len(a.srv.targets); got < 850 {
		t.Fatalf("got %d match targets, want every rated occupation (850+)", got)
	}
	loc := a.answerAll(t, func(id string) int { return 1 + len(id)*7%5 })
	res, body := a.get(t, loc)
	wantStatus(t, res, http.StatusOK)
	n := strconv.Itoa(len(a.srv.targets))
	wantContains(t, body, "Showing "+n+" of "+n+" careers")
	// The table's pages list every match after the cards, once, imported
	// occupations (linked to their data-only pages) among them.
	rows, occupations := 0, 0
	seen := map[string]bool{}
	for page := 1; ; page++ {
		_, body := a.get(t, fmt.Sprintf("%s?sort=title&page=%d", loc, page))
		for _, m := range regexp.MustCompile(`<tr id="m-([a-z0-9-]+)">`).FindAllStringSubmatch(body, -1) {
			if seen[m[1]] {
				t.Fatalf("page %d lists %s again", page, m[1])
			}
			seen[m[1]] = true
			rows++
		}
		occupations += strings.Count(body, `<th scope="row"><a href="/occupations/`)
		if !strings.Contains(body, `rel="next"`) {
			break
		}
	}
	if rows != len(a.srv.targets)-topMatches || occupations < 500 {
		t.Errorf("the table's pages list %d matches, %d of them imported occupations; want %d, most of them occupations", rows, occupations, len(a.srv.targets)-topMatches)
	}
}

// importReference loads the reference release into the test app's database.
func importReference(t *testing.T, a *testApp) {
	t.Helper()
	ref := referenceDir(t)
	ds, err := importer.Load(filepath.Join(ref, "onet"), filepath.Join(ref, "bls"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.db.ImportOccupations(context.Background(), ds.Occupations); err != nil {
		t.Fatal(err)
	}
}

func TestImportedOccupationsAreListed(t *testing.T) {
	a := newTestApp(t)
	importReference(t, a)
	covered := map[string]bool{}
	for _, r := range a.srv.cat.Roles {
		covered[r.ONetCode] = true
	}

	// The Careers index: every written role and every data-only
	// occupation, each under the field of its SOC major group.
	res, body := a.get(t, "/roles")
	wantStatus(t, res, http.StatusOK)
	roleLinks := strings.Count(body, `<li><a href="/roles/`)
	occLinks := regexp.MustCompile(`<li><a href="/occupations/([0-9.-]+)">`).FindAllStringSubmatch(body, -1)
	if roleLinks != len(a.srv.cat.Roles) || roleLinks+len(occLinks) < 900 {
		t.Errorf("Careers index lists %d roles and %d occupations, want all %d roles and 900+ entries", roleLinks, len(occLinks), len(a.srv.cat.Roles))
	}
	wantContains(t, body, "with official figures only")
	for _, sec := range regexp.MustCompile(`(?s)<section aria-labelledby="cat-([a-z-]+)">(.*?)</section>`).FindAllStringSubmatch(body, -1) {
		for _, m := range regexp.MustCompile(`href="/occupations/([0-9.-]+)"`).FindAllStringSubmatch(sec[2], -1) {
			if got := roles.CategoryForSOC(m[1]); got != sec[1] {
				t.Errorf("Careers index lists %s under %s, want %s", m[1], sec[1], got)
			}
			if covered[m[1]] {
				t.Errorf("Careers index lists %s as data-only, but a written role covers it", m[1])
			}
		}
	}

	// The API, with and without the occupations.
	var all struct {
		Roles []struct{ Slug, Title, Category, Kind, URL, ONetCode string } `json:"roles"`
	}
	res, body = a.get(t, "/api/v1/roles?include=occupations")
	wantStatus(t, res, http.StatusOK)
	if err := json.Unmarshal([]byte(strings.ReplaceAll(body, `"onet_code"`, `"ONetCode"`)), &all); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, r := range all.Roles {
		kinds[r.Kind]++
		if r.Kind == "occupation" {
			if r.Category != roles.CategoryForSOC(r.ONetCode) || r.URL != "/occupations/"+r.ONetCode || covered[r.ONetCode] {
				t.Errorf("occupation item %+v: wrong category, url, or covered by a role", r)
			}
		}
	}
	if kinds["role"] != len(a.srv.cat.Roles) || len(all.Roles) < 900 || kinds["occupation"] != len(occLinks) {
		t.Errorf("include=occupations lists %v (%d in all), want every role, 900+ entries, and the %d occupations of the index", kinds, len(all.Roles), len(occLinks))
	}
	if got := apiSlugs(t, a, ""); len(got) != len(a.srv.cat.Roles) {
		t.Errorf("without include: %d items, want the %d roles", len(got), len(a.srv.cat.Roles))
	}
	// A category filter keeps both kinds: the first data-only occupation
	// of the index is listed with its field's written roles (the writers
	// may cover any one occupation, so none is named here).
	if len(occLinks) == 0 {
		t.Fatal("the Careers index lists no data-only occupation")
	}
	code := occLinks[0][1]
	cat := roles.CategoryForSOC(code)
	var catRole string
	for _, r := range a.srv.cat.Roles {
		if r.Category == cat {
			catRole = r.Slug
			break
		}
	}
	inCat := apiSlugs(t, a, "include=occupations&category="+cat)
	if !slices.Contains(inCat, OccupationSlug(code)) || (catRole != "" && !slices.Contains(inCat, catRole)) {
		t.Errorf("%s with occupations: got %v, want %s and %s", cat, inCat, code, catRole)
	}
}
