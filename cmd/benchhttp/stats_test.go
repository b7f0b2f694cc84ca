package main

import (
	"testing"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

func TestRatio(t *testing.T) {
	tests := []struct{ a, b, want float64 }{
		{1, 2, 0.5},
		{3, 0, 0},
		{0, 4, 0},
	}
	for _, tt := range tests {
		if got := ratio(tt.a, tt.b); got != tt.want {
			t.Errorf("ratio(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestSampleResult: the summary counts the expected status as success and
// every other one, transport errors included, as an error, and rates the
// successes over the time under load only.
func TestSampleResult(t *testing.T) {
	var s sample
	codes := []uint16{201, 201, 201, 500, 0, 201, 403, 201}
	for i, c := range codes {
		res := &vegeta.Result{Code: c, Timestamp: time.Unix(0, 0).Add(time.Duration(i) * time.Millisecond), Latency: time.Duration(i+1) * time.Millisecond}
		s.metrics.Add(res)
		if c == 201 {
			s.ok++
		}
	}
	s.elapsed = 2 * time.Second
	r := s.result(201)
	if r.OK != 5 || r.RPS != 2.5 {
		t.Errorf("got %d OK at %.2f/s, want 5 at 2.50/s", r.OK, r.RPS)
	}
	if r.errors() != 3 || r.errorDetail() != "transport×1, 403×1, 500×1" {
		t.Errorf("got %d errors (%s), want 3 (transport×1, 403×1, 500×1)", r.errors(), r.errorDetail())
	}
	if r.P50 < time.Millisecond || r.P50 > 8*time.Millisecond || r.P99 < r.P50 {
		t.Errorf("got p50 %v p99 %v, want within the latencies given", r.P50, r.P99)
	}
}
