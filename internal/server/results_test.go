package server

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"rolefit/data"
	"rolefit/internal/assessment"
	"rolefit/internal/catalog"
	"rolefit/internal/eval"
	"rolefit/internal/roles"
)

func TestFullQuizJourneyToResultsAndProfile(t *testing.T) {
	a := newTestApp(t)
	answers := personaAnswers(t, a, eval.BackEnd)
	loc := a.answerAll(t, func(id string) int { return answers[id] })

	res, body := a.get(t, loc)
	wantStatus(t, res, http.StatusOK)
	if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("results page Cache-Control %q, want no-store", cc)
	}
	wantContains(t, body, "<h1>Your matches</h1>", "Why it fits", "Where you would stretch", "Your strengths",
		`role="img"`, "Download JSON", "Download CSV", "Delete this result", "Retake the quiz", "Not for me")
	top := regexp.MustCompile(`<h3>(?:<span class="tie">Tied: </span>)?<a href="/roles/([a-z0-9-]+)">`).FindAllStringSubmatch(body, -1)
	if len(top) != topMatches {
		t.Fatalf("got %d explained matches, want %d", len(top), topMatches)
	}
	rest := len(a.srv.cat.Roles) - topMatches
	if want := fmt.Sprintf("1 to %d of %d.", tablePageSize, rest); !strings.Contains(body, want) {
		t.Errorf("the table of other matches does not say %q", want)
	}
	if got := strings.Count(body, `<tr id="m-`); got != tablePageSize {
		t.Errorf("the table's first page lists %d matches, want %d", got, tablePageSize)
	}

	// The profile page now says how the visitor matches.
	res, body = a.get(t, "/roles/back-end-web-developer")
	wantStatus(t, res, http.StatusOK)
	wantContains(t, body, "How you match", "Your answer beside where this role sits", "<th scope=\"row\">Programming</th>", `href="`+loc+`"`)

	// Filters narrow the list.
	_, body = a.get(t, loc+"?category=healthcare")
	for _, m := range regexp.MustCompile(`<h3>(?:<span class="tie">Tied: </span>)?<a href="/roles/([a-z0-9-]+)">`).FindAllStringSubmatch(body, -1) {
		if r, _ := a.srv.cat.Role(m[1]); r.Category != "healthcare" {
			t.Errorf("category filter let %s (%s) through", m[1], r.Category)
		}
	}
	// The education filter uses the BLS levels the profiles show, "at most":
	// Back-End (a bachelor's degree on its page) stays in.
	_, body = a.get(t, loc+"?education="+url.QueryEscape("Bachelor's degree"))
	cards := regexp.MustCompile(`<h3>(?:<span class="tie">Tied: </span>)?<a href="/roles/([a-z0-9-]+)">`).FindAllStringSubmatch(body, -1)
	if len(cards) == 0 {
		t.Fatal("education filter: no matches")
	}
	for _, m := range cards {
		if e := a.srv.targets[m[1]].Education; !roles.EducationAtMost(e, "Bachelor's degree") {
			t.Errorf("education filter let %s (%s) through", m[1], e)
		}
	}
	wantContains(t, body, `<option value="Bachelor&#39;s degree" selected>`, `href="/roles/back-end-web-developer"`)
	if strings.Index(body, ">No formal educational credential<") > strings.Index(body, ">Doctoral or professional degree<") {
		t.Error("education levels are not in BLS order")
	}
	// Each card's figures name the BLS group they belong to.
	for _, card := range regexp.MustCompile(`(?s)<li class="match">.*?</li>`).FindAllString(body, -1) {
		if !strings.Contains(card, `<p class="card-figures small">For the BLS group “`) {
			t.Errorf("a result card shows figures without naming their group: %s", card[:min(len(card), 200)])
		}
	}

	// "Not for me" hides a match and the rest move up; undo brings it back.
	first := top[0][1]
	res, _ = a.postForm(t, loc+"/hide", url.Values{"csrf_token": {csrfFrom(t, body)}, "slug": {first}})
	wantStatus(t, res, http.StatusSeeOther)
	_, body = a.get(t, loc)
	newTop := regexp.MustCompile(`<h3>(?:<span class="tie">Tied: </span>)?<a href="/roles/([a-z0-9-]+)">`).FindAllStringSubmatch(body, -1)
	if newTop[0][1] != top[1][1] {
		t.Errorf("after hiding %s, first is %s, want %s", first, newTop[0][1], top[1][1])
	}
	wantContains(t, body, "Show again")
	res, _ = a.postForm(t, loc+"/hide", url.Values{"csrf_token": {csrfFrom(t, body)}, "slug": {first}, "undo": {"1"}})
	wantStatus(t, res, http.StatusSeeOther)
	_, body = a.get(t, loc)
	if got := regexp.MustCompile(`<h3>(?:<span class="tie">Tied: </span>)?<a href="/roles/([a-z0-9-]+)">`).FindStringSubmatch(body)[1]; got != first {
		t.Errorf("after undo, first is %s, want %s", got, first)
	}
	res, _ = a.postForm(t, loc+"/hide", url.Values{"csrf_token": {csrfFrom(t, body)}, "slug": {"no-such-role"}})
	wantStatus(t, res, http.StatusBadRequest)

	// Download.
	res, body = a.get(t, loc+"/download")
	wantStatus(t, res, http.StatusOK)
	if !strings.Contains(res.Header.Get("Content-Disposition"), "attachment") || !strings.Contains(body, `"matches":[`) {
		t.Error("download is not a JSON attachment")
	}

	// Delete: asked first, on a page of its own, then gone for good.
	res, body = a.get(t, loc+"/delete")
	wantStatus(t, res, http.StatusOK)
	res, _ = a.postForm(t, loc+"/delete", url.Values{"csrf_token": {csrfFrom(t, body)}})
	wantStatus(t, res, http.StatusSeeOther)
	_, body = a.get(t, "/")
	wantContains(t, body, "Your result has been deleted")
	res, _ = a.get(t, loc)
	wantStatus(t, res, http.StatusNotFound)
	res, _ = a.get(t, "/api/v1/assessments/"+strings.TrimPrefix(loc, "/results/"))
	wantStatus(t, res, http.StatusNotFound)
	_, body = a.get(t, "/roles/back-end-web-developer")
	if strings.Contains(body, "How you match") {
		t.Error("profile still shows a deleted result")
	}
}

