package server

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"rolefit/internal/eval"
	"rolefit/internal/roles"
)

// savedResult saves answers as a result, opens its page (which makes it
// the visitor's current result) and returns its id and the page.
func savedResult(t *testing.T, a *testApp, answers map[string]int, fastPages int) (string, string) {
	t.Helper()
	id, err := a.db.CreateResult(context.Background(), time.Now(), answers, fastPages)
	if err != nil {
		t.Fatal(err)
	}
	res, body := a.get(t, "/results/"+id)
	wantStatus(t, res, http.StatusOK)
	return id, body
}

var cardRE = regexp.MustCompile(`<li class="match" id="m-([a-z0-9-]+)">`)

func TestResultsFirstScreenComesFirst(t *testing.T) {
	a := newTestApp(t)
	id, body := savedResult(t, a, personaAnswers(t, a, eval.BackEnd), 0)
	ev, err := a.srv.loadEvaluation(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	first := strings.Index(body, `<section class="first"`)
	cards := strings.Index(body, `<ol class="matches">`)
	if first < 0 || cards < first {
		t.Fatal("the first screen does not come before the cards")
	}
	screen := body[first:cards]
	// The top matches, grouped by tier: one list item per tier.
	items := regexp.MustCompile(`(?s)<ol class="top-list">(.*?)</ol>`).FindStringSubmatch(screen)
	if items == nil {
		t.Fatal("no top matches on the first screen")
	}
	var tiers [][]string
	for _, li := range regexp.MustCompile(`(?s)<li>(.*?)</li>`).FindAllStringSubmatch(items[1], -1) {
		var slugs []string
		for _, m := range regexp.MustCompile(`href="/roles/([a-z0-9-]+)"`).FindAllStringSubmatch(li[1], -1) {
			slugs = append(slugs, m[1])
		}
		tiers = append(tiers, slugs)
	}
	var want [][]string
	for i, m := range ev.Ranking.Matches[:summaryMatches] {
		if i > 0 && m.Tier == ev.Ranking.Matches[i-1].Tier {
			want[len(want)-1] = append(want[len(want)-1], m.Slug)
		} else {
			want = append(want, []string{m.Slug})
		}
	}
	if fmt.Sprint(tiers) != fmt.Sprint(want) {
		t.Errorf("first screen tiers %v, want %v (the first %d matches by tier)", tiers, want, summaryMatches)
	}
	wantContains(t, screen, "Your interest code: <strong>"+ev.Score.Code+"</strong>",
		`value="`+a.ts.URL+"/results/"+id+`"`, `id="copy-link" hidden`,
		`href="/results/`+id+`/download"`, `href="/results/`+id+`/download?format=csv"`,
		`action="/results/`+id+`/retake"`, `href="/results/`+id+`/delete"`)
	if strings.Contains(screen, `id="you-h"`) || strings.Contains(screen, "<svg") {
		t.Error("the strengths chart is on the first screen; it belongs below the matches")
	}
	// The refine box's place is near the top, before the cards.
	if strings.Index(body, `<section class="shortlist"`) > cards {
		t.Error("the shortlist comes after the cards")
	}
	if got := len(cardRE.FindAllString(body, -1)); got != topMatches {
		t.Errorf("got %d cards, want %d", got, topMatches)
	}
	// Each card has pay, growth and education, naming their group.
	for _, card := range regexp.MustCompile(`(?s)<li class="match".*?</li>\s*\n`).FindAllString(body, -1) {
		if !regexp.MustCompile(`For the BLS group “[^”]+”: median pay \$[0-9,]+K, growth -?[0-9.]+% to 2034, typical education: `).MatchString(card) {
			t.Errorf("a card lacks its figures: %.300s", card)
		}
	}
}

// rows reads the table's rows on a page: slug, rank and the target.
func tableRows(t *testing.T, a *testApp, body string) []matchView {
	t.Helper()
	var out []matchView
	re := regexp.MustCompile(`<tr id="m-([a-z0-9-]+)"><td class="num rank">(\d+)</td>`)
	for _, m := range re.FindAllStringSubmatch(body, -1) {
		rank, _ := strconv.Atoi(m[2])
		out = append(out, matchView{target: a.srv.targets[m[1]], Rank: rank})
	}
	return out
}

func TestResultsTableSortsAndPages(t *testing.T) {
	a := newTestApp(t)
	id, body := savedResult(t, a, personaAnswers(t, a, eval.BackEnd), 0)
	loc := "/results/" + id
	byFit := tableRows(t, a, body)
	if len(byFit) != tablePageSize || byFit[0].Rank != topMatches+1 {
		t.Fatalf("the table's first page: got %d rows from rank %d, want %d from %d", len(byFit), byFit[0].Rank, tablePageSize, topMatches+1)
	}
	for i := 1; i < len(byFit); i++ {
		if byFit[i].Rank != byFit[i-1].Rank+1 {
			t.Fatalf("by fit, rank %d follows %d", byFit[i].Rank, byFit[i-1].Rank)
		}
	}
	wantContains(t, body, `<th scope="col" aria-sort="descending" class="num"><a href="/results/`+id+`#rest-h">Fit`)

	ordered := map[string]func(p, q matchView) bool{
		"title": func(p, q matchView) bool { return strings.ToLower(p.Title) <= strings.ToLower(q.Title) },
		"pay":   func(p, q matchView) bool { return q.Pay == 0 || (p.Pay > 0 && p.Pay >= q.Pay) },
		"growth": func(p, q matchView) bool {
			return !q.HasGrowth || (p.HasGrowth && p.Growth >= q.Growth)
		},
		"education": func(p, q matchView) bool {
			rp, rq := roles.EducationRank(p.Education), roles.EducationRank(q.Education)
			return rq == 0 || (rp > 0 && rp <= rq)
		},
	}
	for key, inOrder := range ordered {
		// Walk every page: the order holds across page breaks, and every
		// match after the cards appears once.
		seen := map[string]bool{}
		var prev *matchView
		for page := 1; ; page++ {
			_, body := a.get(t, fmt.Sprintf("%s?category=technology&sort=%s&page=%d", loc, key, page))
			if page == 1 {
				wantContains(t, body, fmt.Sprintf(`aria-sort="%s"`, map[bool]string{true: "ascending", false: "descending"}[key == "title" || key == "education"]))
			}
			for _, r := range tableRows(t, a, body) {
				if r.Category != "technology" || seen[r.Slug] {
					t.Fatalf("sort=%s page %d: %s (%s) listed again or outside the filter", key, page, r.Slug, r.Category)
				}
				seen[r.Slug] = true
				if prev != nil && !inOrder(*prev, r) {
					t.Errorf("sort=%s: %s (%v) comes after %s (%v)", key, r.Slug, r.target, prev.Slug, prev.target)
				}
				prev = &r
			}
			next := regexp.MustCompile(`<a href="([^"]+)" rel="next">`).FindStringSubmatch(body)
			if next == nil {
				break
			}
			// The pager keeps the filter and the sort.
			if want := fmt.Sprintf("%s?category=technology&amp;page=%d&amp;sort=%s#rest-h", loc, page+1, key); next[1] != want {
				t.Fatalf("next page link %q, want %q", next[1], want)
			}
		}
		_, body := a.get(t, loc+"?category=technology")
		if want := len(cardRE.FindAllString(body, -1)) + len(seen); !strings.Contains(body, fmt.Sprintf("Showing %d of", want)) {
			t.Errorf("sort=%s: the table's pages hold %d matches, the page says otherwise", key, len(seen))
		}
	}
	// Unknown sorts and pages fall back to the defaults; a page past the
	// end shows the last one.
	_, body = a.get(t, loc+"?sort=nonsense&page=-3")
	if got := tableRows(t, a, body); got[0].Rank != topMatches+1 {
		t.Errorf("junk sort and page: first row rank %d, want %d", got[0].Rank, topMatches+1)
	}
	_, body = a.get(t, loc+"?page=999")
	if got := tableRows(t, a, body); len(got) == 0 || strings.Contains(body, `rel="next"`) || !strings.Contains(body, `rel="prev"`) {
		t.Errorf("page 999: got %d rows, want the last page", len(got))
	}
}

func TestNotForMeKeepsTheFiltersAndThePlace(t *testing.T) {
	a := newTestApp(t)
	id, _ := savedResult(t, a, personaAnswers(t, a, eval.BackEnd), 0)
	loc := "/results/" + id
	_, body := a.get(t, loc+"?category=technology&sort=pay&page=2")
	cards := cardRE.FindAllStringSubmatch(body, -1)
	first, second := cards[0][1], cards[1][1]
	// The card's form carries the page's state and the next card's place.
	form := regexp.MustCompile(`(?s)<form method="post" action="` + loc + `/hide".*?name="slug" value="` + first + `".*?</form>`).FindString(body)
	wantContains(t, form, `name="query" value="category=technology&amp;page=2&amp;sort=pay"`, `name="at" value="m-`+second+`"`)
	hide := func(values url.Values) string {
		t.Helper()
		values.Set("csrf_token", csrfFrom(t, body))
		res, _ := a.postForm(t, loc+"/hide", values)
		wantStatus(t, res, http.StatusSeeOther)
		return res.Header.Get("Location")
	}
	got := hide(url.Values{"slug": {first}, "query": {"category=technology&page=2&sort=pay"}, "at": {"m-" + second}})
	if want := loc + "?category=technology&page=2&sort=pay#m-" + second; got != want {
		t.Errorf("Not for me went to %s, want %s", got, want)
	}
	_, body = a.get(t, got)
	if c := cardRE.FindStringSubmatch(body); c[1] != second {
		t.Errorf("after hiding %s the first card is %s, want %s", first, c[1], second)
	}
	// Show again comes back to the card shown again.
	got = hide(url.Values{"slug": {first}, "undo": {"1"}, "query": {"category=technology&sort=pay"}})
	if want := loc + "?category=technology&sort=pay#m-" + first; got != want {
		t.Errorf("Show again went to %s, want %s", got, want)
	}
	// Hidden again and shown again under a filter that leaves it out: back
	// to the Hidden list's place.
	hide(url.Values{"slug": {first}})
	got = hide(url.Values{"slug": {first}, "undo": {"1"}, "query": {"category=healthcare"}})
	if want := loc + "?category=healthcare#hidden-h"; got != want {
		t.Errorf("Show again outside the filter went to %s, want %s", got, want)
	}
	// What the form says is checked: unknown parameters and values and a
	// foreign fragment are dropped, never echoed into the address.
	got = hide(url.Values{"slug": {first}, "query": {"category=nowhere&evil=%0d%0aSet-Cookie&sort=x&page=2"}, "at": {"javascript:alert(1)"}})
	if want := loc + "?page=2#matches-h"; got != want {
		t.Errorf("junk state went to %s, want %s", got, want)
	}
}

func TestResultCSV(t *testing.T) {
	a := newTestApp(t)
	id, body := savedResult(t, a, personaAnswers(t, a, eval.BackEnd), 0)
	ev, _ := a.srv.loadEvaluation(context.Background(), id)
	token := csrfFrom(t, body)
	second := ev.Ranking.Matches[1].Slug
	for _, step := range []struct{ path, slug string }{{"/shortlist", "back-end-web-developer"}, {"/hide", second}} {
		res, _ := a.postForm(t, "/results/"+id+step.path, url.Values{"csrf_token": {token}, "slug": {step.slug}})
		wantStatus(t, res, http.StatusSeeOther)
	}
	res, body := a.get(t, "/results/"+id+"/download?format=csv")
	wantStatus(t, res, http.StatusOK)
	if ct := res.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := res.Header.Get("Content-Disposition"); cd != `attachment; filename="rolefit-result.csv"` {
		t.Errorf("Content-Disposition %q", cd)
	}
	if res.Header.Get("Cache-Control") != "no-store" {
		t.Error("the CSV may be cached")
	}
	records, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(records[0], csvHeader) {
		t.Errorf("header %v", records[0])
	}
	if len(records)-1 != len(ev.Ranking.Matches) {
		t.Fatalf("got %d rows, want every match (%d)", len(records)-1, len(ev.Ranking.Matches))
	}
	col := map[string]int{}
	for i, h := range records[0] {
		col[h] = i
	}
	for i, m := range ev.Ranking.Matches {
		r := records[i+1]
		if r[col["rank"]] != strconv.Itoa(i+1) || r[col["role"]] != a.srv.targets[m.Slug].Title || r[col["fit"]] != strconv.Itoa(m.Fit) ||
			r[col["tier"]] != strconv.Itoa(m.Tier) || r[col["band"]] != m.Band().Label() {
			t.Fatalf("row %d: %v, want %s with fit %d, tier %d", i+1, r, m.Slug, m.Fit, m.Tier)
		}
	}
	byURL := map[string][]string{}
	for _, r := range records[1:] {
		byURL[r[col["url"]]] = r
	}
	be := byURL["/roles/back-end-web-developer"]
	o := a.srv.cat.Occupations["15-1254.00"]
	if be[col["figures_group"]] != "Web developers" || be[col["figures_soc"]] != "15-1254" || be[col["median_pay"]] != strconv.Itoa(*o.Pay.Median.Value) ||
		be[col["pay_p90"]] != strconv.Itoa(*o.Pay.P90.Value) || be[col["growth_percent"]] != strconv.FormatFloat(o.Outlook.PercentChange, 'f', 1, 64) ||
		be[col["employment"]] != strconv.Itoa(*o.Employment) || be[col["typical_education"]] != "Bachelor's degree" || be[col["shortlisted"]] != "yes" || be[col["hidden"]] != "no" {
		t.Errorf("Back-End's row: %v", be)
	}
	if r := byURL[a.srv.targets[second].Href]; r[col["hidden"]] != "yes" {
		t.Errorf("the hidden match's row: %v", r)
	}
	res, _ = a.get(t, "/results/"+id+"/download?format=xml")
	wantStatus(t, res, http.StatusBadRequest)
	res, _ = a.get(t, "/results/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/download?format=csv")
	wantStatus(t, res, http.StatusNotFound)
}

func TestCSVCellsAreNotFormulas(t *testing.T) {
	for in, want := range map[string]string{"=HYPERLINK(1)": "'=HYPERLINK(1)", "+1+2": "'+1+2", "@sum": "'@sum", "-0.7": "-0.7",
		"-x": "'-x", "Web developers": "Web developers", "": ""} {
		if got := csvCell(in); got != want {
			t.Errorf("csvCell(%q) = %q, want %q", in, got, want)
		}
	}
}
