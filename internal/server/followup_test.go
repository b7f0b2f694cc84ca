package server

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"rolefit/internal/eval"
)

// TestFollowUpJourney: a person who answers the quiz as the back-end
// persona is sent to the follow-up questions, can be refused for choosing
// nothing (their other answers kept), answers them one page at a time, can
// change an earlier answer, and ends on their results with the answers
// saved; the results page stops offering follow-ups once settled.
func TestFollowUpJourney(t *testing.T) {
	a := newTestApp(t)
	answers := personaAnswers(t, a, eval.BackEnd)
	loc := a.answerAllTo(t, func(id string) int { return answers[id] })
	id := regexp.MustCompile(`^/results/([a-z2-7]{32})/follow-up$`).FindStringSubmatch(loc)
	if id == nil {
		t.Fatalf("submit sent the back-end persona to %q, want its follow-up page", loc)
	}
	results := "/results/" + id[1]

	res, body := a.get(t, loc)
	wantStatus(t, res, http.StatusOK)
	wantContains(t, body, "<h1>A few quick questions</h1>", "<fieldset", "<legend>", `type="radio" name="choice"`, "Skip to my matches", `name="csrf_token"`)
	if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("follow-up page Cache-Control %q, want no-store", cc)
	}
	first := regexp.MustCompile(`name="q" value="(fu_[a-z_]+)"`).FindStringSubmatch(body)[1]

	// Choosing nothing: 422, the question again, a clear message.
	res, body = a.postForm(t, loc, url.Values{"csrf_token": {csrfFrom(t, body)}, "q": {first}, "nav": {"next"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantContains(t, body, "Choose one of the answers", `value="`+first+`"`)
	// An unknown option is refused the same way; an unknown question is a 400.
	res, _ = a.postForm(t, loc, url.Values{"csrf_token": {csrfFrom(t, body)}, "q": {first}, "choice": {"nope"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	res, _ = a.postForm(t, loc, url.Values{"csrf_token": {csrfFrom(t, body)}, "q": {"fu_nope"}, "choice": {"a"}})
	wantStatus(t, res, http.StatusBadRequest)

	// Answer every question the engine asks, as the persona would.
	asked := 0
	for {
		res, body = a.get(t, loc)
		if res.StatusCode == http.StatusSeeOther {
			break
		}
		wantStatus(t, res, http.StatusOK)
		q := regexp.MustCompile(`name="q" value="(fu_[a-z_]+)"`).FindStringSubmatch(body)[1]
		fq, _ := a.srv.bank.FollowUps.Question(q)
		res, _ = a.postForm(t, loc, url.Values{"csrf_token": {csrfFrom(t, body)}, "q": {q}, "choice": {eval.BackEnd.Choose(fq)}, "nav": {"next"}})
		wantStatus(t, res, http.StatusSeeOther)
		asked++
		if asked > 6 {
			t.Fatalf("asked more than 6 follow-ups")
		}
		if next := res.Header.Get("Location"); next != loc {
			if !strings.HasPrefix(next, results) {
				t.Fatalf("after a follow-up, redirected to %q", next)
			}
			break
		}
	}
	if asked == 0 {
		t.Fatal("no follow-up was asked")
	}
	r, err := a.db.Result(t.Context(), id[1])
	if err != nil {
		t.Fatal(err)
	}
	_, saved := a.srv.bank.FollowUps.Split(r.Answers)
	if len(saved) != asked {
		t.Errorf("saved %d follow-up answers, want %d", len(saved), asked)
	}
	_, body = a.get(t, results)
	if strings.Contains(body, "Answer a few quick questions") {
		t.Error("the results page still offers follow-ups once their order is settled")
	}

	// Changing an earlier answer: the page shows it selected, and saving
	// replaces it.
	res, body = a.get(t, loc+"?q="+first)
	wantStatus(t, res, http.StatusOK)
	wantContains(t, body, "changing your answer", `value="`+saved[first]+`" checked`)
	fq, _ := a.srv.bank.FollowUps.Question(first)
	other := fq.Options[0].ID
	if other == saved[first] {
		other = fq.Options[1].ID
	}
	res, _ = a.postForm(t, loc, url.Values{"csrf_token": {csrfFrom(t, body)}, "q": {first}, "choice": {other}, "nav": {"next"}})
	wantStatus(t, res, http.StatusSeeOther)
	r, _ = a.db.Result(t.Context(), id[1])
	if _, now := a.srv.bank.FollowUps.Split(r.Answers); now[first] != other {
		t.Errorf("after changing %s: saved %q, want %q", first, now[first], other)
	}
}

// TestFollowUpsCanBeSkipped: skipping goes straight to the results, which
// keep offering the questions.
func TestFollowUpsCanBeSkipped(t *testing.T) {
	a := newTestApp(t)
	answers := personaAnswers(t, a, eval.BackEnd)
	loc := a.answerAllTo(t, func(id string) int { return answers[id] })
	_, body := a.get(t, loc)
	res, _ := a.postForm(t, loc, url.Values{"csrf_token": {csrfFrom(t, body)}, "nav": {"skip"}})
	wantStatus(t, res, http.StatusSeeOther)
	results := strings.TrimSuffix(loc, "/follow-up")
	if got := res.Header.Get("Location"); !strings.HasPrefix(got, results) {
		t.Fatalf("skip redirected to %q, want %s", got, results)
	}
	_, body = a.get(t, results)
	wantContains(t, body, "Tell your closest matches apart", `href="`+loc+`"`)
}

// TestAPIFollowUpsMoveTheRanking: answering the follow-ups through the API
// as the back-end persona keeps Back-End in the top 3 above Front-End and
// both designer roles, and the answers come back with the result.
func TestAPIFollowUpsMoveTheRanking(t *testing.T) {
	a := newTestApp(t)
	type result struct {
		ID        string
		FollowUps []struct{ ID string } `json:"follow_ups"`
		Answers   map[string]string     `json:"follow_up_answers"`
		Matches   []struct{ Slug string }
	}
	r := submit(t, a, personaAnswers(t, a, eval.BackEnd))
	var cur result
	res, body := a.get(t, "/api/v1/assessments/"+r.ID)
	wantStatus(t, res, http.StatusOK)
	_ = json.Unmarshal([]byte(body), &cur)
	n := 0
	for len(cur.FollowUps) > 0 {
		q, _ := a.srv.bank.FollowUps.Question(cur.FollowUps[0].ID)
		b, _ := json.Marshal(map[string]any{"answers": map[string]string{q.ID: eval.BackEnd.Choose(q)}})
		res, body = a.do(t, http.MethodPost, "/api/v1/assessments/"+r.ID+"/follow-ups", "application/json", strings.NewReader(string(b)))
		wantStatus(t, res, http.StatusOK)
		cur = result{}
		if err := json.Unmarshal([]byte(body), &cur); err != nil {
			t.Fatal(err)
		}
		if n++; n > 6 {
			t.Fatal("more than 6 follow-ups offered")
		}
	}
	if len(cur.Answers) != n {
		t.Errorf("follow_up_answers has %d answers, want %d", len(cur.Answers), n)
	}
	rank := map[string]int{}
	for i, m := range cur.Matches {
		rank[m.Slug] = i + 1
	}
	be := rank["back-end-web-developer"]
	if be > 3 {
		t.Errorf("after %d follow-ups back-end ranks %d, want the top 3", n, be)
	}
	for _, other := range []string{"front-end-web-developer", "interface-designer", "ux-designer"} {
		if rank[other] < be {
			t.Errorf("%s ranks %d, above back-end at %d", other, rank[other], be)
		}
	}
}
