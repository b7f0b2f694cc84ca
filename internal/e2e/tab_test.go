package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// tabTimeout bounds one test's work in its tab: a guard against a browser
// that hangs, not a speed check. The longest tests (TestAccessibility runs
// axe on some thirty pages) take 25 s alone, but over 60 s while make test
// runs other packages beside them under the race detector.
const tabTimeout = 3 * time.Minute

// tab is one browser tab, in a browser context of its own (own cookies, so
// its own quiz session), pointed at the app. Its methods fail the test
// on any browser error.
type tab struct {
	t    *testing.T
	ctx  context.Context // the tab, bounded by tabTimeout
	base string          // the app's base URL
	// touch makes the pointer a finger: taps instead of mouse clicks.
	touch bool
}

// newTab opens a tab on the shared app, in a fresh browser context. A
// failing test leaves a screenshot and the page's HTML behind (see
// saveArtifacts), and prints what the server logged meanwhile.
func newTab(t *testing.T) *tab {
	t.Helper()
	requireSuite(t)
	_, logStart := suite.app.logs.since(0)
	t.Cleanup(func() {
		if logs, _ := suite.app.logs.since(logStart); t.Failed() && logs != "" {
			t.Logf("server warnings and errors while the test ran (tests run in parallel):\n%s", logs)
		}
	})
	tabCtx, cancel := chromedp.NewContext(suite.browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(tabCtx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(tabCtx, tabTimeout)
	t.Cleanup(cancelTimeout)
	tb := &tab{t: t, ctx: ctx, base: suite.app.url}
	keepOnFailure(t, tabCtx)
	return tb
}

// sub returns the tab for subtest t, keeping its own artifacts on failure.
func (tb *tab) sub(t *testing.T) *tab {
	t.Helper()
	keepOnFailure(t, tb.ctx)
	return &tab{t: t, ctx: tb.ctx, base: tb.base, touch: tb.touch}
}

// open loads path with a GET, as typing it in the address bar does, and
// returns the HTTP status.
func (tb *tab) open(path string) int64 {
	tb.t.Helper()
	res, err := chromedp.Run(tb.ctx, chromedp.NavigateResponse(tb.base+path))
	if err != nil {
		tb.t.Fatalf("open %s: %v", path, err)
	}
	return res.Status
}

// follow runs an action that loads a page (a click on a link, Enter on a
// button), waits for the page and returns its HTTP status after redirects.
func (tb *tab) follow(what string, a chromedp.Action[chromedp.Void]) int64 {
	tb.t.Helper()
	res, err := chromedp.RunResponse(tb.ctx, a)
	if err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
	return res.Status
}

// clickTo clicks the element and waits for the page it leads to.
func (tb *tab) clickTo(sel string) int64 {
	tb.t.Helper()
	tb.settle(cssFind(sel))
	return tb.follow("click "+sel, pointerOn(tb, chromedp.CSS(sel)))
}

// settle brings the element that the JavaScript expression find returns
// into view and waits until it stops moving, as a person waits for the page
// to stop jumping before they click. Content below a box with
// content-visibility: auto moves when the box is first laid out, which
// happens only as it nears the viewport; a click aimed before that lands on
// whatever moved into the element's place.
func (tb *tab) settle(find string) {
	tb.t.Helper()
	type box struct {
		Found  bool    `json:"found"`
		Top    float64 `json:"top"`
		Bottom float64 `json:"bottom"`
		Height float64 `json:"height"` // the viewport's
	}
	measure := func(scroll bool) box {
		return eval[box](tb, fmt.Sprintf(`(() => {
			const e = %s;
			if (!e) return {found: false};
			if (%t) e.scrollIntoView({block: 'center', inline: 'nearest'});
			const r = e.getBoundingClientRect();
			return {found: true, top: r.top, bottom: r.bottom, height: innerHeight};
		})()`, find, scroll))
	}
	for range 20 {
		placed := measure(true)
		if !placed.Found {
			tb.t.Fatalf("on %s: nothing found by %s", tb.path(), find)
		}
		if err := chromedp.Do(tb.ctx, chromedp.Sleep(60*time.Millisecond)); err != nil {
			tb.t.Fatal(err)
		}
		now := measure(false)
		if now.Top == placed.Top && now.Top >= 0 && now.Bottom <= now.Height {
			return
		}
	}
	tb.t.Fatalf("on %s: the element found by %s keeps moving", tb.path(), find)
}

func cssFind(sel string) string { return fmt.Sprintf("document.querySelector(%s)", jsString(sel)) }

func xpathFind(xp string) string {
	return fmt.Sprintf("document.evaluate(%s, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue", jsString(xp))
}

// pointerOn clicks the element with the mouse, or taps it in a touch tab.
func pointerOn[S chromedp.Selectable](tb *tab, sel S) chromedp.Action[chromedp.Void] {
	if tb.touch {
		return chromedp.Tap(sel)
	}
	return chromedp.Click(sel)
}

// click clicks the element, with a real mouse event at its centre.
func (tb *tab) click(sel string) {
	tb.t.Helper()
	tb.settle(cssFind(sel))
	if err := chromedp.Do(tb.ctx, pointerOn(tb, chromedp.CSS(sel))); err != nil {
		tb.t.Fatalf("click %s: %v", sel, err)
	}
}

// press sends key presses (see package kb) to the focused element.
func (tb *tab) press(keys string) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, chromedp.KeyEvent(keys)); err != nil {
		tb.t.Fatalf("press %q: %v", keys, err)
	}
}

