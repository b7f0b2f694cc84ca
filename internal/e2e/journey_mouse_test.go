package e2e

import "testing"

// TestJourneyMouse is a person with a mouse: home, the quiz section by
// section, their matches, the Technology filter and the Back-End profile,
// which now says how they match.
func TestJourneyMouse(t *testing.T) {
	t.Parallel()
	tb := newTab(t)
	result := tb.takeQuizByPointer(func(what string) {
		if what == "quiz section 2" {
			tb.wantProgress(10, 60) // after section 1
		}
	})
	tb.wantResults()
	tb.filterTechnology()
	fit := tb.fitOf(backEndTitle)
	tb.followLink(backEndTitle)
	tb.wantHowYouMatch(fit)
	t.Logf("result %s: %s fits %s", result, backEndTitle, fit)
}
