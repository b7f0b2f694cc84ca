package server

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"rolefit/internal/store"
)

// internalWords are pieces of database error text a person must never see.
var internalWords = []string{"sqlite", "disk is full", "readonly", "read-only", "store:", "attempt to write", "database is", "database or"}

// TestFullDatabaseAnswers503 bounds the database just above its size once
// the catalog is synced, fills it, and checks that saving a result then
// fails cleanly: 503 from the API and the quiz, an ERROR in the log, and
// every reading page still served.
func TestFullDatabaseAnswers503(t *testing.T) {
	logs := &logBuffer{}
	var saved string
	a := newTestAppTB(t, appSetup{
		log:    logs,
		before: func(tb testing.TB, db *store.DB) { saved = saveResult(tb, db) },
		reopen: func(tb testing.TB, path string) store.Options {
			fi, err := os.Stat(path)
			if err != nil {
				tb.Fatal(err)
			}
			return store.Options{MaxSizeMB: int(fi.Size()>>20) + 1}
		},
	})
	// Fill what room is left straight through the store, which is quicker
	// than through HTTP; the first failure must be SQLITE_FULL.
	ctx := context.Background()
	answers := map[string]int{}
	for i, q := range a.srv.bank.Questions {
		answers[q.ID] = 1 + i%5
	}
	var err error
	n := 0
	for ; n < 100000 && err == nil; n++ {
		_, err = a.db.CreateResult(ctx, time.Now(), answers, 0)
	}
	if !store.IsUnavailable(err) || !strings.Contains(err.Error(), "full") {
		t.Fatalf("filling the database: got %v, want SQLITE_FULL", err)
	}
	t.Logf("full after %d more results", n-1)
	checkUnavailable(t, a, logs, saved, "full")
}

// TestReadOnlyDatabaseAnswers503 serves a database opened read-only: the
// same clean 503 on every write, and every reading page served.
func TestReadOnlyDatabaseAnswers503(t *testing.T) {
	logs := &logBuffer{}
	var saved string
	a := newTestAppTB(t, appSetup{
		log:    logs,
		before: func(tb testing.TB, db *store.DB) { saved = saveResult(tb, db) },
		reopen: func(testing.TB, string) store.Options { return store.Options{ReadOnly: true} },
	})
	checkUnavailable(t, a, logs, saved, "readonly")

	// Browser writes to a saved result fail the same way.
	_, body := a.get(t, "/results/"+saved)
	token := csrfFrom(t, body)
	for _, path := range []string{"/results/" + saved + "/hide", "/results/" + saved + "/delete"} {
		res, body := a.postForm(t, path, url.Values{"csrf_token": {token}, "slug": {a.srv.cat.Roles[0].Slug}})
		wantStatus(t, res, http.StatusServiceUnavailable)
		wantContains(t, body, defaultMessage(http.StatusServiceUnavailable))
	}
	res, _ := a.get(t, "/api/v1/assessments/"+saved)
	wantStatus(t, res, http.StatusOK)
}

// saveResult stores one complete result and returns its id.
func saveResult(tb testing.TB, db *store.DB) string {
	tb.Helper()
	answers := map[string]int{}
	for i := 1; i <= 60; i++ {
		answers[fmt.Sprintf("q%02d", i)] = 1 + i%5
	}
	id, err := db.CreateResult(context.Background(), time.Now(), answers, 0)
	if err != nil {
		tb.Fatal(err)
	}
	return id
}

// checkUnavailable checks a server whose database refuses writes: the API
// and the quiz answer 503 (problem+json and the HTML error page) without
// internal text, the log has an ERROR naming the cause, and reading pages
// and the saved result are still served.
func checkUnavailable(t *testing.T, a *testApp, logs *logBuffer, saved, cause string) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"answers": fullAnswers(a, 0)})

	// The API. A full file may still fit a row in a page with room left,
	// so submit until one fails; that one must be a clean 503.
	var res *http.Response
	var out string
	for i := 0; i < 500; i++ {
		res, out = postJSON(t, a, string(body))
		if res.StatusCode != http.StatusCreated {
			break
		}
	}
	wantStatus(t, res, http.StatusServiceUnavailable)
	if ct := res.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("API: got content type %q, want application/problem+json", ct)
	}
	var p Problem
	if err := json.Unmarshal([]byte(out), &p); err != nil || p.Status != http.StatusServiceUnavailable ||
		p.Detail != defaultMessage(http.StatusServiceUnavailable) {
		t.Errorf("API: got problem %s (%v), want status 503 with the standard message", out, err)
	}
	noInternalText(t, "API 503", out)

	// The quiz, answered in full in the browser, then submitted.
	token := a.answerSections(t)
	for i := 0; i < 500; i++ {
		res, out = a.postForm(t, "/quiz/submit", url.Values{"csrf_token": {token}})
		if res.StatusCode != http.StatusSeeOther {
			break
		}
	}
	wantStatus(t, res, http.StatusServiceUnavailable)
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("quiz submit: got content type %q, want text/html", ct)
	}
	wantContains(t, out, "<h1>", defaultMessage(http.StatusServiceUnavailable), `href="/roles"`)
	noInternalText(t, "quiz submit 503", out)

	// Reading goes on.
	for _, path := range []string{"/", "/roles", "/roles/back-end-web-developer", "/search?q=nurse", "/quiz/1",
		"/quiz/review", "/api/v1/questions", "/api/v1/roles", "/results/" + saved, "/api/v1/assessments/" + saved, "/healthz", "/readyz"} {
		res, _ := a.get(t, path)
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET %s: got %d, want 200", path, res.StatusCode)
		}
	}

	// The operator sees why, once per failed request.
	errorsLogged := 0
	sc := bufio.NewScanner(strings.NewReader(logs.String()))
	for sc.Scan() {
		var rec struct{ Level, Msg, Err string }
		if json.Unmarshal(sc.Bytes(), &rec) == nil && rec.Level == "ERROR" {
			errorsLogged++
			if !strings.Contains(rec.Err, cause) {
				t.Errorf("ERROR line does not name the cause %q: %s", cause, sc.Text())
			}
		}
	}
	if errorsLogged < 2 {
		t.Errorf("got %d ERROR lines, want one per 503 (2)\nlog:\n%s", errorsLogged, logs.String())
	}
}

// answerSections answers every quiz section (without submitting) and
// returns the CSRF token of the review page.
func (a *testApp) answerSections(t *testing.T) string {
	t.Helper()
	for n := 1; n <= len(a.srv.bank.Sections); n++ {
		_, body := a.get(t, fmt.Sprintf("/quiz/%d", n))
		form := url.Values{"csrf_token": {csrfFrom(t, body)}, "nav": {"next"}}
		for i, id := range sectionIDs(body) {
			form.Set(id, fmt.Sprint(1+(i+n)%5))
		}
		res, _ := a.postForm(t, fmt.Sprintf("/quiz/%d", n), form)
		wantStatus(t, res, http.StatusSeeOther)
	}
	_, body := a.get(t, "/quiz/review")
	return csrfFrom(t, body)
}

func noInternalText(t *testing.T, what, body string) {
	t.Helper()
	lower := strings.ToLower(body)
	for _, w := range internalWords {
		if strings.Contains(lower, w) {
			t.Errorf("%s shows internal text %q", what, w)
		}
	}
}
