package e2e

import (
	"fmt"
	"regexp"
	"rolefit/data"
	"rolefit/internal/assessment"
	evalpkg "rolefit/internal/eval"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// backEndAnswers is one person's answers, by question id: the back-end
// persona of internal/eval (someone who loves server-side systems and
// APIs), answering the question bank the app serves.
var backEndAnswers = func() map[string]int {
	bank, err := assessment.LoadBank(data.FS, "questions.yaml")
	if err != nil {
		panic(err)
	}
	return evalpkg.BackEnd.Answers(bank)
}()

// answerFor is the answer to give to question id; a question the table does
// not know fails the test, so a changed bank is noticed.
func answerFor(t *testing.T, id string) int {
	t.Helper()
	v, ok := backEndAnswers[id]
	if !ok {
		t.Fatalf("question %s is not in backEndAnswers: update the table", id)
	}
	return v
}

const backEndTitle = "Back-End Web Developer"

// questionIDs lists the questions of the quiz section on screen, in order.
func (tb *tab) questionIDs() []string {
	tb.t.Helper()
	ids := eval[[]string](tb, `[...document.querySelectorAll('fieldset.question')].map(f => f.id.replace(/^q-/, ''))`)
	if len(ids) == 0 {
		tb.t.Fatalf("on %s: no questions", tb.path())
	}
	return ids
}

// checked is the value of the selected answer to question id, "" for none.
func (tb *tab) checked(id string) string {
	tb.t.Helper()
	return eval[string](tb, fmt.Sprintf(`document.querySelector('#q-%s input[type=radio]:checked')?.value ?? ''`, id))
}

// wantProgress checks the progress line a person reads above the questions.
func (tb *tab) wantProgress(answered, total int) {
	tb.t.Helper()
	want := fmt.Sprintf("%d of %d questions answered", answered, total)
	if got := tb.text(`label[for=progress]`); got != want {
		tb.t.Errorf("on %s: got progress %q, want %q", tb.path(), got, want)
	}
}

// takeQuizByPointer goes from the home page to a saved result with the mouse
// (or with taps when the tab emulates touch): the quiz links, one choice
// label per question, the Next buttons and "See my matches". each, when not
// nil, runs on every page of the way. It returns the result's path.
func (tb *tab) takeQuizByPointer(each func(what string)) string {
	tb.t.Helper()
	visit := func(what string) {
		if each != nil {
			each(what)
		}
	}
	if st := tb.open("/"); st != 200 {
		tb.t.Fatalf("home: got status %d, want 200", st)
	}
	tb.wantText("h1", "Find work that fits how you think")
	visit("home")
	tb.followLink("Take the fit quiz")
	tb.wantPath("/quiz")
	tb.wantText("h1", "The fit quiz")
	visit("quiz intro")
	tb.followLink("Start the quiz")

	answered, sections, total := 0, 6, len(backEndAnswers)
	for n := 1; n <= sections; n++ {
		tb.wantPath(fmt.Sprintf("/quiz/%d", n))
		tb.wantText(".quiz-head .step", fmt.Sprintf("Section %d of %d", n, sections))
		tb.wantProgress(answered, total)
		visit(fmt.Sprintf("quiz section %d", n))
		for _, id := range tb.questionIDs() {
			v := answerFor(tb.t, id)
			tb.click(fmt.Sprintf("#q-%s label.choice:nth-child(%d)", id, v))
			if got := tb.checked(id); got != strconv.Itoa(v) {
				tb.t.Fatalf("after a click on answer %d of %s: got %q selected", v, id, got)
			}
			answered++
		}
		next := "Next section"
		if n == sections {
			next = "Review answers"
		}
		tb.wantText(`button[name=nav][value=next]`, next)
		if st := tb.clickTo(`button[name=nav][value=next]`); st != 200 {
			tb.t.Fatalf("section %d: %s: got status %d, want 200", n, next, st)
		}
	}
	tb.wantPath("/quiz/review")
	tb.wantText("p.lead", fmt.Sprintf("You have answered %d of %d questions", total, total))
	visit("review")
	if st := tb.clickTo(`form[action="/quiz/submit"] button`); st != 200 {
		tb.t.Fatalf("See my matches: got status %d, want 200", st)
	}
	return tb.wantPath(`/results/[A-Za-z0-9_-]+`)
}

// followLink clicks (or taps) the link that reads text and waits for the page.
func (tb *tab) followLink(text string) int64 {
	tb.t.Helper()
	xp := fmt.Sprintf(`//a[normalize-space(.)=%s]`, xpathString(text))
	tb.settle(xpathFind(xp))
	return tb.follow("follow "+text, pointerOn(tb, chromedp.Search(xp)))
}

// wantResults checks what the results page shows: the ten best matches in
// order of fit, each with a fit from 0 to 100, then a page of the table of
// every other career.
func (tb *tab) wantResults() {
	tb.t.Helper()
	tb.wantText("h1", "Your matches")
	fits := tb.texts("ol.matches > li.match .fit-num")
	if len(fits) != 10 {
		tb.t.Fatalf("got %d best matches, want 10", len(fits))
	}
	prev := 101
	for i, s := range fits {
		f, err := strconv.Atoi(s)
		if err != nil || f < 0 || f > 100 {
			tb.t.Fatalf("match %d: got fit %q, want a number from 0 to 100", i+1, s)
		}
		if f > prev {
			tb.t.Errorf("match %d: fit %d is above the one before it (%d): want best first", i+1, f, prev)
		}
		prev = f
	}
	if n := tb.count("ol.matches > li.match h3 a[href]"); n != 10 {
		tb.t.Errorf("got %d links to matches, want 10", n)
	}
	if n := tb.count("ol.top-list a[href]"); n < 5 {
		tb.t.Errorf("the first screen names %d top matches, want 5", n)
	}
	shown, total := tb.showing()
	rows := tb.count("table.rest-table tbody tr th a[href]")
	if shown != total || rows != min(20, total-10) {
		tb.t.Errorf("got %q and %d rows in the table, want every career shown and a page of 20 rows", tb.text("p#showing"), rows)
	}
}

var showingRE = regexp.MustCompile(`Showing (\d+) of (\d+) careers`)

// showing reads "Showing N of M careers" above the cards.
func (tb *tab) showing() (shown, total int) {
	tb.t.Helper()
	s := tb.text("p#showing")
	m := showingRE.FindStringSubmatch(s)
	if m == nil {
		tb.t.Fatalf("got %q, want %q", s, "Showing N of M careers")
	}
	shown, _ = strconv.Atoi(m[1])
	total, _ = strconv.Atoi(m[2])
	return shown, total
}

// fitOf is the fit the results page shows for the career titled title, on
// its card or in its row of the table.
func (tb *tab) fitOf(title string) string {
	tb.t.Helper()
	fit := eval[string](tb, fmt.Sprintf(`(() => {
		const a = [...document.querySelectorAll('ol.matches h3 a, table.rest-table tbody th a')].find(a => a.textContent.trim() === %s);
		if (!a) return '';
		const box = a.closest('li, tr');
		return (box.querySelector('.fit-num, .fit-cell')?.textContent ?? '?').trim();
	})()`, jsString(title)))
	if fit == "" {
		tb.t.Fatalf("on %s: %q is not in the list", tb.path(), title)
	}
	return fit
}

// filterTechnology picks Technology in the Field filter and submits it.
// DevTools cannot reach a select's native pop-up, so the pointer journeys set
// the value as the pop-up would, then click Filter for real.
func (tb *tab) filterTechnology() {
	tb.t.Helper()
	if !eval[bool](tb, `document.querySelector('details.filter-box').open`) {
		tb.click("details.filter-box > summary")
	}
	if err := chromedp.Do(tb.ctx, chromedp.SetValue(chromedp.ID("category"), "technology")); err != nil {
		tb.t.Fatal(err)
	}
	if st := tb.clickTo(".filters button[type=submit]"); st != 200 {
		tb.t.Fatalf("Filter: got status %d, want 200", st)
	}
	tb.wantFiltered()
}

// wantFiltered checks the results page after filtering by Technology.
func (tb *tab) wantFiltered() {
	tb.t.Helper()
	tb.wantPath(`/results/[A-Za-z0-9_-]+\?category=technology(&education=)?(&remote=&physical=)?`)
	if got := eval[string](tb, `document.getElementById('category').selectedOptions[0].textContent`); !strings.HasPrefix(got, "Technology") {
		tb.t.Errorf("Field filter shows %q, want Technology", got)
	}
	if shown, total := tb.showing(); shown == 0 || shown >= total {
		tb.t.Errorf("filtered by Technology: showing %d of %d, want some but not all", shown, total)
	}
}

// wantHowYouMatch checks the Back-End profile's "How you match" section.
func (tb *tab) wantHowYouMatch(fit string) {
	tb.t.Helper()
	tb.wantPath("/roles/back-end-web-developer")
	tb.wantText("h1", backEndTitle)
	tb.wantText("section.how-match h2", "How you match")
	if got := tb.text("section.how-match .fit-num"); got != fit {
		tb.t.Errorf("How you match: got fit %s, want %s as on the results page", got, fit)
	}
	tb.wantText("table.levels caption", "Your answer beside where this role sits")
	if n := tb.count("table.levels tbody tr"); n == 0 {
		tb.t.Errorf("the levels table has no rows")
	}
}

func xpathString(s string) string {
	if !strings.Contains(s, `"`) {
		return `"` + s + `"`
	}
	return `'` + s + `'`
}
