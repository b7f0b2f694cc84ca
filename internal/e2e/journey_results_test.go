package e2e

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// noScripts makes the tab's pages run no script, and proves it.
func (tb *tab) noScripts() {
	tb.t.Helper()
	if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		tb.t.Fatal(err)
	}
	tb.wantScriptsOff()
}

// keyboardOnly makes the tab behave as the focused window, so that
// :focus-visible and focus rings show as they do for a person.
func (tb *tab) keyboardOnly() {
	tb.t.Helper()
	if _, err := chromedp.Call(tb.ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		tb.t.Fatal(err)
	}
}

// enterTo presses Enter on the focused element and waits for the page it
// leads to; it fails unless that page answers status.
func (tb *tab) enterTo(what string, status int64) {
	tb.t.Helper()
	if st := tb.follow("Enter on "+what, chromedp.KeyEvent(kb.Enter)); st != status {
		tb.t.Fatalf("Enter on %s: got status %d, want %d", what, st, status)
	}
}

// cardSlugs are the slugs of the result's cards, in order.
func (tb *tab) cardSlugs() []string {
	tb.t.Helper()
	return eval[[]string](tb, `[...document.querySelectorAll('ol.matches > li.match')].map(li => li.id.replace(/^m-/, ''))`)
}

// TestShortlistAndCompareByKeyboard stars two cards and a profile with the
// keyboard alone, then compares the shortlist, with scripts and without.
func TestShortlistAndCompareByKeyboard(t *testing.T) {
	t.Parallel()
	for _, noJS := range []bool{false, true} {
		t.Run(fmt.Sprintf("javascript off %v", noJS), func(t *testing.T) {
			tb := newTab(t)
			tb.keyboardOnly()
			if noJS {
				tb.noScripts()
			}
			id := createResult(t, tb.base, backEndAnswers)
			loc := "/results/" + id
			tb.open(loc)
			slugs := tb.cardSlugs()
			isStar := func(title string) func(f focused) bool {
				return func(f focused) bool {
					return f.Tag == "BUTTON" && strings.Contains(f.Text, "Star "+title+" for your shortlist")
				}
			}
			title := func(slug string) string {
				return tb.text("#m-" + slug + " h3 a")
			}
			first := title(slugs[0])
			star := tb.tabTo("the first card's star", 60, isStar(first))
			tb.wantFocusVisible(star)
			tb.enterTo("the first star", 200)
			tb.wantPath(loc + "#m-" + slugs[0])
			// Back at the card: the next Tabs stay in it, then reach the
			// next card's star.
			tb.wantText("#m-"+slugs[0]+" .card-actions", "Starred")
			second := title(slugs[1])
			tb.tabTo("the second card's star", 10, isStar(second))
			tb.enterTo("the second star", 200)
			tb.wantPath(loc + "#m-" + slugs[1])

			// The shortlist holds both, checked for comparison.
			checked := eval[[]string](tb, `[...document.querySelectorAll('#shortlist input[name=roles]:checked')].map(i => i.value)`)
			if strings.Join(checked, ",") != slugs[0]+","+slugs[1] {
				t.Fatalf("shortlist checks %v, want %v", checked, slugs[:2])
			}
			tb.open(loc)
			tb.tabTo("Compare", 60, func(f focused) bool { return f.Tag == "BUTTON" && f.Text == "Compare" })
			tb.enterTo("Compare", 200)
			tb.wantPath(`/compare\?roles=` + slugs[0] + `&roles=` + slugs[1])
			cols := tb.texts("table.compare thead th")
			if len(cols) != 2 || cols[0] != first || cols[1] != second {
				t.Fatalf("compare columns %v, want %s and %s", cols, first, second)
			}
			tb.wantText("table.compare tbody tr:first-child th", "Your fit")

			// A third from its profile: the star comes back to it.
			tb.open("/roles/web-engineer")
			tb.tabTo("the profile's star", 80, func(f focused) bool {
				return f.Tag == "BUTTON" && strings.Contains(f.Text, "Star it for your shortlist")
			})
			tb.enterTo("the profile's star", 200)
			tb.wantPath("/roles/web-engineer#shortlist-box")
			tb.wantText("#shortlist-box", "Starred: take it off your shortlist")
			tb.wantText("#shortlist-box", "3 of 5")
			// "Compare with…" on the profile, keyboard only.
			tb.tabTo("Compare with…", 80, func(f focused) bool { return f.ID == "compare-with" })
			tb.press("back-end")
			tb.tabTo("its Compare button", 2, func(f focused) bool { return f.Tag == "BUTTON" && strings.HasPrefix(f.Text, "Compare") })
			tb.enterTo("Compare with", 200)
			tb.wantPath(`/compare\?roles=web-engineer&roles=back-end-web-developer`)
		})
	}
}

