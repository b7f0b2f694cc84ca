package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkRoleProfile serves the profile page through the whole router
// and middleware chain, without a network.
func BenchmarkRoleProfile(b *testing.B) {
	a := newTestApp(&testing.T{})
	h := a.srv.Handler()
	req := httptest.NewRequest(http.MethodGet, "/roles/back-end-web-developer", nil)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatal(w.Code)
		}
	}
}

// BenchmarkSubmission scores, ranks, saves and answers one API submission
// end to end through the router and a real SQLite file.
func BenchmarkSubmission(b *testing.B) {
	a := newTestApp(&testing.T{})
	h := a.srv.Handler()
	body, _ := json.Marshal(map[string]any{"answers": fullAnswers(a, 1)})
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/api/v1/assessments", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusCreated {
			b.Fatal(w.Code, w.Body.String())
		}
	}
}
