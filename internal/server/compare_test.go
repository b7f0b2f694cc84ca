package server

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"rolefit/internal/eval"
)

// compareColumns reads the roles a comparison shows, in column order.
func compareColumns(body string) []string {
	var out []string
	head := regexp.MustCompile(`(?s)<table class="compare">.*?</thead>`).FindString(body)
	for _, m := range regexp.MustCompile(`<th scope="col"><a href="/roles/([a-z0-9-]+)">`).FindAllStringSubmatch(head, -1) {
		out = append(out, m[1])
	}
	return out
}

// compareRow is the cells of the row headed name.
func compareRow(t *testing.T, body, name string) []string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<tr><th scope="row">` + regexp.QuoteMeta(name) + `</th>(.*?)</tr>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no %q row", name)
	}
	var out []string
	for _, c := range regexp.MustCompile(`(?s)<td[^>]*>(.*?)</td>`).FindAllStringSubmatch(m[1], -1) {
		out = append(out, c[1])
	}
	return out
}

func TestCompareShowsRolesSideBySide(t *testing.T) {
	a := newTestApp(t)
	slugs := []string{"back-end-web-developer", "front-end-web-developer", "registered-nurse"}
	res, body := a.get(t, "/compare?roles="+strings.Join(slugs, ","))
	wantStatus(t, res, http.StatusOK)
	if got := compareColumns(body); fmt.Sprint(got) != fmt.Sprint(slugs) {
		t.Fatalf("columns %v, want %v", got, slugs)
	}
	for i, slug := range slugs {
		r, _ := a.srv.cat.Role(slug)
		o := a.srv.cat.Occupations[r.ONetCode]
		f := newFigures(o, r.Title)
		cells := map[string]string{}
		for _, row := range []string{"Median pay", "Pay range", "Growth", "Employed", "Typical education", "Figures are for", "Preparation", "Core skills", "Who thrives"} {
			cells[row] = compareRow(t, body, row)[i]
		}
		want := map[string]string{"Median pay": f.Pay.Median, "Pay range": f.Pay.Low + " to " + f.Pay.High, "Growth": f.Outlook.Change,
			"Employed": f.Employment, "Typical education": f.Education, "Figures are for": "(SOC " + f.Group.SOCCode + ")",
			"Preparation": preparation(o.JobZone)}
		for row, w := range want {
			if w = html.EscapeString(w); !strings.Contains(cells[row], w) {
				t.Errorf("%s, %s: got %q, want it to contain %q", slug, row, cells[row], w)
			}
		}
		for _, s := range r.CoreSkills {
			if !strings.Contains(cells["Core skills"], "<li>"+html.EscapeString(s)+"</li>") {
				t.Errorf("%s: core skill %s missing", slug, s)
			}
		}
		for _, tr := range r.Traits {
			if !strings.Contains(cells["Who thrives"], "<li>"+html.EscapeString(tr.Text)+"</li>") {
				t.Errorf("%s: trait %q missing", slug, tr.Text)
			}
		}
	}
	if strings.Contains(body, "Your fit") {
		t.Error("a reader without a result sees a fit row")
	}
	// A form's repeated roles (and its empty "Add a career") compare too.
	res, body = a.get(t, "/compare?roles=registered-nurse&roles=back-end-web-developer&roles=")
	wantStatus(t, res, http.StatusOK)
	if got := compareColumns(body); fmt.Sprint(got) != "[registered-nurse back-end-web-developer]" {
		t.Errorf("form roles: columns %v", got)
	}
	// With a result, the reader's fit on each.
	id, _ := savedResult(t, a, personaAnswers(t, a, eval.BackEnd), 0)
	ev, _ := a.srv.loadEvaluation(context.Background(), id)
	res, body = a.get(t, "/compare?roles="+strings.Join(slugs, ","))
	wantStatus(t, res, http.StatusOK)
	if res.Header.Get("Cache-Control") != "no-store" {
		t.Error("a comparison with the reader's fit may be cached")
	}
	fits := compareRow(t, body, "Your fit")
	for i, slug := range slugs {
		for _, m := range ev.Ranking.Matches {
			if m.Slug == slug && !strings.HasPrefix(fits[i], fmt.Sprintf(`<span class="fit-num">%d</span>`, m.Fit)) {
				t.Errorf("%s: fit cell %q, want %d", slug, fits[i], m.Fit)
			}
		}
	}
}

