package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// phoneWidth and phoneHeight are a common phone's screen in CSS pixels.
const phoneWidth, phoneHeight = 390, 844

// maxResultsHeight bounds the results page's height on that phone: a third
// of the 27,430 px it was before issue 9 made the rest of the matches a
// paged table (about 7,600 px now, depending on the result).
const maxResultsHeight = 27430 / 3

// TestJourneyPhone takes the journey on a 390×844 phone screen with taps,
// and checks that no page scrolls sideways.
func TestJourneyPhone(t *testing.T) {
	t.Parallel()
	tb := newTab(t)
	tb.touch = true
	if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulateMobile, chromedp.EmulateTouch)); err != nil {
		t.Fatal(err)
	}
	result := tb.takeQuizByPointer(func(what string) {
		if what == "home" {
			if w := eval[int](tb, "document.documentElement.clientWidth"); w != phoneWidth {
				t.Fatalf("got a layout viewport %d px wide, want %d (is the viewport meta tag there?)", w, phoneWidth)
			}
		}
		tb.wantNoSidewaysScroll(what)
	})
	tb.wantResults()
	tb.wantNoSidewaysScroll("results")
	if h := eval[int](tb, "document.documentElement.scrollHeight"); h > maxResultsHeight {
		t.Errorf("the results page is %d px tall on a phone, want at most %d", h, maxResultsHeight)
	}
	tb.filterTechnology()
	tb.wantNoSidewaysScroll("filtered results")
	fit := tb.fitOf(backEndTitle)
	tb.followLink(backEndTitle)
	tb.wantHowYouMatch(fit)
	tb.wantNoSidewaysScroll("profile")
	for _, path := range []string{"/compare?roles=back-end-web-developer,web-engineer,front-end-web-developer,ux-designer", "/compare?roles=back-end-web-developer", "/results/" + strings.Split(result, "/")[2] + "/delete"} {
		tb.open(path)
		tb.wantNoSidewaysScroll(path)
	}
}

// wantNoSidewaysScroll fails when the page is wider than the viewport, and
// names the elements that stick out on the right. On a mobile screen Chrome
// widens window.innerWidth to the content when the content is too wide, so
// the viewport's width is read from the root's clientWidth, and innerWidth
// must still be the phone's.
func (tb *tab) wantNoSidewaysScroll(what string) {
	tb.t.Helper()
	type overflow struct {
		ScrollWidth int      `json:"scrollWidth"`
		ClientWidth int      `json:"clientWidth"`
		InnerWidth  int      `json:"innerWidth"`
		Culprits    []string `json:"culprits"`
	}
	o := eval[overflow](tb, `(() => {
		const vw = document.documentElement.clientWidth;
		const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + [...e.classList].map(c => '.' + c).join('');
		// The right edge of an element's content, which may overflow its box.
		// Content that overflows a box which clips it (as .visually-hidden
		// does) cannot widen the page.
		const right = e => {
			const r = e.getBoundingClientRect();
			return r.left + (getComputedStyle(e).overflowX === 'visible' ? Math.max(r.width, e.scrollWidth) : r.width);
		};
		// Content inside a box that scrolls or clips sideways (a wide
		// table in its scrolling region) cannot widen the page either,
		// as long as that box fits.
		const contained = e => {
			for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
				if (getComputedStyle(a).overflowX !== 'visible') return right(a) <= vw + 0.5;
			}
			return false;
		};
		const wide = [...document.body.querySelectorAll('*')].filter(e => right(e) > vw + 0.5 && !contained(e));
		// The deepest ones: they are the cause, their ancestors only carry it.
		const out = wide.filter(e => ![...e.children].some(c => right(c) > vw + 0.5))
			.slice(0, 8).map(e => name(e) + ' right=' + Math.round(right(e)));
		return {scrollWidth: document.documentElement.scrollWidth, clientWidth: vw, innerWidth: window.innerWidth, culprits: out};
	})()`)
	if o.ScrollWidth > o.ClientWidth || o.InnerWidth > phoneWidth {
		tb.t.Errorf("%s (%s) scrolls sideways on a phone: scrollWidth %d, viewport %d, innerWidth %d (want <= %d); sticking out: %s",
			what, tb.path(), o.ScrollWidth, o.ClientWidth, o.InnerWidth, phoneWidth, strings.Join(o.Culprits, ", "))
		tb.snapshot(strings.ReplaceAll(what, " ", "_"))
	}
}
