package e2e

import (
	"fmt"
	"strconv"
	"testing"
)

// TestValidationKeepsAnswers answers three questions of section 1 and asks
// for the next section: the page says what is missing, beside each missing
// question and in a summary, and keeps the three answers, also after the
// section is loaded again.
func TestValidationKeepsAnswers(t *testing.T) {
	t.Parallel()
	tb := newTab(t)
	tb.open("/quiz/1")
	ids := tb.questionIDs()
	given := map[string]int{}
	for _, id := range ids[:3] {
		v := answerFor(t, id)
		tb.click(fmt.Sprintf("#q-%s label.choice:nth-child(%d)", id, v))
		given[id] = v
	}
	if st := tb.clickTo(`button[name=nav][value=next]`); st != 422 {
		t.Fatalf("Next with %d of %d answered: got status %d, want 422", len(given), len(ids), st)
	}
	tb.wantPath("/quiz/1")

	missing := len(ids) - len(given)
	tb.wantText(`div.error-summary[role=alert] h2`, fmt.Sprintf("Please check %d questions", missing))
	if n := tb.count(`div.error-summary a[href^="#q-"]`); n != missing {
		t.Errorf("the error summary links to %d questions, want %d", n, missing)
	}
	for _, id := range ids {
		errs := tb.count(fmt.Sprintf("#q-%s p.error", id))
		if _, ok := given[id]; ok {
			if errs != 0 {
				t.Errorf("answered %s shows an error: %q", id, tb.text(fmt.Sprintf("#q-%s p.error", id)))
			}
			continue
		}
		if errs != 1 {
			t.Errorf("unanswered %s: got %d error messages beside it, want 1", id, errs)
			continue
		}
		if d := eval[string](tb, fmt.Sprintf(`document.getElementById('q-%s').getAttribute('aria-describedby') ?? ''`, id)); d != "e-"+id {
			t.Errorf("unanswered %s: its error is not tied to it (aria-describedby %q, want e-%s)", id, d, id)
		}
	}
	tb.wantAnswers(ids, given)
	tb.wantProgress(len(given), len(backEndAnswers))

	if st := tb.open("/quiz/1"); st != 200 {
		t.Fatalf("GET /quiz/1 again: got status %d, want 200", st)
	}
	if n := tb.count("div.error-summary, p.error"); n != 0 {
		t.Errorf("a fresh GET still shows %d error elements", n)
	}
	tb.wantAnswers(ids, given)
	tb.wantProgress(len(given), len(backEndAnswers))
}

// wantAnswers checks that exactly the given answers are selected.
func (tb *tab) wantAnswers(ids []string, given map[string]int) {
	tb.t.Helper()
	for _, id := range ids {
		want := ""
		if v, ok := given[id]; ok {
			want = strconv.Itoa(v)
		}
		if got := tb.checked(id); got != want {
			tb.t.Errorf("on %s, %s: got answer %q selected, want %q", tb.path(), id, got, want)
		}
	}
}
