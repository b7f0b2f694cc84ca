package server

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/sessions"

	"rolefit/internal/eval"
	"rolefit/internal/store"
)

func TestDeleteAsksFirst(t *testing.T) {
	a := newTestApp(t)
	id, _ := savedResult(t, a, personaAnswers(t, a, eval.BackEnd), 0)
	loc := "/results/" + id
	res, body := a.get(t, loc+"/delete")
	wantStatus(t, res, http.StatusOK)
	if res.Header.Get("Cache-Control") != "no-store" || !strings.Contains(res.Header.Get("X-Robots-Tag"), "noindex") {
		t.Error("the confirmation page is not private")
	}
	wantContains(t, body, "<h1>Delete this result?</h1>", `<form method="post" action="`+loc+`/delete"`, `name="csrf_token"`,
		`<a class="button secondary" href="`+loc+`">Keep it</a>`)
	// Asking deleted nothing, and a POST without the token deletes nothing.
	res, _ = a.get(t, loc)
	wantStatus(t, res, http.StatusOK)
	res, _ = a.postForm(t, loc+"/delete", url.Values{})
	wantStatus(t, res, http.StatusForbidden)
	if _, err := a.db.Result(context.Background(), id); err != nil {
		t.Fatalf("a refused delete lost the result: %v", err)
	}
	res, _ = a.postForm(t, loc+"/delete", url.Values{"csrf_token": {csrfFrom(t, body)}})
	wantStatus(t, res, http.StatusSeeOther)
	for _, path := range []string{loc, loc + "/delete"} {
		res, _ = a.get(t, path)
		wantStatus(t, res, http.StatusNotFound)
	}
	res, _ = a.get(t, "/results/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/delete")
	wantStatus(t, res, http.StatusNotFound)
}

// quizAnswers reads the answers checked on every quiz page.
func quizAnswers(t *testing.T, a *testApp) (map[string]int, string) {
	t.Helper()
	out := map[string]int{}
	var first string
	for n := 1; n <= len(a.srv.bank.Sections); n++ {
		_, body := a.get(t, fmt.Sprintf("/quiz/%d", n))
		if n == 1 {
			first = body
		}
		for _, id := range sectionIDs(body) {
			if v := checked(body, id); v != "" {
				out[id] = int(v[0] - '0')
			}
		}
	}
	return out, first
}

