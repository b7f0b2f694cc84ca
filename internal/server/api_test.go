package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"rolefit/internal/eval"
	"strings"
	"testing"
)

func fullAnswers(a *testApp, v int) map[string]any {
	out := map[string]any{}
	for i, q := range a.srv.bank.Questions {
		out[q.ID] = 1 + (i+v)%5
	}
	return out
}

func postJSON(t *testing.T, a *testApp, body string) (*http.Response, string) {
	t.Helper()
	return a.do(t, http.MethodPost, "/api/v1/assessments", "application/json", strings.NewReader(body))
}

func TestAPIQuestionsAndDimensions(t *testing.T) {
	a := newTestApp(t)
	res, body := a.get(t, "/api/v1/questions")
	wantStatus(t, res, http.StatusOK)
	var q struct {
		Scale struct {
			Min, Max int
			Labels   []string
		}
		Questions []struct {
			ID, Text, Dimension string
			Section             int
			Reverse             bool
		}
	}
	if err := json.Unmarshal([]byte(body), &q); err != nil {
		t.Fatal(err)
	}
	if q.Scale.Min != 1 || q.Scale.Max != 5 || len(q.Scale.Labels) != 5 || len(q.Questions) == 0 || len(q.Questions) > 60 {
		t.Errorf("questions: got scale %+v and %d questions", q.Scale, len(q.Questions))
	}
	res, body = a.get(t, "/api/v1/dimensions")
	wantStatus(t, res, http.StatusOK)
	var d struct {
		Dimensions []struct {
			ID, Name, Group string
			ONetElements    []string `json:"onet_elements"`
		}
	}
	if err := json.Unmarshal([]byte(body), &d); err != nil {
		t.Fatal(err)
	}
	groups := map[string]int{}
	for _, dim := range d.Dimensions {
		groups[dim.Group]++
		if len(dim.ONetElements) == 0 {
			t.Errorf("dimension %s names no O*NET element", dim.ID)
		}
	}
	if groups["interest"] != 6 || groups["work_style"] != 16 || groups["skill"] == 0 {
		t.Errorf("dimension groups: got %v", groups)
	}
}

func TestAPIAssessmentCreate(t *testing.T) {
	a := newTestApp(t)
	b, _ := json.Marshal(map[string]any{"answers": personaAnswers(t, a, eval.BackEnd)})
	res, body := postJSON(t, a, string(b))
	wantStatus(t, res, http.StatusCreated)
	type point struct {
		Dimension, Text string
		You, Role       float64
	}
	var out struct {
		ID, URL string
		Flags   []any
		Profile []any
		Matches []struct {
			Slug, Title, Band string
			Fit, Tier         int
			Reasons, Stretch  []point
			Mismatch          *point
		}
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.ID) != 32 || out.URL != "/results/"+out.ID || res.Header.Get("Location") == "" {
		t.Errorf("id %q url %q location %q", out.ID, out.URL, res.Header.Get("Location"))
	}
	if len(out.Matches) != len(a.srv.cat.Roles) {
		t.Errorf("got %d matches, want every role (%d)", len(out.Matches), len(a.srv.cat.Roles))
	}
	for i := 1; i < len(out.Matches); i++ {
		if out.Matches[i].Fit > out.Matches[i-1].Fit {
			t.Fatalf("matches not in rank order at %d", i)
		}
	}
	if len(out.Profile) != len(a.srv.bank.Dimensions) || len(out.Matches[0].Reasons) == 0 {
		t.Error("profile or reasons missing")
	}
	// Every point names its dimension and both levels on the 1–5 scale.
	for _, m := range out.Matches[:10] {
		pts := append(append([]point{}, m.Reasons...), m.Stretch...)
		if m.Mismatch != nil {
			pts = append(pts, *m.Mismatch)
		}
		for _, p := range pts {
			if a.srv.bank.DimensionIndex(p.Dimension) < 0 || p.Text == "" || p.You < 1 || p.You > 5 || p.Role < 1 || p.Role > 5 {
				t.Errorf("%s: point %+v lacks a dimension, a text or a level on 1–5", m.Slug, p)
			}
		}
		if m.Tier < 1 {
			t.Errorf("%s: tier %d", m.Slug, m.Tier)
		}
	}
	res, _ = a.get(t, out.URL)
	wantStatus(t, res, http.StatusOK)
}

