package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeVersion is the axe-core release the checks are written against.
const axeVersion = "4.14.1"

// axeTags are the rule sets run: WCAG 2.0, 2.1 and 2.2, levels A and AA, and
// axe's best practices (unique landmarks, heading order and the like).
const axeTags = `['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']`

// axeSource reads axe.min.js from $ROLEFIT_AXE or the repository's
// .cache/npm. Without it the test skips, or fails on CI.
func axeSource(t *testing.T) string {
	t.Helper()
	path := os.Getenv("ROLEFIT_AXE")
	if path == "" {
		root, err := repoRoot()
		if err != nil {
			t.Fatal(err)
		}
		path = filepath.Join(root, ".cache", "npm", "node_modules", "axe-core", "axe.min.js")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		msg := fmt.Sprintf("axe-core is missing (%v): from the repository root run `npm install --prefix .cache/npm axe-core@%s` (or make axe), or set ROLEFIT_AXE", err, axeVersion)
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return string(b)
}

// violation is one failed axe rule on a page.
type violation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target  []string `json:"target"`
		Summary string   `json:"summary"`
	} `json:"nodes"`
}

// checkAxe runs axe-core on the page on screen and reports every violation
// with its rule, impact, help and the first elements it names.
func (tb *tab) checkAxe(src string) {
	tb.t.Helper()
	// Runtime.evaluate is not bound by the page's Content-Security-Policy.
	if _, err := chromedp.Run(tb.ctx, chromedp.Evaluate[chromedp.Void](src)); err != nil {
		tb.t.Fatalf("inject axe-core: %v", err)
	}
	// Boxes with content-visibility: auto are not rendered until they near
	// the viewport, and axe cannot judge what is not rendered (colours, for
	// one): render them all so every run checks the whole page. Setting the
	// style through the CSSOM is allowed by the page's CSP.
	eval[chromedp.Void](tb, `document.querySelectorAll('*').forEach(e => {
		if (getComputedStyle(e).contentVisibility === 'auto') e.style.contentVisibility = 'visible';
	})`)
	vs, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]violation](fmt.Sprintf(`axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})
		.then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
			nodes: v.nodes.map(n => ({target: n.target.map(String), summary: n.failureSummary}))})))`, axeTags),
		chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("run axe-core: %v", err)
	}
	for _, v := range vs {
		var b strings.Builder
		fmt.Fprintf(&b, "axe %s [%s] on %s: %s (%d elements) %s", v.ID, v.Impact, tb.path(), v.Help, len(v.Nodes), v.HelpURL)
		for i, n := range v.Nodes {
			if i == 5 {
				fmt.Fprintf(&b, "\n    … and %d more", len(v.Nodes)-i)
				break
			}
			fmt.Fprintf(&b, "\n    %s\n      %s", strings.Join(n.Target, " "), strings.ReplaceAll(n.Summary, "\n", "\n      "))
		}
		tb.t.Error(b.String())
	}
}