func TestRetakeStartsFromTheAnswersAndKeepsTheResult(t *testing.T) {
	a := newTestApp(t)
	answers := personaAnswers(t, a, eval.BackEnd)
	// A follow-up answer saved with the result is not carried over.
	fu := a.srv.index.FollowUps().Questions[0].ID
	stored := maps.Clone(answers)
	stored[fu] = 1
	old, body := savedResult(t, a, stored, 2)
	res, _ := a.postForm(t, "/results/"+old+"/retake", url.Values{"csrf_token": {csrfFrom(t, body)}})
	wantStatus(t, res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != "/quiz/1" {
		t.Fatalf("retake went to %s, want /quiz/1", loc)
	}
	got, page := quizAnswers(t, a)
	if !reflect.DeepEqual(got, answers) {
		t.Errorf("the quiz is not filled with the result's answers:\ngot  %v\nwant %v", got, answers)
	}
	wantContains(t, page, `Your answers from <a href="/results/`+old+`">your earlier result</a> are filled in`)

	// Submitted unchanged, the new result keeps the old one's pace flags:
	// its pages were not answered again.
	_, body = a.get(t, "/quiz/review")
	res, _ = a.postForm(t, "/quiz/submit", url.Values{"csrf_token": {csrfFrom(t, body)}})
	wantStatus(t, res, http.StatusSeeOther)
	unchanged := strings.TrimSuffix(strings.TrimPrefix(res.Header.Get("Location"), "/results/"), "/follow-up")
	r, err := a.db.Result(context.Background(), unchanged)
	if err != nil {
		t.Fatal(err)
	}
	if unchanged == old || r.FastPages != 2 || !reflect.DeepEqual(r.Answers, answers) {
		t.Errorf("unchanged retake: id %s (old %s), %d fast pages, answers equal: %v; want a new result with the old pace, without the follow-up", unchanged, old, r.FastPages, reflect.DeepEqual(r.Answers, answers))
	}
	_, body = a.get(t, "/quiz/1")
	if strings.Contains(body, "are filled in") {
		t.Error("the retake notice outlives the retake")
	}

	// Retaken again, with one answer changed at a considered pace on every
	// page: a new result with the change, no pace flag, and the first
	// result still at its link as it was.
	_, body = a.get(t, "/results/"+old)
	res, _ = a.postForm(t, "/results/"+old+"/retake", url.Values{"csrf_token": {csrfFrom(t, body)}})
	wantStatus(t, res, http.StatusSeeOther)
	q := a.srv.bank.Questions[0].ID
	changed := answers[q]%5 + 1
	loc := a.answerAll(t, func(id string) int {
		if id == q {
			return changed
		}
		return answers[id]
	})
	r, err = a.db.Result(context.Background(), strings.TrimPrefix(loc, "/results/"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Answers[q] != changed || r.FastPages != 0 {
		t.Errorf("changed retake: %s = %d with %d fast pages, want %d and none", q, r.Answers[q], r.FastPages, changed)
	}
	o, err := a.db.Result(context.Background(), old)
	if err != nil {
		t.Fatalf("the earlier result is gone: %v", err)
	}
	if !reflect.DeepEqual(o.Answers, stored) {
		t.Error("the earlier result's answers changed")
	}
	res, _ = a.get(t, "/results/"+old)
	wantStatus(t, res, http.StatusOK)

	res, _ = a.postForm(t, "/results/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/retake", url.Values{"csrf_token": {csrfFrom(t, body)}})
	wantStatus(t, res, http.StatusNotFound)
}

func TestFastPagesCountsCarriedPagesUpToTheOldCount(t *testing.T) {
	for _, c := range []struct {
		carry, reposted, fastAgain, want int
	}{{2, 0, 0, 2}, {2, 5, 0, 1}, {2, 6, 0, 0}, {0, 0, 0, 0}, {6, 3, 1, 4}, {1, 2, 2, 3}} {
		sess := sessions.NewSession(nil, sessionName)
		carryPace(sess, 6, c.carry)
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		for n := 1; n <= c.reposted; n++ {
			startPageClock(sess, n, start)
			took := time.Minute
			if n <= c.fastAgain {
				took = time.Second
			}
			stopPageClock(sess, n, start.Add(took), 10)
		}
		if got := fastPages(sess, 6); got != c.want {
			t.Errorf("carried %d, %d pages posted again (%d fast): %d fast pages, want %d", c.carry, c.reposted, c.fastAgain, got, c.want)
		}
	}
}

// star posts the shortlist form and returns the answer.
func star(t *testing.T, a *testApp, id, token string, values url.Values) (*http.Response, string) {
	t.Helper()
	values.Set("csrf_token", token)
	return a.postForm(t, "/results/"+id+"/shortlist", values)
}

func TestShortlistHoldsFiveAndLosesNothing(t *testing.T) {
	a := newTestApp(t)
	id, body := savedResult(t, a, personaAnswers(t, a, eval.BackEnd), 0)
	token := csrfFrom(t, body)
	cards := cardRE.FindAllStringSubmatch(body, -1)
	var five []string
	for _, c := range cards[:store.ShortlistMax] {
		five = append(five, c[1])
		res, _ := star(t, a, id, token, url.Values{"slug": {c[1]}, "query": {"category=technology"}})
		wantStatus(t, res, http.StatusSeeOther)
		if want := "/results/" + id + "?category=technology#m-" + c[1]; res.Header.Get("Location") != want {
			t.Errorf("a star went to %s, want %s", res.Header.Get("Location"), want)
		}
	}
	_, body = a.get(t, "/results/"+id)
	section := regexp.MustCompile(`(?s)<section class="shortlist".*?</section>`).FindString(body)
	for i, slug := range five {
		want := `name="roles" value="` + slug + `" checked>`
		if i >= compareMax {
			want = `name="roles" value="` + slug + `">`
		}
		wantContains(t, section, want)
	}
	wantContains(t, section, "5 of 5 starred")
	if n := strings.Count(body, `class="link-button star on"`); n != 5 {
		t.Errorf("%d cards say they are starred, want 5", n)
	}

	// A sixth: a clear page, 409, the shortlist as it was, and a swap.
	sixth := cards[store.ShortlistMax][1]
	res, page := star(t, a, id, token, url.Values{"slug": {sixth}, "query": {"sort=pay"}})
	wantStatus(t, res, http.StatusConflict)
	wantContains(t, page, "Your shortlist is full", "It already holds 5 careers", `<a class="button secondary" href="/results/`+id+`?sort=pay#m-`+sixth+`">`)
	if n := strings.Count(page, `name="replace"`); n != 5 {
		t.Errorf("the full page offers %d swaps, want 5", n)
	}
	if r, _ := a.db.Result(context.Background(), id); !reflect.DeepEqual(r.Shortlist, five) {
		t.Fatalf("after a sixth star: %v, want %v", r.Shortlist, five)
	}
	res, _ = star(t, a, id, csrfFrom(t, page), url.Values{"slug": {sixth}, "replace": {five[0]}, "query": {"sort=pay"}})
	wantStatus(t, res, http.StatusSeeOther)
	if r, _ := a.db.Result(context.Background(), id); !reflect.DeepEqual(r.Shortlist, append(five[1:], sixth)) {
		t.Errorf("after the swap: %v, want %v", r.Shortlist, append(five[1:], sixth))
	}
	res, _ = star(t, a, id, token, url.Values{"slug": {five[1]}, "remove": {"1"}})
	wantStatus(t, res, http.StatusSeeOther)
	if r, _ := a.db.Result(context.Background(), id); len(r.Shortlist) != 4 || r.Shortlist[0] != five[2] {
		t.Errorf("after taking %s off: %v", five[1], r.Shortlist)
	}

	for _, bad := range []url.Values{{"slug": {"no-such-role"}}, {"slug": {sixth}, "replace": {"no-such-role"}}} {
		res, _ = star(t, a, id, token, bad)
		wantStatus(t, res, http.StatusBadRequest)
	}
	res, _ = a.postForm(t, "/results/"+id+"/shortlist", url.Values{"slug": {sixth}})
	wantStatus(t, res, http.StatusForbidden)
	res, _ = star(t, a, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", token, url.Values{"slug": {sixth}})
	wantStatus(t, res, http.StatusNotFound)
}

func TestStarFromAProfile(t *testing.T) {
	a := newTestApp(t)
	id, _ := savedResult(t, a, personaAnswers(t, a, eval.BackEnd), 0)
	const slug = "back-end-web-developer"
	_, body := a.get(t, "/roles/"+slug)
	box := regexp.MustCompile(`(?s)<div class="star-box" id="shortlist-box">.*?</div>`).FindString(body)
	wantContains(t, box, `action="/results/`+id+`/shortlist"`, `name="from" value="role"`, "Star it for your shortlist", "0 of 5")
	res, _ := star(t, a, id, csrfFrom(t, box), url.Values{"slug": {slug}, "from": {"role"}})
	wantStatus(t, res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != "/roles/"+slug+"#shortlist-box" {
		t.Errorf("a star on a profile went to %s", loc)
	}
	_, body = a.get(t, "/roles/"+slug)
	wantContains(t, body, "Starred: take it off your shortlist", "1 of 5")
	if strings.Contains(body, "Compare them side by side") {
		t.Error("one starred role offers a comparison")
	}
	star(t, a, id, csrfFrom(t, body), url.Values{"slug": {"web-engineer"}})
	_, body = a.get(t, "/roles/"+slug)
	wantContains(t, body, `<a href="/compare?roles=back-end-web-developer,web-engineer">Compare them side by side</a>`)

	// Without a result the profile is the cached one: no star, no token.
	a2 := newTestApp(t)
	_, body = a2.get(t, "/roles/"+slug)
	if strings.Contains(body, "shortlist-box") || strings.Contains(body, "csrf_token") {
		t.Error("a profile without a result has a star form")
	}
}