func TestResultSurvivesRestart(t *testing.T) {
	a := newTestApp(t)
	loc := a.answerAll(t, func(id string) int { return 1 + len(id)%5 })
	_, before := a.get(t, loc)

	// A second server over the same database file, as after a restart.
	cat, err := catalog.Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	bank, _ := assessment.LoadBank(data.FS, "questions.yaml")
	key, _ := a.db.SecretKey(context.Background(), "session_hash_key", 64)
	srv, err := New(Config{SessionKeys: [][]byte{key}}, Deps{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), DB: a.db, Catalog: cat, Bank: bank})
	if err != nil {
		t.Fatal(err)
	}
	a.ts.Config.Handler = srv.Handler()
	res, after := a.get(t, loc)
	wantStatus(t, res, http.StatusOK)
	first := regexp.MustCompile(`<h3><a href="([^"]+)">`)
	if first.FindString(before) != first.FindString(after) {
		t.Error("the ranking changed across a restart")
	}
}

func TestResultIDsCannotBeGuessedOrListed(t *testing.T) {
	a := newTestApp(t)
	seen := map[string]bool{}
	for i := 0; i < 3; i++ {
		loc := a.answerAll(t, func(string) int { return 2 + i })
		if seen[loc] {
			t.Fatal("two results share an id")
		}
		seen[loc] = true
	}
	for _, path := range []string{"/results", "/results/", "/api/v1/assessments", "/results/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "/results/1", "/results/../roles"} {
		res, _ := a.get(t, path)
		if res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusMethodNotAllowed && res.StatusCode != http.StatusMovedPermanently {
			t.Errorf("%s: got %d, want 404 or 405", path, res.StatusCode)
		}
	}
}

func TestFlatAnswersGiveAnHonestLowConfidenceResult(t *testing.T) {
	a := newTestApp(t)
	loc := a.answerAll(t, func(string) int { return 3 })
	res, body := a.get(t, loc)
	wantStatus(t, res, http.StatusOK)
	wantContains(t, body, "These matches are a rough guess", "review your answers")
	if strings.Contains(body, "NaN") {
		t.Error("NaN on the page")
	}
}

// TestResultSavedBeforeTheNewBankStillOpens: a result saved with the
// statements of the previous questionnaire (some since retired) opens on
// the page and in the API, scored by today's engine.
func TestResultSavedBeforeTheNewBankStillOpens(t *testing.T) {
	a := newTestApp(t)
	old := map[string]int{}
	for i := 1; i <= 60; i++ {
		old[fmt.Sprintf("q%02d", i)] = 1 + (i*7)%5
	}
	for _, r := range a.srv.bank.Retired {
		if _, ok := old[r.ID]; !ok {
			t.Fatalf("retired %s was not a statement of the previous bank", r.ID)
		}
	}
	id, err := a.db.CreateResult(t.Context(), time.Now(), old, 0)
	if err != nil {
		t.Fatal(err)
	}
	res, body := a.get(t, "/results/"+id)
	wantStatus(t, res, http.StatusOK)
	wantContains(t, body, "<h1>Your matches</h1>")
	res, _ = a.get(t, "/api/v1/assessments/"+id)
	wantStatus(t, res, http.StatusOK)
}
