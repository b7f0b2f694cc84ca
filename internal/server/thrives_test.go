package server

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"rolefit/internal/assessment"
	"rolefit/internal/eval"
)

func TestAPIRoleListsWhoThrives(t *testing.T) {
	a := newTestApp(t)
	for _, r := range a.srv.cat.Roles {
		res, body := a.get(t, "/api/v1/roles/"+r.Slug)
		wantStatus(t, res, http.StatusOK)
		var got struct {
			WhoThrives []map[string]string `json:"who_thrives"`
		}
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatal(err)
		}
		var want []map[string]string
		for _, tr := range r.Traits {
			want = append(want, map[string]string{"text": tr.Text, "dimension": tr.Dimension, "direction": tr.Direction})
		}
		if len(got.WhoThrives) < 3 || len(got.WhoThrives) > 6 || !reflect.DeepEqual(got.WhoThrives, want) {
			t.Errorf("%s: who_thrives %v, want its 3–6 traits %v", r.Slug, got.WhoThrives, want)
		}
	}
}

// traitItems are the who-thrives list items of a profile, tags stripped.
func traitItems(t *testing.T, body string) []string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<ul aria-labelledby="traits-h">(.*?)</ul>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no who-thrives traits on the profile")
	}
	var out []string
	for _, li := range regexp.MustCompile(`(?s)<li>(.*?)</li>`).FindAllStringSubmatch(m[1], -1) {
		out = append(out, html.UnescapeString(strings.Join(strings.Fields(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(li[1], "")), " ")))
	}
	return out
}

func TestProfileShowsWhoThrivesAndWhereTheReaderStands(t *testing.T) {
	a := newTestApp(t)
	const slug = "back-end-web-developer"
	role, _ := a.srv.cat.Role(slug)

	// Without a result: the traits, and nothing about the reader.
	_, body := a.get(t, "/roles/"+slug)
	items := traitItems(t, body)
	if len(items) != len(role.Traits) {
		t.Fatalf("got %d traits %q, want %d", len(items), items, len(role.Traits))
	}
	for i, tr := range role.Traits {
		if items[i] != tr.Text {
			t.Errorf("trait %d: got %q, want %q", i+1, items[i], tr.Text)
		}
	}

	// The back-end persona, but all in on operations analysis and not at
	// all on stress tolerance (a reversed statement counts the other way).
	answers := personaAnswers(t, a, eval.BackEnd)
	for _, q := range a.srv.bank.Questions {
		high := map[string]bool{"operations_analysis": true, "stress_tolerance": false}
		h, ok := high[q.Dimension]
		if !ok {
			continue
		}
		v := 1
		if h != q.Reverse {
			v = 5
		}
		answers[q.ID] = v
	}
	standing := func(answers map[string]int) map[string]string {
		t.Helper()
		id, err := a.db.CreateResult(context.Background(), time.Now(), answers, 0)
		if err != nil {
			t.Fatal(err)
		}
		res, _ := a.get(t, "/results/"+id) // makes it the visitor's result
		wantStatus(t, res, http.StatusOK)
		_, body := a.get(t, "/roles/"+slug)
		out := map[string]string{}
		for i, it := range traitItems(t, body) {
			out[role.Traits[i].Dimension] = strings.TrimSpace(strings.TrimPrefix(it, role.Traits[i].Text))
		}
		return out
	}
	got := standing(answers)
	name := func(dim string) string {
		for _, d := range a.srv.bank.Dimensions {
			if d.ID == dim {
				return d.Name
			}
		}
		t.Fatalf("no dimension %s", dim)
		return ""
	}
	for dim, want := range map[string]string{
		"operations_analysis": "Your answers on " + name("operations_analysis") + ": Strongly agree. That fits.",
		"stress_tolerance":    "Your answers on " + name("stress_tolerance") + ": Strongly disagree. That is the other way.",
		"server_side":         "You have not answered a follow-up question on server-side work.",
	} {
		if got[dim] != want {
			t.Errorf("standing on %s: got %q, want %q", dim, got[dim], want)
		}
	}

	// A follow-up choice toward server-side work, saved with the answers.
	fu := a.srv.index.FollowUps()
	chosen := false
	for _, q := range fu.Questions {
		for oi, o := range q.Options {
			if !chosen && len(o.Signals) == 1 && o.Signals[0] == (assessment.Signal{Dimension: "server_side", Direction: assessment.High}) {
				answers[q.ID], chosen = oi+1, true
			}
		}
	}
	if !chosen {
		t.Fatal("no follow-up option points toward server_side alone")
	}
	got = standing(answers)
	if want := "Your follow-up answers lean toward server-side work. That fits."; got["server_side"] != want {
		t.Errorf("standing on server_side after a follow-up: got %q, want %q", got["server_side"], want)
	}
}

func TestFitsOfFollowsTheTraitsDirection(t *testing.T) {
	for _, c := range []struct {
		dir   string
		level float64
		want  string
	}{{"high", 4.2, "fits"}, {"high", 1.5, "other-way"}, {"high", 3, "between"}, {"low", 1.5, "fits"}, {"low", 4.6, "other-way"}, {"low", 3.2, "between"}} {
		if got := fitsOf(c.dir, c.level); got != c.want {
			t.Errorf("fitsOf(%s, %v) = %s, want %s", c.dir, c.level, got, c.want)
		}
	}
}
