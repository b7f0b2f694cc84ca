package main

import (
	"math"
	"slices"
	"time"
)

// stats summarises one measured run.
type stats struct {
	OK       int           // requests answered with the expected status
	RPS      float64       // OK per second of the run
	P50, P99 time.Duration // latency percentiles of the OK requests
}

// percentile returns the p-th percentile (0 < p ≤ 100) of sorted latencies
// by nearest rank: the smallest value with at least p% of the values at or
// below it. It returns 0 for no values.
func percentile(sorted []time.Duration, p float64) time.Duration {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	// p*n/100 rather than p/100*n: 99*100/100 is exactly 99, 0.99*100 is not.
	rank := int(math.Ceil(p * float64(n) / 100))
	rank = min(max(rank, 1), n)
	return sorted[rank-1]
}

// summarize sorts lat in place and summarises a run of length elapsed.
func summarize(lat []time.Duration, elapsed time.Duration) stats {
	slices.Sort(lat)
	s := stats{OK: len(lat), P50: percentile(lat, 50), P99: percentile(lat, 99)}
	if elapsed > 0 {
		s.RPS = float64(len(lat)) / elapsed.Seconds()
	}
	return s
}

// ratio returns a/b, or 0 when b is 0 (nothing to compare with).
func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// ms formats a duration in milliseconds with two decimals.
func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
