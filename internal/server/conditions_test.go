package server

import (
	"encoding/json"
	"html/template"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"rolefit/internal/catalog"
	"rolefit/internal/roles"
)

// Working conditions given to three technology roles, so that the tests
// do not depend on the tags the writers chose.
var (
	officeTags = roles.Tags{Schedule: []string{"standard", "on_call"}, Remote: "often", Physical: "sedentary", Hazards: []string{}, Travel: "none"}
	nightTags  = roles.Tags{Schedule: []string{"shifts", "nights"}, Remote: "none", Physical: "light", Hazards: []string{"electrical"}, Travel: "some"}
	heavyTags  = roles.Tags{Schedule: []string{"standard"}, Remote: "some", Physical: "heavy", Hazards: []string{"heights"}, Travel: "frequent"}
)

// conditionsApp serves the catalog with test sections on
// back-end-web-developer and test tags on two more technology roles; every
// other role keeps its own prose but loses its tags, so that the filters'
// expected results are these three roles alone.
func conditionsApp(t *testing.T) *testApp {
	t.Helper()
	return newTestAppTB(t, appSetup{edit: func(c *catalog.Catalog) {
		edited := 0
		defer func() {
			if edited != 3 {
				t.Fatalf("edited %d roles, want 3: a slug is missing from the catalog", edited)
			}
		}()
		for i := range c.Roles {
			r := &c.Roles[i]
			switch r.Slug {
			case "back-end-web-developer":
				edited++
				r.HowToBecome = "Most start with a computer science degree.\n\nOthers come from <bootcamps> & self-study."
				r.WorkEnvironment = "Desks, terminals and an on-call phone."
				r.Tags = officeTags
			case "network-administrator":
				edited++
				r.Tags = nightTags
			case "it-support-specialist":
				edited++
				r.Tags = heavyTags
			default:
				r.Tags = roles.Tags{}
			}
		}
	}})
}

func TestProfileShowsHowToBecomeAndWorkEnvironment(t *testing.T) {
	a := conditionsApp(t)
	res, body := a.get(t, "/roles/back-end-web-developer")
	wantStatus(t, res, http.StatusOK)
	wantContains(t, body,
		`<h2 id="become-h">How to become one</h2>`,
		"<p>Most start with a computer science degree.</p>",
		"<p>Others come from &lt;bootcamps&gt; &amp; self-study.</p>",
		"<dt>Education</dt><dd>Bachelor&#39;s degree</dd>",
		"<dt>Work experience in a related occupation</dt><dd>None</dd>",
		"<dt>On-the-job training</dt><dd>None</dd>",
		// O*NET's survey for Web Developers: 45.83% name a bachelor's.
		`<th scope="row">Bachelor&#39;s degree</th><td><span class="edu-pct">46%</span>`,
		`<rect width="45.8" height="10"/>`,
		"From O*NET&#39;s survey of experts on Web Developers",
		"Education survey: O*NET Education, Training, and Experience, O*NET 29.3 Database (May 2025), O*NET-SOC 15-1254.00.",
		`<h2 id="env-h">Work environment</h2>`,
		"<p>Desks, terminals and an on-call phone.</p>",
		"<dt>Schedule</dt><dd>Daytime on weekdays; on call</dd>",
		"<dt>Remote work</dt><dd>Often possible</dd>",
		"<dt>Hazards</dt><dd>None in particular</dd>",
	)
	// Levels nobody named are left out rather than drawn as empty rows.
	if strings.Contains(body, "Doctoral degree") {
		t.Error("a level with 0% is listed")
	}
	// The bars are decoration: hidden from assistive technology.
	if n, hidden := strings.Count(body, `class="edu-bar"`), strings.Count(body, `class="edu-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"`); n == 0 || n != hidden {
		t.Errorf("%d education bars, %d of them aria-hidden", n, hidden)
	}

	// A role's own sections, as its writer wrote them, beside the public
	// figures; without tags, its work environment is the prose alone.
	acc, _ := a.srv.cat.Role("accountant")
	_, body = a.get(t, "/roles/accountant")
	wantContains(t, body, `<h2 id="become-h">How to become one</h2>`, "<dt>Education</dt><dd>Bachelor&#39;s degree</dd>",
		"<p>"+template.HTMLEscapeString(paragraphs(acc.HowToBecome)[0])+"</p>",
		`<h2 id="env-h">Work environment</h2>`, "<p>"+template.HTMLEscapeString(paragraphs(acc.WorkEnvironment)[0])+"</p>")
	if strings.Contains(body, `class="env-tags"`) {
		t.Error("accountant: tags listed after they were removed")
	}

	// The data-only profile of an occupation shows the same public parts.
	res, body = a.get(t, "/occupations/15-1254.00")
	wantStatus(t, res, http.StatusOK)
	wantContains(t, body, `<h2 id="become-h">Education and training</h2>`, "<dt>On-the-job training</dt><dd>None</dd>",
		`<th scope="row">Bachelor&#39;s degree</th><td><span class="edu-pct">46%</span>`)
}

