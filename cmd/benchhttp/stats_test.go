package main

import (
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	hundred := make([]time.Duration, 100)
	for i := range hundred {
		hundred[i] = time.Duration(i+1) * time.Millisecond
	}
	tests := []struct {
		name   string
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{"empty", nil, 50, 0},
		{"one value p50", []time.Duration{7}, 50, 7},
		{"one value p99", []time.Duration{7}, 99, 7},
		{"two values p50 is the lower", []time.Duration{1, 2}, 50, 1},
		{"two values p51 is the upper", []time.Duration{1, 2}, 51, 2},
		{"1..100 p50", hundred, 50, 50 * time.Millisecond},
		{"1..100 p99", hundred, 99, 99 * time.Millisecond},
		{"1..100 p100", hundred, 100, 100 * time.Millisecond},
		{"1..100 tiny p is the minimum", hundred, 0.001, time.Millisecond},
		{"four values p99 is the maximum", []time.Duration{1, 2, 3, 4}, 99, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := percentile(tt.sorted, tt.p); got != tt.want {
				t.Errorf("percentile(%d values, %v) = %v, want %v", len(tt.sorted), tt.p, got, tt.want)
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	tests := []struct {
		name    string
		lat     []time.Duration
		elapsed time.Duration
		want    stats
	}{
		{"nothing", nil, time.Second, stats{}},
		{"zero elapsed gives no rate", []time.Duration{5}, 0, stats{OK: 1, P50: 5, P99: 5}},
		{"unsorted input", []time.Duration{30, 10, 20, 40}, 2 * time.Second, stats{OK: 4, RPS: 2, P50: 20, P99: 40}},
		{"half a second", []time.Duration{3, 1, 2}, 500 * time.Millisecond, stats{OK: 3, RPS: 6, P50: 2, P99: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := summarize(tt.lat, tt.elapsed); got != tt.want {
				t.Errorf("summarize(%v, %v) = %+v, want %+v", tt.lat, tt.elapsed, got, tt.want)
			}
		})
	}
}

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

func TestSampleAddAndResult(t *testing.T) {
	tests := []struct {
		name    string
		samples []sample
		want    result
	}{
		{"none", nil, result{}},
		{"two rounds", []sample{
			{lat: []time.Duration{4, 1}, bad: map[int]int{500: 1}, bytes: 20, elapsed: time.Second},
			{lat: []time.Duration{3, 2}, bad: map[int]int{500: 2, 404: 1}, transport: 1, bytes: 20, elapsed: time.Second},
		}, result{stats: stats{OK: 4, RPS: 2, P50: 2, P99: 4}, bad: map[int]int{500: 3, 404: 1}, transport: 1, respBytes: 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var acc sample
			for _, s := range tt.samples {
				acc.add(s)
			}
			got := acc.result()
			if got.stats != tt.want.stats || got.transport != tt.want.transport || got.respBytes != tt.want.respBytes {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
			if got.errors() != tt.want.errors() || got.errorDetail() != tt.want.errorDetail() {
				t.Errorf("got errors %d (%s), want %d (%s)", got.errors(), got.errorDetail(), tt.want.errors(), tt.want.errorDetail())
			}
		})
	}
}
