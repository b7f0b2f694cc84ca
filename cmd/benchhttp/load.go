package main

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// sample is what one or more runs of a target against a server measured.
type sample struct {
	metrics vegeta.Metrics // latencies and status codes of every request
	ok      int            // requests answered with the expected status
	elapsed time.Duration  // time under load, summed over runs
	cpu     time.Duration  // CPU time the server used under load (0: not measured)
}

// result is one target against one server, summarised.
type result struct {
	OK       int
	RPS      float64 // OK per second under load
	P50, P99 time.Duration
	bad      map[int]int // unexpected statuses (0: transport errors) and their counts
	// CPUPerOK is the server's CPU time per OK request: unlike req/s it
	// hardly depends on what else runs on the machine.
	CPUPerOK time.Duration
}

// result summarises s; the expected status t.want counts as success.
func (s *sample) result(want int) result {
	s.metrics.Close()
	r := result{OK: s.ok, P50: s.metrics.Latencies.P50, P99: s.metrics.Latencies.P99, bad: map[int]int{}}
	r.RPS = ratio(float64(s.ok), s.elapsed.Seconds())
	if s.ok > 0 {
		r.CPUPerOK = s.cpu / time.Duration(s.ok)
	}
	for code, n := range s.metrics.StatusCodes {
		if c, _ := strconv.Atoi(code); c != want {
			r.bad[c] += n
		}
	}
	return r
}

// errors counts every request that failed.
func (r result) errors() int {
	n := 0
	for _, c := range r.bad {
		n += c
	}
	return n
}

// errorDetail says which errors, e.g. "403×12, transport×1".
func (r result) errorDetail() string {
	codes := make([]int, 0, len(r.bad))
	for c := range r.bad {
		codes = append(codes, c)
	}
	sort.Ints(codes)
	var parts []string
	for _, c := range codes {
		name := strconv.Itoa(c)
		if c == 0 {
			name = "transport"
		}
		parts = append(parts, fmt.Sprintf("%s×%d", name, r.bad[c]))
	}
	return strings.Join(parts, ", ")
}

// runLoad drives base with t for dur, adding to s: vegeta in a closed
// loop (no rate: each of conc workers sends its next request as soon as
// the previous one is answered), one keep-alive connection per worker.
// A GET target is visited once first, as a browser would (following
// redirects), and the cookies it got are sent with every request. With a
// pid, the server process's CPU time under load is added to s.
func runLoad(ctx context.Context, s *sample, t *target, base string, pid, conc int, dur time.Duration, gzip bool) error {
	tr := newTransport(conc)
	defer tr.CloseIdleConnections()
	header := http.Header{"User-Agent": {"rolefit-benchhttp"}}
	if gzip {
		header.Set("Accept-Encoding", "gzip")
	}
	if t.bodies != nil {
		header.Set("Content-Type", "application/json")
	} else {
		cookie, _, err := visit(ctx, tr, base+t.path)
		if err != nil {
			return fmt.Errorf("warm-up: %w", err)
		}
		if cookie != "" {
			header.Set("Cookie", cookie)
		}
	}
	// #nosec G115 -- conc is 1..1024, checked by parseFlags
	atk := vegeta.NewAttacker(
		vegeta.Client(&http.Client{Transport: tr, Timeout: 10 * time.Second,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}),
		vegeta.Workers(uint64(conc)), vegeta.MaxWorkers(uint64(conc)),
		vegeta.MaxBody(0), // read and drop the body: no copy of it per request
	)
	go func() { <-ctx.Done(); atk.Stop() }()
	cpu0, cpuErr := readCPU(pid)
	start := time.Now()
	for res := range atk.Attack(targeter(t, base, header), vegeta.Rate{Freq: 0}, dur, t.name()) {
		s.metrics.Add(res)
		if int(res.Code) == t.want {
			s.ok++
		}
	}
	s.elapsed += min(time.Since(start), dur)
	if cpu1, err := readCPU(pid); pid > 0 && cpuErr == nil && err == nil {
		s.cpu += cpu1 - cpu0
	}
	return ctx.Err()
}

// targeter hands out t's request, POST bodies taken in turn so that
// concurrent submissions differ.
func targeter(t *target, base string, header http.Header) vegeta.Targeter {
	var n atomic.Uint64
	return func(tgt *vegeta.Target) error {
		*tgt = vegeta.Target{Method: t.method, URL: base + t.path, Header: header}
		if t.bodies != nil {
			tgt.Body = t.bodies[n.Add(1)%uint64(len(t.bodies))]
		}
		return nil
	}
}
