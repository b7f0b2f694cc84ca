package main

import (
	"context"
	"net/http"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
	"time"
)

// idleRelease hands back to the operating system the heap that a burst of
// requests left free, once the burst is over. Under load the collector may
// let the heap grow heapHeadroom past what is live, and Go's background
// scavenger returns the pages freed after that only slowly (it is paced to
// about 1% of one CPU), so a server that answered a burst would otherwise
// stay some 20 MB larger for minutes while it does nothing.
type idleRelease struct {
	next     http.Handler
	requests atomic.Uint64

	// Used by tick alone (one goroutine).
	seen    uint64
	busy    bool
	release func() // releaseFreeHeap, but for tests
}

func newIdleRelease(next http.Handler) *idleRelease {
	return &idleRelease{next: next, release: releaseFreeHeap}
}

func (ir *idleRelease) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ir.requests.Add(1)
	ir.next.ServeHTTP(w, r)
}

// run calls tick every period until ctx ends.
func (ir *idleRelease) run(ctx context.Context, period time.Duration) {
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			ir.tick()
		}
	}
}

// tick notes whether requests arrived since the last tick; at the first
// quiet tick after some did, it releases the free heap and says so. A
// server that stays busy, or stays idle, is left alone.
func (ir *idleRelease) tick() bool {
	switch n := ir.requests.Load(); {
	case n != ir.seen:
		ir.seen, ir.busy = n, true
	case ir.busy:
		ir.busy = false
		ir.release()
		return true
	}
	return false
}

// idleFreeFloor is how much freed heap an idle server keeps rather than
// collect and scavenge for.
const idleFreeFloor = 4 << 20

// releaseFreeHeap returns the free heap to the OS (a collection and a
// scavenge: some milliseconds) when there is more than idleFreeFloor of it.
func releaseFreeHeap() {
	if freeHeap() > idleFreeFloor {
		debug.FreeOSMemory()
	}
}

// freeHeap is the heap memory that is free but still held from the OS.
func freeHeap() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/free:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