// TestDeleteAsksFirstByKeyboard: Delete leads to a question; Keep it goes
// back, Delete it for good deletes. With the keyboard, without scripts.
func TestDeleteAsksFirstByKeyboard(t *testing.T) {
	t.Parallel()
	tb := newTab(t)
	tb.keyboardOnly()
	tb.noScripts()
	id := createResult(t, tb.base, backEndAnswers)
	loc := "/results/" + id
	tb.open(loc)
	del := func() {
		tb.tabTo("Delete this result", 60, func(f focused) bool { return f.Tag == "A" && f.Text == "Delete this result" })
		tb.enterTo("Delete this result", 200)
		tb.wantPath(loc + "/delete")
		tb.wantText("h1", "Delete this result?")
	}
	del()
	keep := tb.tabTo("Keep it", 40, func(f focused) bool { return f.Text == "Keep it" })
	tb.wantFocusVisible(keep)
	tb.enterTo("Keep it", 200)
	tb.wantPath(loc)
	del()
	tb.tabTo("Delete it for good", 40, func(f focused) bool { return f.Tag == "BUTTON" && f.Text == "Delete it for good" })
	tb.enterTo("Delete it for good", 200)
	tb.wantPath("/")
	tb.wantText("p.flash", "Your result has been deleted")
	if st := tb.open(loc); st != 404 {
		t.Errorf("the deleted result: status %d, want 404", st)
	}
}

// TestNotForMeComesBackToItsPlace: hiding a card keeps the filter and the
// sort, and the page opens at the card that took its place; Show again
// opens at the card shown again.
func TestNotForMeComesBackToItsPlace(t *testing.T) {
	t.Parallel()
	tb := newTab(t)
	tb.noScripts()
	id := createResult(t, tb.base, backEndAnswers)
	loc := "/results/" + id
	tb.open(loc + "?category=technology&sort=pay")
	slugs := tb.cardSlugs()
	if st := tb.clickTo("#m-" + slugs[1] + " form[action$='/hide'] button"); st != 200 {
		t.Fatalf("Not for me: status %d", st)
	}
	tb.wantPath(loc + `\?category=technology&sort=pay#m-` + slugs[2])
	tb.wantInView("#m-" + slugs[2])
	if got := eval[string](tb, `document.getElementById('category').value`); got != "technology" {
		t.Errorf("the Field filter shows %q after Not for me, want technology", got)
	}
	if got := tb.cardSlugs(); got[1] != slugs[2] {
		t.Errorf("after hiding %s the second card is %s, want %s", slugs[1], got[1], slugs[2])
	}
	if st := tb.clickTo(".hidden-list form button"); st != 200 {
		t.Fatalf("Show again: status %d", st)
	}
	tb.wantPath(loc + `\?category=technology&sort=pay#m-` + slugs[1])
	tb.wantInView("#m-" + slugs[1])
}

