package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// fakeApp answers the benchmark's targets the way the app is expected to:
// the quiz page wants a session cookie that /quiz hands out with a redirect,
// and the API checks every answer.
func fakeApp(t *testing.T, withQuiz bool) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+profilePath, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		w.Write([]byte("<h1>Back-end web developer</h1>"))
	})
	if withQuiz {
		mux.HandleFunc("GET /quiz", func(w http.ResponseWriter, r *http.Request) {
			http.SetCookie(w, &http.Cookie{Name: "sid", Value: "s1", Path: "/"})
			http.Redirect(w, r, quizPath, http.StatusSeeOther)
		})
		mux.HandleFunc("GET "+quizPath, func(w http.ResponseWriter, r *http.Request) {
			if c, err := r.Cookie("sid"); err != nil || c.Value != "s1" {
				http.Redirect(w, r, "/quiz", http.StatusSeeOther)
				return
			}
			w.Write([]byte("<form>question 1</form>"))
		})
		mux.HandleFunc("GET "+questionsPath, func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(`{"questions":[{"id":"I1"},{"id":"S2"},{"id":"K3"}]}`))
		})
		mux.HandleFunc("POST "+assessmentsPath, func(w http.ResponseWriter, r *http.Request) {
			var in struct{ Answers map[string]int }
			err := json.NewDecoder(r.Body).Decode(&in)
			ok := err == nil && r.Header.Get("Content-Type") == "application/json" && len(in.Answers) == 3
			for _, v := range in.Answers {
				ok = ok && v >= 1 && v <= 5
			}
			if !ok {
				http.Error(w, "bad answers", http.StatusUnprocessableEntity)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusCreated)
			w.Write([]byte(`{"id":"a1"}`))
		})
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestCaptureAndLoad(t *testing.T) {
	srv := fakeApp(t, true)
	targets := defaultTargets()
	if err := capture(context.Background(), srv.URL, targets, false); err != nil {
		t.Fatal(err)
	}
	for _, tt := range targets {
		t.Run(tt.name(), func(t *testing.T) {
			if tt.skip != "" || tt.fail != "" {
				t.Fatalf("capture: skip %q, fail %q; want neither", tt.skip, tt.fail)
			}
			var s sample
			if err := runLoad(context.Background(), &s, tt, srv.URL, 0, 4, 200*time.Millisecond, false); err != nil {
				t.Fatal(err)
			}
			r := s.result(tt.want)
			if r.errors() != 0 || r.OK == 0 || r.RPS <= 0 {
				t.Errorf("got %d OK at %.0f/s and %d errors (%s), want some OK and no errors", r.OK, r.RPS, r.errors(), r.errorDetail())
			}
		})
	}
}

func TestCaptureSkipsWhatTheAppLacks(t *testing.T) {
	srv := fakeApp(t, false)
	targets := defaultTargets()
	if err := capture(context.Background(), srv.URL, targets, false); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		profilePath:     "",
		quizPath:        "quiz not available",
		assessmentsPath: "API not available (GET /api/v1/questions answered 404)",
	}
	for _, tt := range targets {
		if tt.skip != want[tt.path] {
			t.Errorf("%s: skip = %q, want %q", tt.name(), tt.skip, want[tt.path])
		}
	}
}

func TestBareReplaysCapturedBytes(t *testing.T) {
	srv := fakeApp(t, true)
	targets := defaultTargets()
	if err := capture(context.Background(), srv.URL, targets, false); err != nil {
		t.Fatal(err)
	}
	bare, err := startBare(targets)
	if err != nil {
		t.Fatal(err)
	}
	defer bare.stop()
	for _, tt := range targets {
		var s sample
		if err := runLoad(context.Background(), &s, tt, "http://"+bare.addr, 0, 2, 100*time.Millisecond, false); err != nil {
			t.Fatal(err)
		}
		if r := s.result(tt.want); r.errors() != 0 || r.OK == 0 {
			t.Errorf("%s: got %d OK and %d errors (%s), want some OK and no errors", tt.name(), r.OK, r.errors(), r.errorDetail())
		}
	}
}
