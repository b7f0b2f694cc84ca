package e2e

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestJourneyKeyboard is a person with only a keyboard: no mouse event is
// sent. Tab moves on, Enter and Space activate, the arrow keys choose an
// answer, and the focus is visible on links, radios and buttons.
func TestJourneyKeyboard(t *testing.T) {
	t.Parallel()
	tb := newTab(t)
	// Tabs run side by side; each must behave as the focused window, or
	// :focus-visible and the focus rings this test checks could not show.
	if _, err := chromedp.Call(tb.ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	tb.open("/")

	// The first Tab reaches the skip link, which shows itself.
	skip := tb.tabTo("the skip link", 1, func(f focused) bool { return f.Text == "Skip to content" })
	tb.wantFocusVisible(skip)
	if skip.Left < 0 || skip.Top < 0 {
		t.Errorf("the focused skip link is off screen at (%v, %v)", skip.Left, skip.Top)
	}
	link := tb.tabTo("Take the fit quiz", 20, func(f focused) bool { return f.Tag == "A" && f.Text == "Take the fit quiz" })
	tb.wantFocusVisible(link)
	tb.follow("Enter on Take the fit quiz", chromedp.KeyEvent(kb.Enter))
	tb.wantPath("/quiz")
	tb.tabTo("Start the quiz", 20, func(f focused) bool { return f.Tag == "A" && f.Text == "Start the quiz" })
	tb.follow("Enter on Start the quiz", chromedp.KeyEvent(kb.Enter))

	answered := 0
	for n := 1; n <= 6; n++ {
		tb.wantPath(fmt.Sprintf("/quiz/%d", n))
		tb.wantProgress(answered, 60)
		// Skip to content, then Tab reaches the first question at once.
		tb.tabTo("the skip link", 1, func(f focused) bool { return f.Text == "Skip to content" })
		tb.press(kb.Enter)
		for i, id := range tb.questionIDs() {
			max := 5
			if i == 0 {
				max = 1
			}
			radio := tb.tabTo("the first answer of "+id, max, func(f focused) bool { return f.Type == "radio" && f.Name == id })
			if radio.Value != "1" || radio.Checked {
				t.Fatalf("Tab into unanswered %s: got %s checked=%v, want the first answer, unchecked", id, radio, radio.Checked)
			}
			if n == 1 && i == 0 {
				tb.wantFocusVisible(radio)
			}
			v := answerFor(t, id)
			tb.press(arrowsFor(v))
			f := tb.active()
			if f.Name != id || f.Value != strconv.Itoa(v) || !f.Checked {
				t.Fatalf("%s: after %q got focus on %s checked=%v, want answer %d checked", id, keyNames(arrowsFor(v)), f, f.Checked, v)
			}
			answered++
		}
		next := tb.tabTo("the Next button", 2, func(f focused) bool { return f.Tag == "BUTTON" && f.Value == "next" })
		if n == 1 {
			tb.wantFocusVisible(next)
		}
		if st := tb.follow("Enter on "+next.Text, chromedp.KeyEvent(kb.Enter)); st != 200 {
			t.Fatalf("section %d: Enter on %s: got status %d, want 200", n, next, st)
		}
	}

	tb.wantPath("/quiz/review")
	tb.wantText("p.lead", "You have answered 60 of 60 questions")
	see := tb.tabTo("See my matches", 200, func(f focused) bool { return f.Tag == "BUTTON" && f.Text == "See my matches" })
	tb.wantFocusVisible(see)
	tb.follow("Space on See my matches", chromedp.KeyEvent(" "))
	tb.wantPath(`/results/[A-Za-z0-9_-]+`)
	tb.wantResults()

	// Open the filters (a disclosure), then type "tech" on the Field
	// select, as a keyboard user picks an option.
	tb.tabTo("the filters' disclosure", 40, func(f focused) bool { return f.Tag == "SUMMARY" && strings.HasPrefix(f.Text, "Filter by field") })
	tb.press(kb.Enter)
	sel := tb.tabTo("the Field filter", 3, func(f focused) bool { return f.ID == "category" })
	tb.wantFocusVisible(sel)
	tb.press("tech")
	if f := tb.active(); f.Value != "technology" {
		t.Fatalf("typing tech on the Field filter: got value %q, want technology", f.Value)
	}
	tb.tabTo("the Filter button", 12, func(f focused) bool { return f.Tag == "BUTTON" && f.Text == "Filter" })
	tb.follow("Enter on Filter", chromedp.KeyEvent(kb.Enter))
	tb.wantFiltered()
	fit := tb.fitOf(backEndTitle)
	tb.tabTo(backEndTitle, 300, func(f focused) bool { return f.Tag == "A" && f.Text == backEndTitle })
	tb.follow("Enter on "+backEndTitle, chromedp.KeyEvent(kb.Enter))
	tb.wantHowYouMatch(fit)
}

// arrowsFor are the keys that choose answer v from the first radio of a
// group that has the focus and no answer: Space for 1, ArrowRight up to 3,
// ArrowLeft (which wraps round to the end) for 4 and 5.
func arrowsFor(v int) string {
	switch {
	case v == 1:
		return " "
	case v <= 3:
		return strings.Repeat(kb.ArrowRight, v-1)
	default:
		return strings.Repeat(kb.ArrowLeft, 6-v)
	}
}

func keyNames(keys string) string {
	r := strings.NewReplacer(kb.ArrowRight, "→", kb.ArrowLeft, "←", " ", "Space")
	return r.Replace(keys)
}
