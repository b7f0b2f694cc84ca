package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestJourneyWithoutJavaScript takes the whole mouse journey in a tab whose
// pages may not run scripts: the app needs none. It ships one, on the
// results page only, for the Copy link and Print buttons, which stay hidden
// without it; the link itself is in a field anyone can copy from.
func TestJourneyWithoutJavaScript(t *testing.T) {
	t.Parallel()
	tb := newTab(t)
	if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	tb.wantScriptsOff()

	noScripts := func(what string) {
		if n := tb.count("script"); n != 0 {
			t.Errorf("%s has %d script elements, want none", what, n)
		}
	}
	tb.takeQuizByPointer(noScripts)
	tb.wantResults()
	if n := tb.count(`script:not([src^="/static/results.js?v="])`); n != 0 {
		t.Errorf("results has %d script elements besides the Copy and Print buttons' one", n)
	}
	tb.wantNoScriptButtons()
	tb.filterTechnology()
	fit := tb.fitOf(backEndTitle)
	tb.followLink(backEndTitle)
	tb.wantHowYouMatch(fit)
	noScripts("profile")
	tb.wantScriptsOff()
}

// wantScriptsOff proves that the tab runs no page script: a page whose
// script would rename it keeps its own title.
func (tb *tab) wantScriptsOff() {
	tb.t.Helper()
	const probe = `data:text/html,<title>scripts off</title><script>document.title = "scripts on"</script>`
	if err := chromedp.Do(tb.ctx, chromedp.Navigate(probe)); err != nil {
		tb.t.Fatal(err)
	}
	title, err := chromedp.Run(tb.ctx, chromedp.Title())
	if err != nil {
		tb.t.Fatal(err)
	}
	if title != "scripts off" {
		tb.t.Fatalf("a page script ran (title %q): JavaScript is not disabled", title)
	}
}

// wantNoScriptButtons checks the results page's actions when scripts do not
// run: Copy and Print stay hidden, the link is in a read-only field.
func (tb *tab) wantNoScriptButtons() {
	tb.t.Helper()
	for _, sel := range []string{"#copy-link", "#print-item"} {
		if eval[bool](tb, fmt.Sprintf(`document.querySelector(%s).checkVisibility({visibilityProperty: true})`, jsString(sel))) {
			tb.t.Errorf("%s shows without JavaScript, where it cannot work", sel)
		}
	}
	link := eval[string](tb, `document.getElementById('share-url').value`)
	if want := tb.base + strings.SplitN(tb.path(), "?", 2)[0]; link != want {
		tb.t.Errorf("the link field holds %q, want %q", link, want)
	}
}