// path is the address bar's path and query.
func (tb *tab) path() string {
	tb.t.Helper()
	loc, err := chromedp.Run(tb.ctx, chromedp.Location())
	if err != nil {
		tb.t.Fatal(err)
	}
	return strings.TrimPrefix(loc, tb.base)
}

// eval evaluates a JavaScript expression in the page, through DevTools:
// that works even when the page itself may not run scripts.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		tb.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// count is how many elements match sel now (it does not wait).
func (tb *tab) count(sel string) int {
	tb.t.Helper()
	return eval[int](tb, fmt.Sprintf("document.querySelectorAll(%s).length", jsString(sel)))
}

// mustExist fails at once, with the page's URL, when nothing matches sel,
// instead of letting a query wait until the test times out.
func (tb *tab) mustExist(sel string) {
	tb.t.Helper()
	if tb.count(sel) == 0 {
		tb.t.Fatalf("on %s: no element matches %s", tb.path(), sel)
	}
}

// text is the rendered text of the first element that matches sel, with
// white space collapsed: what a person reads.
func (tb *tab) text(sel string) string {
	tb.t.Helper()
	tb.mustExist(sel)
	return eval[string](tb, fmt.Sprintf("document.querySelector(%s).innerText.replace(/\\s+/g, ' ').trim()", jsString(sel)))
}

// texts is the rendered text of every element that matches sel.
func (tb *tab) texts(sel string) []string {
	tb.t.Helper()
	return eval[[]string](tb, fmt.Sprintf("[...document.querySelectorAll(%s)].map(e => e.innerText.replace(/\\s+/g, ' ').trim())", jsString(sel)))
}

// wantPath fails unless the address bar shows path (a regexp, anchored).
func (tb *tab) wantPath(pattern string) string {
	tb.t.Helper()
	p := tb.path()
	if !regexp.MustCompile("^" + pattern + "$").MatchString(p) {
		tb.t.Fatalf("got page %s, want %s", p, pattern)
	}
	return p
}

// wantText fails unless the element's text contains want.
func (tb *tab) wantText(sel, want string) {
	tb.t.Helper()
	if got := tb.text(sel); !strings.Contains(got, want) {
		tb.t.Fatalf("on %s, %s: got %q, want it to contain %q", tb.path(), sel, got, want)
	}
}

// awaitText waits (within the tab's time bound) until the element's text
// contains want: for text a script writes after a promise settles, such
// as the clipboard's.
func (tb *tab) awaitText(sel, want string) {
	tb.t.Helper()
	js := fmt.Sprintf(`(document.querySelector(%s)?.textContent ?? "").includes(%s)`, jsString(sel), jsString(want))
	if _, err := chromedp.Run(tb.ctx, chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		tb.t.Fatalf("on %s, %s: got %q, want it to contain %q within 30 s (%v)", tb.path(), sel, tb.text(sel), want, err)
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