// wantInView fails unless the element is in the upper part of the viewport
// of a page scrolled down to it.
func (tb *tab) wantInView(sel string) {
	tb.t.Helper()
	type place struct {
		Top    float64 `json:"top"`
		Scroll float64 `json:"scroll"`
		Height float64 `json:"height"`
	}
	p := eval[place](tb, fmt.Sprintf(`(() => { const r = document.querySelector(%s).getBoundingClientRect();
		return {top: r.top, scroll: scrollY, height: innerHeight}; })()`, jsString(sel)))
	if p.Scroll == 0 || p.Top < -1 || p.Top > p.Height/2 {
		tb.t.Errorf("on %s, %s is at %v px in a %v px viewport scrolled %v px: not where the person was", tb.path(), sel, p.Top, p.Height, p.Scroll)
	}
}

// TestRetakeFillsTheQuiz: Retake opens the quiz with the result's answers
// chosen, and says so; the result stays.
func TestRetakeFillsTheQuiz(t *testing.T) {
	t.Parallel()
	tb := newTab(t)
	id := createResult(t, tb.base, backEndAnswers)
	tb.open("/results/" + id)
	if st := tb.clickTo(`form[action$="/retake"] button`); st != 200 {
		t.Fatalf("Retake: status %d", st)
	}
	tb.wantPath("/quiz/1")
	tb.wantText("p.notice", "are filled in")
	for _, q := range tb.questionIDs() {
		if got := tb.checked(q); got != strconv.Itoa(answerFor(t, q)) {
			t.Errorf("%s: %q chosen, want the result's %d", q, got, answerFor(t, q))
		}
	}
	tb.followLink("your earlier result")
	tb.wantPath("/results/" + id)
}

// TestCopyLink: with scripts, Copy puts the result's address on the
// clipboard and says so.
func TestCopyLink(t *testing.T) {
	t.Parallel()
	tb := newTab(t)
	ctxID := chromedp.FromContext(tb.ctx).BrowserContextID
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.Call(tb.ctx, browser.SetPermission, browser.SetPermissionParams{Permission: &browser.PermissionDescriptor{Name: name},
			Setting: browser.PermissionSettingGranted, Origin: tb.base, BrowserContextID: ctxID}); err != nil {
			t.Fatal(err)
		}
	}
	id := createResult(t, tb.base, backEndAnswers)
	tb.open("/results/" + id)
	if !eval[bool](tb, `document.getElementById('copy-link').checkVisibility({visibilityProperty: true}) && document.getElementById('print-item').checkVisibility({visibilityProperty: true})`) {
		t.Fatal("Copy link and Print are hidden although scripts run")
	}
	tb.click("#copy-link")
	tb.awaitText("#copy-status", "Link copied.")
	got, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if want := tb.base + "/results/" + id; got != want {
		t.Errorf("the clipboard holds %q, want %q", got, want)
	}
}

// TestResultsPageDoesNotShift: the page's script reveals Copy link and
// Print; at a desktop width and a phone's, nothing on the first screen may
// move when it does (Print once wrapped the actions to a new line on a
// desktop and pushed the page 54 px down: a layout shift of 0.10).
func TestResultsPageDoesNotShift(t *testing.T) {
	t.Parallel()
	tb := newTab(t)
	id := createResult(t, tb.base, backEndAnswers)
	for _, vp := range [][2]int64{{1350, 940}, {1024, 768}, {412, 823}} {
		if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(vp[0], vp[1])); err != nil {
			t.Fatal(err)
		}
		tb.open("/results/" + id)
		// Every layout shift since the page began loading (buffered).
		shift, err := chromedp.Run(tb.ctx, chromedp.Evaluate[float64](`new Promise(done => {
			let sum = 0;
			new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) sum += e.value; })
				.observe({type: 'layout-shift', buffered: true});
			setTimeout(() => done(sum), 300);
		})`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		if shift > 0.01 {
			t.Errorf("%dx%d: the results page shifted by %.3f as it loaded, want none", vp[0], vp[1], shift)
		}
	}
}