// TestAccessibility runs axe-core on every kind of page, in the states a
// person meets them: before and after taking the quiz, and with errors.
func TestAccessibility(t *testing.T) {
	t.Parallel()
	src := axeSource(t)
	tb := newTab(t)

	// page checks the page at path, after making sure it is the page meant:
	// its status, and an element that only it has.
	page := func(name, path string, status int64, sel string) {
		t.Run(name, func(t *testing.T) {
			st := tb.sub(t)
			if got := st.open(path); got != status {
				t.Fatalf("GET %s: got status %d, want %d", path, got, status)
			}
			st.mustExist(sel)
			st.checkAxe(src)
		})
	}
	page("home", "/", 200, ".hero")
	page("roles", "/roles", 200, ".category-list section")
	page("category", "/roles/category/technology", 200, `.crumbs [aria-current=page]`)
	page("search", "/search?q=backend", 200, ".results-list li")
	page("profile", "/roles/back-end-web-developer", 200, "article.profile:not(:has(.how-match)) table.edu-chart")
	page("category_conditions", "/roles/category/technology?avoid=nights&remote=some&hazards=none", 200, "fieldset.tag-filters input[value=nights]:checked")
	page("occupation", "/occupations/15-1254.00", 200, "table.edu-chart")
	page("not_found", "/no/such/page", 404, "main h1")
	page("quiz_intro", "/quiz", 200, `a[href="/quiz/1"]`)
	page("quiz_section", "/quiz/1", 200, "fieldset.question")

	t.Run("quiz_section_errors", func(t *testing.T) {
		st := tb.sub(t)
		st.open("/quiz/1")
		if got := st.clickTo(`button[name=nav][value=next]`); got != 422 {
			t.Fatalf("Next with nothing answered: got status %d, want 422", got)
		}
		st.checkAxe(src)
	})

	// Answer every question (quickly: the journeys test the clicks) to reach
	// the results and the profile that says how you match.
	for n := 1; n <= 6; n++ {
		tb.open(fmt.Sprintf("/quiz/%d", n))
		for _, id := range tb.questionIDs() {
			eval[chromedp.Void](tb, fmt.Sprintf(`document.querySelector('#q-%s input[value="%d"]').checked = true`, id, answerFor(t, id)))
		}
		if got := tb.clickTo(`button[name=nav][value=next]`); got != 200 {
			t.Fatalf("section %d: got status %d, want 200", n, got)
		}
	}
	t.Run("quiz_review", func(t *testing.T) {
		st := tb.sub(t)
		st.wantPath("/quiz/review")
		st.checkAxe(src)
	})
	if got := tb.clickTo(`form[action="/quiz/submit"] button`); got != 200 {
		t.Fatalf("See my matches: got status %d, want 200", got)
	}
	result := tb.wantPath(`/results/[A-Za-z0-9_-]+`)
	t.Run("results", func(t *testing.T) { tb.sub(t).checkAxe(src) })
	page("results_filtered", result+"?category=technology", 200, "ol.matches li.match")
	page("results_conditions", result+"?avoid=nights&physical=light", 200, "fieldset.tag-filters select#physical")
	t.Run("profile_how_you_match", func(t *testing.T) {
		st := tb.sub(t)
		st.open("/roles/back-end-web-developer")
		st.wantText("section.how-match h2", "How you match")
		st.checkAxe(src)
	})

	// The follow-up questions, on a result saved through the API (a quiz
	// taken as quickly as above is rightly too rushed to ask any).
	id := createResult(t, tb.base, backEndAnswers)
	page("results_refine", "/results/"+id, 200, "section.refine")
	page("follow_up", "/results/"+id+"/follow-up", 200, "fieldset.question input[name=choice]")
	t.Run("follow_up_error", func(t *testing.T) {
		st := tb.sub(t)
		st.open("/results/" + id + "/follow-up")
		if got := st.clickTo(`button[name=nav][value=next]`); got != 422 {
			t.Fatalf("Continue with nothing chosen: got status %d, want 422", got)
		}
		st.checkAxe(src)
	})

	// The results page's tools on the same result: the table sorted and
	// paged, the delete question, a comparison, the shortlist filled (and
	// past full), a match hidden, and a retake's quiz.
	loc := "/results/" + id
	page("results_sorted", loc+"?sort=pay&page=2", 200, `table.rest-table th[aria-sort="descending"]`)
	page("result_delete", loc+"/delete", 200, "form.confirm button.danger")
	page("compare", "/compare?roles=back-end-web-developer,web-engineer,ux-designer", 200, "table.compare tbody th")
	page("compare_error", "/compare?roles=back-end-web-developer,nobody", 404, ".error-summary + p + form, .error-summary ~ form")
	page("compare_choose", "/compare", 200, "select#add-role")
	t.Run("shortlist_full", func(t *testing.T) {
		st := tb.sub(t)
		st.open(loc)
		for i := 1; i <= 6; i++ {
			st.clickTo(fmt.Sprintf(`ol.matches > li.match:nth-child(%d) button.star`, i))
		}
		st.mustExist("main h1")
		st.wantText("h1", "Your shortlist is full")
		st.checkAxe(src)
	})
	t.Run("results_shortlist_hidden", func(t *testing.T) {
		st := tb.sub(t)
		st.open(loc)
		st.clickTo(`ol.matches > li.match:nth-child(7) form[action$="/hide"] button`)
		st.mustExist("#shortlist input[name=roles]:checked")
		st.mustExist(".hidden-list form button")
		st.checkAxe(src)
	})
	t.Run("profile_starred", func(t *testing.T) {
		st := tb.sub(t)
		st.open(loc)
		if st.count("ol.matches > li.match:first-child button.star.on") == 0 {
			st.clickTo("ol.matches > li.match:first-child button.star")
		}
		st.open("/roles/" + st.cardSlugs()[0])
		st.mustExist("#shortlist-box button.star.on")
		st.checkAxe(src)
	})
	t.Run("quiz_retake", func(t *testing.T) {
		st := tb.sub(t)
		st.open(loc)
		st.clickTo(`form[action$="/retake"] button`)
		st.mustExist("p.notice a[href]")
		st.checkAxe(src)
	})
}
