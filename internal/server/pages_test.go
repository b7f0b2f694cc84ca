package server

import (
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"rolefit/internal/roles"
)

func TestBackEndProfileShowsEveryFact(t *testing.T) {
	a := newTestApp(t)
	res, body := a.get(t, "/roles/back-end-web-developer")
	wantStatus(t, res, http.StatusOK)
	wantContains(t, body,
		"<h1>Back-End Web Developer</h1>",
		`<dd class="big">$91K</dd>`,
		`<dd class="big">$49K to $163K</dd>`,
		"7.5%", "Growth to 2034",
		`<dd class="big">78,860</dd>`,
		"Bachelor&#39;s degree",
		"What the work is like", "What is harder than people expect", "Who thrives", "Who should look elsewhere",
		`<a href="/roles/web-director">Web Director</a>`,
		`<a href="/roles/web-engineer">Web Engineer</a>`,
		`<a href="/roles/interface-designer">Interface Designer</a>`,
		`<a href="/roles/category/technology">View all Technology roles</a>`,
		"<strong>Web Developers</strong> (O*NET-SOC 15-1254.00, SOC 15-1254)",
		"May 2024", "2024–2034",
		`role="img"`, "<figcaption>Half of the workers BLS counts as “Web developers” earn more than $90,930 a year",
		`<p class="figures-for">These figures are for “Web developers” (SOC 15-1254), the whole BLS occupation that Back-End Web Developer belongs to`,
	)
	wantContains(t, body, `<h2 id="apart-h">What sets it apart</h2>`,
		`<li><strong>Programming</strong> <span class="muted">(skill)</span>: far above the average occupation</li>`,
		"Preparation: O*NET Job Zone 3 of 5, medium preparation")
	if n := strings.Count(regexp.MustCompile(`(?s)<ul class="standouts">.*?</ul>`).FindString(body), "<li>"); n != 3 {
		t.Errorf("what sets it apart lists %d items, want 3", n)
	}
	skills := regexp.MustCompile(`(?s)<ol class="skills">(.*?)</ol>`).FindStringSubmatch(body)
	if skills == nil {
		t.Fatal("no core skills list")
	}
	got := regexp.MustCompile(`<li>(.*?)</li>`).FindAllStringSubmatch(skills[1], -1)
	want := []string{"Programming", "Critical Thinking", "Reading Comprehension", "Complex Problem Solving", "Operations Analysis"}
	if len(got) != len(want) {
		t.Fatalf("got %d core skills, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i][1] != want[i] {
			t.Errorf("core skill %d: got %q, want %q", i, got[i][1], want[i])
		}
	}
}

func TestEveryRoleProfileRenders(t *testing.T) {
	a := newTestApp(t)
	for _, r := range a.srv.cat.Roles {
		res, body := a.get(t, "/roles/"+r.Slug)
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: got status %d, want 200", r.Slug, res.StatusCode)
			continue
		}
		if !strings.Contains(body, "View all ") || strings.Contains(body, "not published</dd>") && r.Slug == "back-end-web-developer" {
			t.Errorf("%s: profile incomplete", r.Slug)
		}
		for _, rel := range r.Related {
			if !strings.Contains(body, `href="/roles/`+rel+`"`) {
				t.Errorf("%s: related role %s not linked", r.Slug, rel)
			}
		}
	}
}

func TestUnknownPagesAre404(t *testing.T) {
	a := newTestApp(t)
	for _, path := range []string{"/roles/no-such-role", "/nowhere", "/roles/category/nothing", "/static/missing.css"} {
		res, body := a.get(t, path)
		wantStatus(t, res, http.StatusNotFound)
		if path != "/static/missing.css" {
			wantContains(t, body, "<h1>Page not found</h1>")
		}
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("%s: got content type %q, want HTML", path, ct)
		}
	}
}

func TestRoleListAndCategory(t *testing.T) {
	a := newTestApp(t)
	res, body := a.get(t, "/roles")
	wantStatus(t, res, http.StatusOK)
	wantContains(t, body, `<a href="/roles/category/technology">Technology</a>`, `<a href="/roles/back-end-web-developer">Back-End Web Developer</a>`)

	res, _ = a.get(t, "/roles?category=technology")
	wantStatus(t, res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != "/roles/category/technology" {
		t.Errorf("got redirect to %q, want /roles/category/technology", loc)
	}

	res, body = a.get(t, "/roles/category/technology?sort=pay")
	wantStatus(t, res, http.StatusOK)
	rows := regexp.MustCompile(`<td class="num">\$([0-9,]+)</td>`).FindAllStringSubmatch(body, -1)
	if len(rows) < 8 {
		t.Fatalf("got %d technology roles with pay, want at least 8", len(rows))
	}
	prev := 1 << 30
	for _, r := range rows {
		n := atoiComma(r[1])
		if n > prev {
			t.Errorf("sort=pay: %d listed after %d", n, prev)
		}
		prev = n
	}
	wantContains(t, body, "Back-End Web Developer", "$90,930", "7.5%", `<option value="pay" selected>`)

	wantContains(t, body, "Pay, growth and education for the BLS group “Computer occupations, all other”")

	// Education is filtered "at most", on the BLS levels, listed in order.
	res, body = a.get(t, "/roles/category/healthcare?education=Associate%27s+degree")
	wantStatus(t, res, http.StatusOK)
	for _, higher := range []string{"<td>Bachelor&#39;s degree</td>", "<td>Master&#39;s degree</td>", "<td>Doctoral or professional degree</td>"} {
		if strings.Contains(body, higher) {
			t.Errorf("education filter up to an associate's degree let %s through", higher)
		}
	}
	wantContains(t, body, "<td>Associate&#39;s degree</td>", "<td>Postsecondary nondegree award</td>", `<option value="Associate&#39;s degree" selected>`)
	opts := regexp.MustCompile(`<option value="([^"]+)"`).FindAllStringSubmatch(body, -1)
	prev = 0
	for _, o := range opts {
		if r := roles.EducationRank(html.UnescapeString(o[1])); r > 0 {
			if r < prev {
				t.Errorf("education option %s is out of BLS order", o[1])
			}
			prev = r
		}
	}
}

func atoiComma(s string) int {
	n := 0
	for _, ch := range s {
		if ch >= '0' && ch <= '9' {
			n = n*10 + int(ch-'0')
		}
	}
	return n
}

func TestHomeAndAbout(t *testing.T) {
	a := newTestApp(t)
	res, body := a.get(t, "/")
	wantStatus(t, res, http.StatusOK)
	wantContains(t, body, `href="/roles"`, "O*NET 29.3 Database", "CC BY 4.0", "Bureau of Labor Statistics")
	res, body = a.get(t, "/about")
	wantStatus(t, res, http.StatusOK)
	wantContains(t, body, "USDOL/ETA")
}

func TestNoPageLoadsAnotherOrigin(t *testing.T) {
	a := newTestApp(t)
	ext := regexp.MustCompile(`(?i)<(script|link|img|iframe)[^>]+(src|href)="(https?:)?//`)
	for _, path := range []string{"/", "/roles", "/roles/category/technology", "/roles/back-end-web-developer", "/about", "/nope"} {
		_, body := a.get(t, path)
		if m := ext.FindString(body); m != "" {
			t.Errorf("%s loads from another origin: %s", path, m)
		}
		if strings.Contains(body, "<script>") || strings.Contains(body, " style=") {
			t.Errorf("%s has inline script or style", path)
		}
	}
}
