package server

import (
	"rolefit/internal/eval"

	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (f *fakeClock) now() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.t }
func (f *fakeClock) add(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.t = f.t.Add(d)
}

// answerPaced answers every page, spending perPage on page n as pace says.
func (a *testApp) answerPaced(t *testing.T, clock *fakeClock, pace func(n int) time.Duration) string {
	t.Helper()
	for n := 1; n <= len(a.srv.bank.Sections); n++ {
		_, body := a.get(t, fmt.Sprintf("/quiz/%d", n))
		clock.add(pace(n))
		form := url.Values{"csrf_token": {csrfFrom(t, body)}, "nav": {"next"}}
		answers := eval.BackEnd.Answers(a.srv.bank)
		for _, id := range sectionIDs(body) {
			form.Set(id, fmt.Sprint(answers[id]))
		}
		res, _ := a.postForm(t, fmt.Sprintf("/quiz/%d", n), form)
		wantStatus(t, res, http.StatusSeeOther)
	}
	_, body := a.get(t, "/quiz/review")
	res, _ := a.postForm(t, "/quiz/submit", url.Values{"csrf_token": {csrfFrom(t, body)}})
	wantStatus(t, res, http.StatusSeeOther)
	return strings.TrimSuffix(res.Header.Get("Location"), "/follow-up")
}

func TestPagesAnsweredTooFastAreFlagged(t *testing.T) {
	tests := []struct {
		name     string
		pace     func(n int) time.Duration
		wantFlag string
		lowConf  bool
	}{
		{"considered", func(int) time.Duration { return 45 * time.Second }, "", false},
		{"two rushed pages", func(n int) time.Duration {
			if n <= 2 {
				return 5 * time.Second
			}
			return 45 * time.Second
		}, "You answered 2 of the 6 pages in under 2 seconds a statement", false},
		{"all rushed", func(int) time.Duration { return 8 * time.Second }, "You answered 6 of the 6 pages in under 2 seconds a statement", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newTestApp(t)
			clock := &fakeClock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
			a.srv.now = clock.now
			loc := a.answerPaced(t, clock, tt.pace)
			_, body := a.get(t, loc)
			if tt.wantFlag == "" && strings.Contains(body, "pages in under") {
				t.Error("considered answers flagged as too fast")
			}
			if tt.wantFlag != "" {
				wantContains(t, body, tt.wantFlag)
			}
			if got := strings.Contains(body, "These matches are a rough guess"); got != tt.lowConf {
				t.Errorf("low-confidence notice shown %v, want %v", got, tt.lowConf)
			}
			// The flag is part of the saved result, after a restart too.
			_, api := a.get(t, "/api/v1/assessments/"+strings.TrimPrefix(loc, "/results/"))
			if got := strings.Contains(api, `"code":"fast"`); got != (tt.wantFlag != "") {
				t.Errorf("API flag fast %v, want %v", got, tt.wantFlag != "")
			}
		})
	}
}

func TestSecondCarefulPassClearsTheFastMark(t *testing.T) {
	a := newTestApp(t)
	clock := &fakeClock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	a.srv.now = clock.now
	_, body := a.get(t, "/quiz/1")
	form := url.Values{"csrf_token": {csrfFrom(t, body)}, "nav": {"next"}}
	for i, id := range sectionIDs(body) {
		form.Set(id, fmt.Sprint(1+i%5))
	}
	clock.add(3 * time.Second)
	a.postForm(t, "/quiz/1", form)
	_, _ = a.get(t, "/quiz/1") // back to the page, read it again slowly
	clock.add(40 * time.Second)
	res, _ := a.postForm(t, "/quiz/1", form)
	wantStatus(t, res, http.StatusSeeOther)
	sess := a.sessionValues(t)
	if sess[pageFastKey(1)] == "1" {
		t.Error("a careful second pass left the page marked fast")
	}
}
