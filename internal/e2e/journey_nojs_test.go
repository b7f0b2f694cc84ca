package e2e

import (
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestJourneyWithoutJavaScript takes the whole mouse journey in a tab whose
// pages may not run scripts: the app needs none, and ships none.
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
	noScripts("results")
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
