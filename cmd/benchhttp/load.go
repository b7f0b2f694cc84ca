package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// maxRate bounds the requests per second a run is expected to reach, to size
// each worker's latency slice up front; past it the slice grows.
const maxRate = 50_000

// sample is what one or more runs of a target against a server measured.
type sample struct {
	lat       []time.Duration // one per OK request
	bad       map[int]int     // unexpected statuses and their counts
	transport int             // transport and read errors
	bytes     int64           // response body bytes of the OK requests
	elapsed   time.Duration   // time under load
}

// add merges o into s.
func (s *sample) add(o sample) {
	s.lat = append(s.lat, o.lat...)
	if s.bad == nil {
		s.bad = map[int]int{}
	}
	for code, n := range o.bad {
		s.bad[code] += n
	}
	s.transport += o.transport
	s.bytes += o.bytes
	s.elapsed += o.elapsed
}

// result summarises s; it sorts s.lat in place.
func (s sample) result() result {
	r := result{stats: summarize(s.lat, s.elapsed), bad: s.bad, transport: s.transport}
	if r.OK > 0 {
		r.respBytes = float64(s.bytes) / float64(r.OK)
	}
	return r
}

// result is one target against one server.
type result struct {
	stats
	bad       map[int]int // unexpected statuses and their counts
	transport int         // transport and read errors
	respBytes float64     // mean response body size of the OK requests
}

// errors counts every request that failed.
func (r result) errors() int {
	n := r.transport
	for _, c := range r.bad {
		n += c
	}
	return n
}

// errorDetail says which errors, e.g. "403×12, transport×1".
func (r result) errorDetail() string {
	var parts []string
	codes := make([]int, 0, len(r.bad))
	for c := range r.bad {
		codes = append(codes, c)
	}
	sort.Ints(codes)
	for _, c := range codes {
		parts = append(parts, fmt.Sprintf("%d×%d", c, r.bad[c]))
	}
	if r.transport > 0 {
		parts = append(parts, fmt.Sprintf("transport×%d", r.transport))
	}
	return strings.Join(parts, ", ")
}

// worker holds one worker's tallies; only that worker writes them.
type worker struct {
	lat       []time.Duration // preallocated; one entry per OK request
	bad       [600]int        // unexpected statuses by code (599 and up share the last)
	transport int
	bytes     int64
}

// reqBody is a worker's request body, reused for every request. The
// transport may close a body after RoundTrip has returned, so reset waits
// for that close before rewinding.
type reqBody struct {
	r    bytes.Reader
	data []byte // the bytes of the current use
	open atomic.Bool
	done chan struct{}
}

func newReqBody() *reqBody {
	b := &reqBody{done: make(chan struct{}, 1)}
	b.done <- struct{}{}
	return b
}

func (b *reqBody) Read(p []byte) (int, error) { return b.r.Read(p) }

func (b *reqBody) Close() error {
	if b.open.CompareAndSwap(true, false) {
		b.done <- struct{}{}
	}
	return nil
}

// reset waits for the previous use to be closed, then rewinds onto data.
// It reports false if ctx ended first.
func (b *reqBody) reset(ctx context.Context, data []byte) bool {
	select {
	case <-b.done:
	case <-ctx.Done():
		return false
	}
	b.r.Reset(data)
	b.data = data
	b.open.Store(true)
	return true
}

// do sends req once, with the n-th body for a POST, and reads the answer.
func do(rt http.RoundTripper, req *http.Request, t *target, body *reqBody, n int) (status int, size int64, err error) {
	if body != nil {
		data := t.bodies[n%len(t.bodies)]
		if !body.reset(req.Context(), data) {
			return 0, 0, req.Context().Err()
		}
		req.Body, req.ContentLength = body, int64(len(data))
	}
	resp, err := rt.RoundTrip(req)
	if err != nil {
		return 0, 0, err
	}
	size, err = io.Copy(io.Discard, resp.Body) // io.Discard reads into pooled buffers: no allocation
	_ = resp.Body.Close()
	return resp.StatusCode, size, err
}

// loop repeats the request until ctx ends: a closed loop, one request in
// flight per worker, each on the worker's keep-alive connection.
func (w *worker) loop(ctx context.Context, rt http.RoundTripper, req *http.Request, t *target, body *reqBody, first int) {
	for n := first; ctx.Err() == nil; n++ {
		t0 := time.Now()
		status, size, err := do(rt, req, t, body, n)
		lat := time.Since(t0)
		switch {
		case ctx.Err() != nil:
			return // cut off by the end of the run: not an error
		case err != nil:
			w.transport++
			time.Sleep(10 * time.Millisecond) // a refused connection would otherwise spin
		case status != t.want:
			w.bad[min(status, len(w.bad)-1)]++
		default:
			w.lat = append(w.lat, lat)
			w.bytes += size
		}
	}
}

// runLoad drives base with t for dur from conc workers. Each worker first
// warms up untimed: a GET target is visited once with the worker's own
// cookie jar (as a browser would, following redirects) and its cookies are
// then sent with every request; a POST is sent once. That also opens the
// worker's connection.
func runLoad(ctx context.Context, t *target, base string, conc int, dur time.Duration, gzip bool) (sample, error) {
	tr := newTransport(conc)
	defer tr.CloseIdleConnections()

	cookies := make([]string, conc)
	bodies := make([]*reqBody, conc)
	warmCtx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	errs := make([]error, conc)
	var wg sync.WaitGroup
	for i := range conc {
		wg.Go(func() {
			if t.bodies != nil {
				bodies[i] = newReqBody()
				req, err := newRequest(warmCtx, t, base, "", gzip)
				if err == nil {
					_, _, err = do(tr, req, t, bodies[i], i)
				}
				errs[i] = err
				return
			}
			cookies[i], _, errs[i] = visit(warmCtx, tr, base+t.path)
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return sample{}, fmt.Errorf("warm-up: %w", err)
		}
	}

	runCtx, stop := context.WithTimeout(ctx, dur)
	defer stop()
	reqs := make([]*http.Request, conc)
	for i := range conc {
		req, err := newRequest(runCtx, t, base, cookies[i], gzip)
		if err != nil {
			return sample{}, err
		}
		if b := bodies[i]; b != nil {
			// For the transport's retry on an idle connection the server
			// closed; it runs in the worker's goroutine, as reset does.
			req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b.data)), nil }
		}
		reqs[i] = req
	}
	workers := make([]worker, conc)
	perWorker := int(dur.Seconds()*maxRate)/conc + 1024
	for i := range workers {
		workers[i].lat = make([]time.Duration, 0, perWorker)
	}
	start := time.Now()
	for i := range conc {
		// Workers start at different bodies so that concurrent POSTs differ.
		wg.Go(func() { workers[i].loop(runCtx, tr, reqs[i], t, bodies[i], i) })
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return sample{}, err
	}
	s := sample{bad: map[int]int{}, elapsed: min(time.Since(start), dur)}
	for i := range workers {
		w := &workers[i]
		s.lat = append(s.lat, w.lat...)
		s.bytes += w.bytes
		s.transport += w.transport
		for code, n := range w.bad {
			if n > 0 {
				s.bad[code] += n
			}
		}
	}
	return s, nil
}