func TestCompareExplainsBadInputAndKeepsTheChoice(t *testing.T) {
	a := newTestApp(t)
	for _, c := range []struct {
		query  string
		status int
		says   []string
		kept   []string
	}{
		{"roles=back-end-web-developer,no-such-role", http.StatusNotFound, []string{"We have no career with the address “no-such-role”.", "you chose 1"}, []string{"back-end-web-developer"}},
		{"roles=back-end-web-developer", http.StatusBadRequest, []string{"Choose 2 to 4 careers to compare; you chose 1."}, []string{"back-end-web-developer"}},
		{"roles=back-end-web-developer,web-engineer,front-end-web-developer,registered-nurse,chef", http.StatusBadRequest,
			[]string{"Choose 2 to 4 careers to compare; you chose 5."}, []string{"back-end-web-developer", "web-engineer", "front-end-web-developer", "registered-nurse", "chef"}},
		{"roles=" + url.QueryEscape("<script>x</script>"), http.StatusNotFound, []string{"“&lt;script&gt;x&lt;/script&gt;”"}, nil},
		{"roles=chef,chef", http.StatusBadRequest, []string{"you chose 1"}, []string{"chef"}},
	} {
		res, body := a.get(t, "/compare?"+c.query)
		if res.StatusCode != c.status {
			t.Errorf("%s: status %d, want %d", c.query, res.StatusCode, c.status)
		}
		wantContains(t, body, c.says...)
		if len(compareColumns(body)) != 0 {
			t.Errorf("%s: a comparison shown despite the problem", c.query)
		}
		kept := regexp.MustCompile(`<input type="checkbox" name="roles" value="([a-z0-9-]+)" checked>`).FindAllStringSubmatch(body, -1)
		if len(kept) != len(c.kept) {
			t.Errorf("%s: the form keeps %d roles, want %v", c.query, len(kept), c.kept)
		}
		for i := range min(len(kept), len(c.kept)) {
			if kept[i][1] != c.kept[i] {
				t.Errorf("%s: kept %s, want %s", c.query, kept[i][1], c.kept[i])
			}
		}
		if strings.Contains(body, "<script>x") {
			t.Errorf("%s: the slug is not escaped", c.query)
		}
	}
	// No roles at all: the page to choose them.
	res, body := a.get(t, "/compare")
	wantStatus(t, res, http.StatusOK)
	wantContains(t, body, `<select id="add-role" name="roles">`, `<option value="back-end-web-developer">Back-End Web Developer</option>`)
}

func TestProfileOffersCompareWith(t *testing.T) {
	a := newTestApp(t)
	_, body := a.get(t, "/roles/back-end-web-developer")
	form := regexp.MustCompile(`(?s)<form method="get" action="/compare" class="compare-with">.*?</form>`).FindString(body)
	wantContains(t, form, `<input type="hidden" name="roles" value="back-end-web-developer">`, `<label for="compare-with">Compare with…</label>`,
		`<optgroup label="Related roles"><option value="web-director">Web Director</option>`, `<optgroup label="Other Technology roles">`)
	if strings.Contains(form, `value="back-end-web-developer">Back-End`) {
		t.Error("a profile offers to compare the role with itself")
	}
	// The form's answer is a comparison.
	res, body := a.get(t, "/compare?roles=back-end-web-developer&roles=web-director")
	wantStatus(t, res, http.StatusOK)
	if got := compareColumns(body); len(got) != 2 {
		t.Errorf("compare with: columns %v", got)
	}
}
