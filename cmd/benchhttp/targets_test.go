package main

import (
	"encoding/json"
	"slices"
	"testing"
	"time"
)

func TestParseQuestionIDs(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []string
		wantErr bool
	}{
		{"string ids", `{"questions":[{"id":"I1","text":"x"},{"id":"S2"}]}`, []string{"I1", "S2"}, false},
		{"number ids", `{"questions":[{"id":1},{"id":22}]}`, []string{"1", "22"}, false},
		{"none", `{"questions":[]}`, []string{}, false},
		{"missing id", `{"questions":[{"text":"x"}]}`, nil, true},
		{"object id", `{"questions":[{"id":{}}]}`, nil, true},
		{"not json", `<html>`, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseQuestionIDs([]byte(tt.in))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if !tt.wantErr && !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestAnswerBodies(t *testing.T) {
	bodies := answerBodies([]string{"a", "b", `c"q`})
	if len(bodies) != 5 {
		t.Fatalf("got %d bodies, want 5", len(bodies))
	}
	for i, b := range bodies {
		var doc struct{ Answers map[string]int }
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatalf("body %d %s: %v", i, b, err)
		}
		for j, id := range []string{"a", "b", `c"q`} {
			if got, want := doc.Answers[id], (i+j)%5+1; got != want {
				t.Errorf("body %d answer %q = %d, want %d", i, id, got, want)
			}
		}
	}
}

func TestParseStatus(t *testing.T) {
	in := "Name:\tapp\nVmHWM:\t   90112 kB\nVmRSS:\t   61440 kB\nThreads:\t9\n"
	got, err := parseStatus([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if want := (memory{RSS: 61440, HWM: 90112}); got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if _, err := parseStatus([]byte("Name:\tapp\n")); err == nil {
		t.Error("got no error for a status without VmRSS, want one")
	}
}

func TestParseStat(t *testing.T) {
	// pid (comm with a space and a paren) state ppid … utime stime …
	in := "4242 (app (x) y) S 1 4242 4242 0 -1 4194560 500 0 0 0 250 120 0 0 20 0 9 0 100 0 0"
	got, err := parseStat([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if want := 3700 * time.Millisecond; got != want {
		t.Errorf("got %v, want %v (370 ticks)", got, want)
	}
	if _, err := parseStat([]byte("4242 (app) S 1")); err == nil {
		t.Error("got no error for a short stat line")
	}
}