// shownRoles lists the role links of a category table, in order.
func shownRoles(body string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<th scope="row"><a href="/roles/([a-z0-9-]+)">`).FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestCategoryFiltersOnWorkingConditions(t *testing.T) {
	a := conditionsApp(t)
	_, all := a.get(t, "/roles/category/technology")
	if n := len(shownRoles(all)); n < 20 {
		t.Fatalf("unfiltered: got %d roles, want every technology role", n)
	}
	tests := []struct {
		query string
		want  []string
	}{
		{"avoid=nights", []string{"back-end-web-developer", "it-support-specialist"}},
		{"avoid=nights&avoid=on_call", []string{"it-support-specialist"}},
		{"remote=some", []string{"back-end-web-developer", "it-support-specialist"}},
		{"remote=often", []string{"back-end-web-developer"}},
		{"physical=moderate", []string{"back-end-web-developer", "network-administrator"}},
		{"hazards=none", []string{"back-end-web-developer"}},
		{"hazards=none&avoid=on_call", nil},
		// Values the form never offers are ignored, like the other filters'.
		{"remote=always&avoid=mondays", nil},
	}
	for _, tt := range tests {
		res, body := a.get(t, "/roles/category/technology?"+tt.query)
		wantStatus(t, res, http.StatusOK)
		got := shownRoles(body)
		if tt.query == "remote=always&avoid=mondays" {
			if len(got) != len(shownRoles(all)) {
				t.Errorf("%s: got %d roles, want all %d", tt.query, len(got), len(shownRoles(all)))
			}
			continue
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.query, got, tt.want)
		}
	}

	// The form keeps every choice, the sort and education ones included.
	_, body := a.get(t, "/roles/category/technology?sort=pay&education=Bachelor%27s+degree&avoid=nights&avoid=on_call&physical=light&remote=some&hazards=none")
	wantContains(t, body,
		`<option value="pay" selected>`, `<option value="Bachelor&#39;s degree" selected>`,
		`<legend>Working conditions</legend>`,
		`<label for="remote">Remote work</label>`, `<option value="some" selected>`,
		`<label for="physical">Physical demands</label>`, `<option value="light" selected>`,
		`name="avoid" value="nights" checked>`, `name="avoid" value="on_call" checked>`, `name="avoid" value="weekends">`,
		`name="hazards" value="none" checked>`,
	)
}

func TestResultsFilterOnWorkingConditions(t *testing.T) {
	a := conditionsApp(t)
	b, _ := json.Marshal(map[string]any{"answers": fullAnswers(a, 0)})
	res, created := postJSON(t, a, string(b))
	wantStatus(t, res, http.StatusCreated)
	var c struct{ URL string }
	if err := json.Unmarshal([]byte(created), &c); err != nil {
		t.Fatal(err)
	}
	matchRE := regexp.MustCompile(`href="/roles/([a-z0-9-]+)"`)
	shown := func(body string) map[string]bool {
		m := map[string]bool{}
		for _, s := range matchRE.FindAllStringSubmatch(body, -1) {
			m[s[1]] = true
		}
		return m
	}

	res, body := a.get(t, c.URL+"?avoid=nights")
	wantStatus(t, res, http.StatusOK)
	got := shown(body)
	if !got["back-end-web-developer"] || !got["it-support-specialist"] || got["network-administrator"] || got["accountant"] {
		t.Errorf("avoid=nights: got %v, want the two tagged roles without nights only", got)
	}
	wantContains(t, body, `name="avoid" value="nights" checked>`, "Clear filters")

	_, body = a.get(t, c.URL+"?physical=sedentary&category=technology")
	if got := shown(body); !got["back-end-web-developer"] || got["it-support-specialist"] || got["network-administrator"] {
		t.Errorf("physical=sedentary: got %v, want back-end-web-developer only", got)
	}
	wantContains(t, body, `<option value="sedentary" selected>`, `<option value="technology" selected>`)
}

func TestAPIRoleHasHowToBecomeAndConditions(t *testing.T) {
	a := conditionsApp(t)
	var got struct {
		HowToBecome     string      `json:"how_to_become"`
		WorkEnvironment string      `json:"work_environment"`
		Tags            *roles.Tags `json:"tags"`
		Experience      string      `json:"experience"`
		Training        string      `json:"training"`
		EducationLevels *roles.EducationLevels
	}
	get := func(slug string) {
		t.Helper()
		got.Tags, got.EducationLevels = nil, nil
		res, body := a.get(t, "/api/v1/roles/"+slug)
		wantStatus(t, res, http.StatusOK)
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(body, `"education_levels":`) {
			t.Errorf("%s: no education_levels", slug)
		}
	}
	get("back-end-web-developer")
	if !strings.HasPrefix(got.HowToBecome, "Most start with") || got.WorkEnvironment == "" || got.Tags == nil ||
		!slices.Equal(got.Tags.Schedule, officeTags.Schedule) || got.Tags.Remote != "often" || got.Experience != "None" || got.Training != "None" {
		t.Errorf("back-end-web-developer: got %+v", got)
	}
	get("network-administrator")
	net, _ := a.srv.cat.Role("network-administrator")
	if got.Tags == nil || got.Tags.Hazards[0] != "electrical" || got.HowToBecome != net.HowToBecome || got.WorkEnvironment != net.WorkEnvironment {
		t.Errorf("network-administrator: got %+v", got)
	}
}