func TestAPIAssessmentRejectsBadInput(t *testing.T) {
	a := newTestAppWith(t, func(c Config) Config { c.BodyLimit = "8K"; return c })
	good := fullAnswers(a, 1)
	first := a.srv.bank.Questions[0].ID
	second := a.srv.bank.Questions[1].ID
	with := func(change func(m map[string]any)) string {
		m := map[string]any{}
		for k, v := range good {
			m[k] = v
		}
		change(m)
		b, _ := json.Marshal(map[string]any{"answers": m})
		return string(b)
	}
	tests := []struct {
		name, contentType, body string
		status                  int
		names                   []string
	}{
		{"missing answers", "application/json", with(func(m map[string]any) { delete(m, first); delete(m, second) }), 422, []string{first, second}},
		{"out of range", "application/json", with(func(m map[string]any) { m[first] = 6; m[second] = 0 }), 422, []string{first, second}},
		{"not integers", "application/json", with(func(m map[string]any) { m[first] = "3"; m[second] = 2.5 }), 422, []string{first, second}},
		{"unknown id", "application/json", with(func(m map[string]any) { m["q999"] = 3 }), 422, []string{"q999"}},
		{"no answers key", "application/json", `{}`, 422, nil},
		{"unknown field", "application/json", `{"answers":{},"extra":1}`, 400, nil},
		{"not JSON", "application/json", `answers=1`, 400, nil},
		{"trailing junk", "application/json", with(func(map[string]any) {}) + "{}", 400, nil},
		{"wrong content type", "text/plain", with(func(map[string]any) {}), 415, nil},
		{"form content type", "application/x-www-form-urlencoded", "q01=3", 415, nil},
		{"oversized", "application/json", `{"answers":{"` + strings.Repeat("x", 9000) + `":1}}`, 413, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := a.do(t, http.MethodPost, "/api/v1/assessments", tt.contentType, strings.NewReader(tt.body))
			wantStatus(t, res, tt.status)
			if ct := res.Header.Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("got content type %q, want application/problem+json", ct)
			}
			var p Problem
			if err := json.Unmarshal([]byte(body), &p); err != nil || p.Status != tt.status || p.Detail == "" {
				t.Errorf("problem body %q (%v)", body, err)
			}
			for _, id := range tt.names {
				if p.Errors[id] == "" {
					t.Errorf("problem does not name %s: %v", id, p.Errors)
				}
			}
		})
	}
}

func TestSubmissionsAreRateLimited(t *testing.T) {
	a := newTestAppWith(t, func(c Config) Config { c.SubmitRate = 3; return c })
	b, _ := json.Marshal(map[string]any{"answers": fullAnswers(a, 2)})
	var last *http.Response
	for i := 0; i < 4; i++ {
		last, _ = a.do(t, http.MethodPost, "/api/v1/assessments", "application/json", bytes.NewReader(b))
		if i < 3 && last.StatusCode != http.StatusCreated {
			t.Fatalf("submission %d: got %d, want 201", i+1, last.StatusCode)
		}
	}
	wantStatus(t, last, http.StatusTooManyRequests)
	if last.Header.Get("Retry-After") == "" {
		t.Error("429 without Retry-After")
	}
	// The browser submission shares the limit.
	_, body := a.get(t, "/quiz/review")
	res, _ := a.postForm(t, "/quiz/submit", map[string][]string{"csrf_token": {csrfFrom(t, body)}})
	wantStatus(t, res, http.StatusTooManyRequests)
	// Reading is never limited.
	for i := 0; i < 5; i++ {
		res, _ := a.get(t, "/api/v1/questions")
		wantStatus(t, res, http.StatusOK)
	}
}
