package server

import (
	"encoding/json"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"rolefit/internal/roles"
)

var (
	sectionRE  = regexp.MustCompile(`(?s)<section[^>]*aria-labelledby="(facts-h|pay-h|outlook-h)"[^>]*>(.*?)</section>`)
	textRE     = regexp.MustCompile(`(?s)<(p|figcaption|title|dd|dt)[^>]*>(.*?)</(p|figcaption|title|dd|dt)>`)
	tagRE      = regexp.MustCompile(`<[^>]+>`)
	sentenceRE = regexp.MustCompile(`[^.]+(?:\.\d[^.]*)*\.?`)
	digitRE    = regexp.MustCompile(`\d`)
)

// figureSentences returns the sentences of a page's facts, pay and outlook
// sections, unescaped and without tags, keyed by section.
func figureSentences(t *testing.T, body string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, sec := range sectionRE.FindAllStringSubmatch(body, -1) {
		for _, m := range textRE.FindAllStringSubmatch(sec[2], -1) {
			text := html.UnescapeString(tagRE.ReplaceAllString(m[2], " "))
			for _, s := range sentenceRE.FindAllString(text, -1) {
				if s = strings.Join(strings.Fields(s), " "); s != "" {
					out[sec[1]] = append(out[sec[1]], s)
				}
			}
		}
	}
	return out
}

// checkFigures fails when a page's figures are not plainly the group's: the
// facts panel must name the group, and every sentence with a number in the
// pay and outlook sections must name it and must not name the role or its
// O*NET occupation instead (unless that is the group's own title).
func checkFigures(t *testing.T, page, body string, o roles.Occupation, names ...string) {
	t.Helper()
	g, ok := roles.FiguresFor(o)
	if !ok {
		t.Fatalf("%s: occupation %s has no figures", page, o.ONetCode)
	}
	quoted := "“" + g.Title + "”"
	secs := figureSentences(t, body)
	if len(secs["facts-h"]) == 0 || len(secs["pay-h"]) == 0 || len(secs["outlook-h"]) == 0 {
		t.Fatalf("%s: facts, pay or outlook section missing", page)
	}
	intro := secs["facts-h"][0]
	if !strings.Contains(intro, quoted) || !strings.Contains(intro, "SOC "+g.SOCCode) {
		t.Errorf("%s: the facts panel opens with %q, want it to name %s (SOC %s)", page, intro, quoted, g.SOCCode)
	}
	if strings.Contains(body, "People employed") {
		t.Errorf("%s: a headcount is labelled as if it were the role's own", page)
	}
	for _, sec := range []string{"pay-h", "outlook-h"} {
		for _, s := range secs[sec] {
			if !digitRE.MatchString(s) && !strings.Contains(s, "wage") {
				continue
			}
			if !strings.Contains(s, quoted) {
				t.Errorf("%s: %q states a figure without naming the group %s", page, s, quoted)
			}
			rest := strings.ToLower(strings.ReplaceAll(s, quoted, ""))
			for _, n := range names {
				if n != "" && !strings.EqualFold(n, g.Title) && strings.Contains(rest, strings.ToLower(n)) {
					t.Errorf("%s: %q attributes the group's figure to %q", page, s, n)
				}
			}
		}
	}
}

func TestNoProfileGivesAGroupFigureToTheRole(t *testing.T) {
	a := newTestApp(t)
	for _, r := range a.srv.cat.Roles {
		o := a.srv.cat.Occupations[r.ONetCode]
		_, body := a.get(t, "/roles/"+r.Slug)
		checkFigures(t, "/roles/"+r.Slug, body, o, r.Title, o.Title)

		// The occupation's own page, about the O*NET occupation.
		_, body = a.get(t, "/occupations/"+o.ONetCode)
		checkFigures(t, "/occupations/"+o.ONetCode, body, o, o.Title)

		res, body := a.get(t, "/api/v1/roles/"+r.Slug)
		wantStatus(t, res, http.StatusOK)
		var d struct {
			FiguresFor *roles.FiguresGroup `json:"figures_for"`
		}
		if err := json.Unmarshal([]byte(body), &d); err != nil {
			t.Fatal(err)
		}
		want, _ := roles.FiguresFor(o)
		if d.FiguresFor == nil || *d.FiguresFor != want {
			t.Errorf("API %s: figures_for %+v, want %+v", r.Slug, d.FiguresFor, want)
		}
	}
}

func TestCatchAllFiguresAreNamedAsSuch(t *testing.T) {
	a := newTestApp(t)
	_, body := a.get(t, "/roles/penetration-tester")
	wantContains(t, body,
		"These figures are for “Computer occupations, all other” (SOC 15-1299), a BLS catch-all group of occupations without a code of their own; Penetration Tester is one of many in it.",
		"Half of the workers BLS counts as “Computer occupations, all other” earn more than $108,970 a year",
		"Employed in this group")
	if strings.Contains(body, "Half of Penetration Testers") {
		t.Error("the pay sentence gives the catch-all group's figures to penetration testers")
	}
	_, body = a.get(t, "/roles/barista")
	wantContains(t, body, "“Fast food and counter workers” (SOC 35-3023), a BLS occupation that covers Barista among other kinds of work.")
	_, body = a.get(t, "/api/v1/roles/penetration-tester")
	wantContains(t, body, `"figures_for":{"soc_code":"15-1299","title":"Computer occupations, all other","level":"all_other"}`)
	_, body = a.get(t, "/api/v1/roles/seo-specialist")
	wantContains(t, body, `"figures_for":{"soc_code":"13-1161","title":"Market research analysts and marketing specialists","level":"detailed"}`)
}

func TestOutlookSentenceNeverHidesAChange(t *testing.T) {
	tests := []struct {
		ol   roles.Outlook
		want string
	}{
		// Astronomers: 1.8 thousand in both years, +2.2%.
		{roles.Outlook{Employment2024: 1.8, Employment2034: 1.8, PercentChange: 2.2, Openings: 0.1, From: 2024, To: 2034},
			"to grow by 2.2% from 2024 to 2034, from about 1,800 jobs, a change of fewer than 100 jobs (including self-employed), with about 100 openings"},
		// 4.1 thousand is 4,100, not the 4,099 a truncation gives.
		{roles.Outlook{Employment2024: 4.1, Employment2034: 3.9, PercentChange: -4.9, Openings: 0.3, From: 2024, To: 2034},
			"to decline by 4.9% from 2024 to 2034, from about 4,100 to 3,900 jobs"},
		{roles.Outlook{Employment2024: 598, Employment2034: 598.1, PercentChange: 0, Openings: 0, From: 2024, To: 2034},
			"to show little or no change from 2024 to 2034, from about 598,000 to 598,100 jobs (including self-employed), with fewer than 50 openings"},
	}
	for _, tt := range tests {
		got := outlookSentence("“G”", tt.ol)
		if !strings.Contains(got, tt.want) {
			t.Errorf("outlookSentence(%+v):\n got %s\nwant it to contain %s", tt.ol, got, tt.want)
		}
		if m := regexp.MustCompile(`from about ([\d,]+) to ([\d,]+) jobs`).FindStringSubmatch(got); m != nil && m[1] == m[2] && tt.ol.PercentChange != 0 {
			t.Errorf("outlookSentence(%+v) = %q: a change reads as none", tt.ol, got)
		}
	}
}
