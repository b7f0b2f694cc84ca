package e2e

import (
	"testing"

	"rolefit/data"
	"rolefit/internal/assessment"
)

// TestJourneyMouse is a person with a mouse: home, the quiz section by
// section, their matches, the Technology filter and the Back-End profile,
// which now says how they match.
func TestJourneyMouse(t *testing.T) {
	t.Parallel()
	tb := newTab(t)
	bank, err := assessment.LoadBank(data.FS, "questions.yaml")
	if err != nil {
		t.Fatal(err)
	}
	result := tb.takeQuizByPointer(func(what string) {
		if what == "quiz section 2" {
			tb.wantProgress(len(bank.SectionQuestions(1)), len(bank.Questions)) // after section 1
		}
	})
	tb.wantResults()
	tb.filterTechnology()
	fit := tb.fitOf(backEndTitle)
	tb.followLink(backEndTitle)
	tb.wantHowYouMatch(fit)
	t.Logf("result %s: %s fits %s", result, backEndTitle, fit)
}
