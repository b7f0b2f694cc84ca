package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"rolefit/data"
	"rolefit/internal/assessment"
	"rolefit/internal/catalog"
	"rolefit/internal/importer"
	"rolefit/internal/matching"
	"rolefit/internal/testref"
)

// discardResponse keeps a response's status and headers and throws its
// body away, so that the benchmarks time the server rather than a
// recorder's growing buffer.
type discardResponse struct {
	h    http.Header
	code int
}

func (w *discardResponse) Header() http.Header  { return w.h }
func (w *discardResponse) WriteHeader(code int) { w.code = code }
func (w *discardResponse) Write(p []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return len(p), nil
}

func (w *discardResponse) reset() {
	clear(w.h)
	w.code = 0
}

// BenchmarkRoleProfile serves the profile page through the whole router
// and middleware chain, without a network.
func BenchmarkRoleProfile(b *testing.B) {
	a := newTestApp(&testing.T{})
	h := a.srv.Handler()
	req := httptest.NewRequest(http.MethodGet, "/roles/back-end-web-developer", nil)
	w := &discardResponse{h: http.Header{}}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		w.reset()
		h.ServeHTTP(w, req)
		if w.code != http.StatusOK {
			b.Fatal(w.code)
		}
	}
}

// BenchmarkSubmission scores, ranks, saves and answers one API submission
// end to end through the router and a real SQLite file.
func BenchmarkSubmission(b *testing.B) {
	a := newTestApp(&testing.T{})
	h := a.srv.Handler()
	body, _ := json.Marshal(map[string]any{"answers": fullAnswers(a, 1)})
	w := &discardResponse{h: http.Header{}}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/api/v1/assessments", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		w.reset()
		h.ServeHTTP(w, req)
		if w.code != http.StatusCreated {
			b.Fatal(w.code)
		}
	}
}

// BenchmarkRankFullImport ranks every target of a server that imported the
// full O*NET 29.3 release: the written roles plus every other rated
// occupation (about 930 in all).
func BenchmarkRankFullImport(b *testing.B) {
	ref := testref.Dir(b)
	ds, err := importer.Load(filepath.Join(ref, "onet"), filepath.Join(ref, "bls"), nil)
	if err != nil {
		b.Fatal(err)
	}
	cat, err := catalog.Load(data.FS)
	if err != nil {
		b.Fatal(err)
	}
	bank, err := assessment.LoadBank(data.FS, "questions.yaml")
	if err != nil {
		b.Fatal(err)
	}
	s := &Server{cat: cat, bank: bank}
	if err := s.buildIndex(ds.Occupations); err != nil {
		b.Fatal(err)
	}
	answers := map[string]int{}
	for i, q := range bank.Questions {
		answers[q.ID] = 1 + (i*3)%5
	}
	sc, err := assessment.Score(bank, answers)
	if err != nil {
		b.Fatal(err)
	}
	p := matching.NewPerson(sc)
	b.ReportMetric(float64(len(s.targets)), "targets")
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.index.Rank(p, 0); err != nil {
			b.Fatal(err)
		}
	}
}
