package server

import (
	"bytes"
	"context"
	"encoding/json"
	"mime"
	"net/http"
	"testing"

	"rolefit/internal/store"
)

// fuzzContentTypes are the Content-Type headers FuzzAPIAssessment picks from.
var fuzzContentTypes = []string{
	"application/json",
	"application/json; charset=utf-8",
	"APPLICATION/JSON",
	"text/plain",
	"application/x-www-form-urlencoded",
	"multipart/form-data; boundary=x",
	"application/json; charset",
	"",
}

// FuzzAPIAssessment posts arbitrary bodies, under a few content types, to
// POST /api/v1/assessments through the real router. Whatever arrives, the
// answer is never a 5xx; it is either a 201 with the saved assessment or a
// problem+json whose status matches; and a 201 happens only when the body
// gave every question a whole number from 1 to 5 and nothing else.
func FuzzAPIAssessment(f *testing.F) {
	a := newTestAppTB(f, appSetup{})
	ids := make([]string, len(a.srv.bank.Questions))
	valid := map[string]int{}
	for i, q := range a.srv.bank.Questions {
		ids[i] = q.ID
		valid[q.ID] = 1 + i%5
	}
	body := func(answers any) []byte {
		b, _ := json.Marshal(map[string]any{"answers": answers})
		return b
	}
	with := func(id string, v any) []byte {
		m := map[string]any{}
		for k, x := range valid {
			m[k] = x
		}
		m[id] = v
		return body(m)
	}
	for ct := range fuzzContentTypes {
		f.Add(uint8(ct), body(valid))
	}
	seeds := [][]byte{
		with(ids[0], 0), with(ids[0], 6), with(ids[0], 3.0), with(ids[0], "3"), with(ids[0], nil),
		with(ids[0], -1), with(ids[0], 1e300), with(ids[0], []int{3}), with("q999", 3), with("", 3),
		[]byte(`{"answers":{"` + ids[0] + `":3.0}}`), []byte(`{"answers":{"` + ids[0] + `":3e0}}`),
		[]byte(`{"answers":{"` + ids[0] + `":99999999999999999999}}`),
		[]byte(`{"ANSWERS":{}}`), []byte(`{"answers":null}`), []byte(`{"answers":[]}`), []byte(`{}`), []byte(`[]`),
		[]byte(`null`), []byte(``), []byte(`{"answers":{},"extra":1}`), []byte(`{"answers":{}}{}`),
		[]byte("\xff\xfe{}"), []byte(`{"answers":{"<script>":1}}`), []byte(`{"answers":{"q01":1,"q01":9}}`),
	}
	for _, s := range seeds {
		f.Add(uint8(0), s)
	}

	f.Fuzz(func(t *testing.T, ctIndex uint8, in []byte) {
		ct := fuzzContentTypes[int(ctIndex)%len(fuzzContentTypes)]
		res, out := a.do(t, http.MethodPost, "/api/v1/assessments", ct, bytes.NewReader(in))
		if res.StatusCode >= 500 {
			t.Fatalf("got %d for %s body %q: %s", res.StatusCode, ct, in, out)
		}
		if res.StatusCode != http.StatusCreated {
			if got := res.Header.Get("Content-Type"); got != "application/problem+json" {
				t.Fatalf("status %d: got content type %q, want application/problem+json", res.StatusCode, got)
			}
			var p Problem
			if err := json.Unmarshal([]byte(out), &p); err != nil || p.Status != res.StatusCode || p.Title == "" {
				t.Fatalf("status %d: got problem %q (%v), want one with that status and a title", res.StatusCode, out, err)
			}
			return
		}

		// A 201: the request must have been complete and valid...
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
			t.Fatalf("201 for content type %q", ct)
		}
		var posted struct {
			Answers map[string]json.RawMessage `json:"answers"`
		}
		if err := json.Unmarshal(in, &posted); err != nil {
			t.Fatalf("201 for a body encoding/json rejects (%v): %q", err, in)
		}
		if len(posted.Answers) != len(ids) {
			t.Fatalf("201 with %d answers, want exactly the %d questions: %q", len(posted.Answers), len(ids), in)
		}
		for _, id := range ids {
			var n int
			if err := json.Unmarshal(posted.Answers[id], &n); err != nil || n < 1 || n > 5 {
				t.Fatalf("201 though %s is %s: %q", id, posted.Answers[id], in)
			}
		}
		// ...and what was saved is what was sent.
		var created struct{ ID string }
		if err := json.Unmarshal([]byte(out), &created); err != nil || !store.ValidResultID(created.ID) {
			t.Fatalf("201 body %q (%v), want an assessment with an id", out, err)
		}
		if loc := res.Header.Get("Location"); loc != "/api/v1/assessments/"+created.ID {
			t.Errorf("Location %q, want /api/v1/assessments/%s", loc, created.ID)
		}
		saved, err := a.db.Result(context.Background(), created.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			var n int
			_ = json.Unmarshal(posted.Answers[id], &n)
			if saved.Answers[id] != n {
				t.Errorf("saved %s = %d, posted %d", id, saved.Answers[id], n)
			}
		}
		if len(saved.Answers) != len(ids) {
			t.Errorf("saved %d answers, want %d", len(saved.Answers), len(ids))
		}
	})
}
