package server

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// sectionIDs returns the question ids of a quiz page, from its radio names.
func sectionIDs(body string) []string {
	var ids []string
	seen := map[string]bool{}
	for _, m := range regexp.MustCompile(`type="radio" name="([^"]+)"`).FindAllStringSubmatch(body, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			ids = append(ids, m[1])
		}
	}
	return ids
}

func checked(body, id string) string {
	m := regexp.MustCompile(`name="` + regexp.QuoteMeta(id) + `" value="(\d)" checked`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return m[1]
}

// answerAll walks every section, answering each question with pick(id),
// and returns the result page's path.
// answerAll answers every section with pick, submits, and returns the
// result's address (leaving any follow-up questions unanswered).
func (a *testApp) answerAll(t *testing.T, pick func(id string) int) string {
	t.Helper()
	return strings.TrimSuffix(a.answerAllTo(t, pick), "/follow-up")
}

// answerAllTo answers every section with pick, submits, and returns where
// the submission sent the person: the results, or the follow-up questions.
func (a *testApp) answerAllTo(t *testing.T, pick func(id string) int) string {
	t.Helper()
	// A considered pace: a minute a page on a fake clock, so the result is
	// not flagged as rushed (quiz_pace_test.go tests the rushed case).
	clock := &fakeClock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	a.srv.now = clock.now
	for n := 1; n <= len(a.srv.bank.Sections); n++ {
		_, body := a.get(t, fmt.Sprintf("/quiz/%d", n))
		clock.add(time.Minute)
		form := url.Values{"csrf_token": {csrfFrom(t, body)}, "nav": {"next"}}
		for _, id := range sectionIDs(body) {
			form.Set(id, fmt.Sprint(pick(id)))
		}
		res, _ := a.postForm(t, fmt.Sprintf("/quiz/%d", n), form)
		wantStatus(t, res, http.StatusSeeOther)
	}
	_, body := a.get(t, "/quiz/review")
	res, _ := a.postForm(t, "/quiz/submit", url.Values{"csrf_token": {csrfFrom(t, body)}})
	wantStatus(t, res, http.StatusSeeOther)
	loc := res.Header.Get("Location")
	if !regexp.MustCompile(`^/results/[a-z2-7]{32}$`).MatchString(strings.TrimSuffix(loc, "/follow-up")) {
		t.Fatalf("submit redirected to %q, want /results/<32-char id>[/follow-up]", loc)
	}
	return loc
}

func TestQuizPagesAreAccessibleForms(t *testing.T) {
	a := newTestApp(t)
	res, body := a.get(t, "/quiz/1")
	wantStatus(t, res, http.StatusOK)
	ids := sectionIDs(body)
	if len(ids) < 8 || len(ids) > 12 {
		t.Fatalf("section 1 has %d questions, want about 10", len(ids))
	}
	if got := strings.Count(body, "<fieldset"); got != len(ids) {
		t.Errorf("got %d fieldsets for %d questions", got, len(ids))
	}
	if got := strings.Count(body, "<legend>"); got != len(ids) {
		t.Errorf("got %d legends for %d questions", got, len(ids))
	}
	wantContains(t, body, "Section 1 of 6", "0 of 60 questions answered", "Strongly disagree", "Strongly agree", `<progress`)
	if got := len(a.srv.bank.Questions); got > 60 {
		t.Errorf("bank has %d questions, want at most 60", got)
	}
	for _, path := range []string{"/quiz/0", "/quiz/7", "/quiz/x"} {
		res, _ := a.get(t, path)
		wantStatus(t, res, http.StatusNotFound)
	}
}

func TestQuizKeepsAnswersAndValidates(t *testing.T) {
	a := newTestApp(t)
	_, body := a.get(t, "/quiz/1")
	ids := sectionIDs(body)
	token := csrfFrom(t, body)

	// Half the answers, one of them out of range and one not a number.
	form := url.Values{"csrf_token": {token}, "nav": {"next"}}
	form.Set(ids[0], "4")
	form.Set(ids[1], "2")
	form.Set(ids[2], "7")
	form.Set(ids[3], "abc")
	res, body := a.postForm(t, "/quiz/1", form)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if checked(body, ids[0]) != "4" || checked(body, ids[1]) != "2" {
		t.Errorf("valid answers not kept selected: got %q and %q", checked(body, ids[0]), checked(body, ids[1]))
	}
	wantContains(t, body, `id="e-`+ids[2]+`">Choose one of the five answers.`, `id="e-`+ids[3]+`">Choose one of the five answers.`,
		`id="e-`+ids[4]+`">Please answer this question.`, `role="alert"`, `aria-describedby="e-`+ids[4]+`"`)

	// A refresh (a new GET) still shows the kept answers.
	_, body = a.get(t, "/quiz/1")
	if checked(body, ids[0]) != "4" || checked(body, ids[1]) != "2" {
		t.Error("answers lost on reload")
	}
	wantContains(t, body, "2 of 60 questions answered")

	// Back goes back without demanding the rest, keeping what was given.
	res, _ = a.postForm(t, "/quiz/1", url.Values{"csrf_token": {token}, "nav": {"back"}, ids[5]: {"5"}})
	wantStatus(t, res, http.StatusSeeOther)
	_, body = a.get(t, "/quiz/1")
	if checked(body, ids[5]) != "5" || checked(body, ids[0]) != "4" {
		t.Error("Back lost answers")
	}

	// Unknown question ids are refused, and nothing given is lost.
	res, body = a.postForm(t, "/quiz/1", url.Values{"csrf_token": {token}, "nav": {"next"}, "q999": {"3"}, ids[6]: {"1"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantContains(t, body, "not on this page", "q999")
	if checked(body, ids[6]) != "1" {
		t.Error("answer lost beside an unknown id")
	}

	// Submitting before every question is answered is refused with 422.
	_, body = a.get(t, "/quiz/review")
	wantContains(t, body, "Not answered")
	res, body = a.postForm(t, "/quiz/submit", url.Values{"csrf_token": {csrfFrom(t, body)}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantContains(t, body, "Please answer the")
}

func TestQuizEscapesInjectedIDs(t *testing.T) {
	a := newTestApp(t)
	_, body := a.get(t, "/quiz/1")
	inj := `<script>alert(1)</script>`
	res, body := a.postForm(t, "/quiz/1", url.Values{"csrf_token": {csrfFrom(t, body)}, "nav": {"next"}, inj: {"<b>3</b>"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	if strings.Contains(body, "<script>alert(1)") || strings.Contains(body, "<b>3</b>") {
		t.Error("posted text echoed unescaped")
	}
}

func TestCSRFIsRequiredAndChangesNothing(t *testing.T) {
	a := newTestApp(t)
	_, body := a.get(t, "/quiz/1")
	id := sectionIDs(body)[0]
	for _, token := range []string{"", "wrong-token"} {
		form := url.Values{"nav": {"back"}, id: {"5"}}
		if token != "" {
			form.Set("csrf_token", token)
		}
		res, _ := a.postForm(t, "/quiz/1", form)
		wantStatus(t, res, http.StatusForbidden)
	}
	_, body = a.get(t, "/quiz/1")
	if checked(body, id) != "" {
		t.Error("a forged POST changed the answers")
	}
	loc := a.answerAll(t, func(string) int { return 3 })
	for _, path := range []string{loc + "/delete", loc + "/hide", "/quiz/submit", "/quiz/reset"} {
		res, _ := a.postForm(t, path, url.Values{"slug": {"chef"}, "csrf_token": {"forged"}})
		wantStatus(t, res, http.StatusForbidden)
	}
	res, _ := a.get(t, loc)
	wantStatus(t, res, http.StatusOK)
}

func TestTamperedSessionCookieStartsFresh(t *testing.T) {
	a := newTestApp(t)
	for _, v := range []string{"garbage", strings.Repeat("A", 3000), "MTIzNDU2Nzg5MA==|x|y"} {
		req, _ := http.NewRequest(http.MethodGet, a.ts.URL+"/quiz/1", nil)
		req.AddCookie(&http.Cookie{Name: sessionName, Value: v})
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("tampered cookie %.10q: got %d, want 200", v, res.StatusCode)
		}
	}
}

func TestSessionCookieFlags(t *testing.T) {
	for _, secure := range []bool{false, true} {
		a := newTestAppWith(t, func(c Config) Config { c.SecureCookies = secure; return c })
		_, body := a.get(t, "/quiz/1")
		id := sectionIDs(body)[0]
		res, _ := a.postForm(t, "/quiz/1", url.Values{"csrf_token": {csrfFrom(t, body)}, "nav": {"back"}, id: {"2"}})
		var found bool
		for _, c := range res.Cookies() {
			if c.Name != sessionName {
				continue
			}
			found = true
			if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Secure != secure {
				t.Errorf("secure=%v: cookie HttpOnly=%v SameSite=%v Secure=%v", secure, c.HttpOnly, c.SameSite, c.Secure)
			}
		}
		if !found {
			t.Errorf("secure=%v: no session cookie set", secure)
		}
		if secure {
			res, _ := a.get(t, "/")
			if res.Header.Get("Strict-Transport-Security") == "" {
				t.Error("no HSTS with secure cookies")
			}
		}
	}
}
