package main

import (
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
)

func TestIdleReleaseWaitsForTheFirstQuietTick(t *testing.T) {
	released := 0
	ir := newIdleRelease(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) }))
	ir.release = func() { released++ }
	request := func() {
		rec := httptest.NewRecorder()
		ir.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
		if rec.Code != http.StatusNoContent {
			t.Fatalf("the wrapped handler answered %d, want 204", rec.Code)
		}
	}
	steps := []struct {
		name     string
		requests int
		want     bool
	}{
		{"idle from the start", 0, false},
		{"still idle", 0, false},
		{"a burst", 3, false},
		{"the burst goes on", 5, false},
		{"first quiet tick", 0, true},
		{"quiet again", 0, false},
		{"a single request", 1, false},
		{"quiet after it", 0, true},
	}
	for _, s := range steps {
		for range s.requests {
			request()
		}
		if got := ir.tick(); got != s.want {
			t.Errorf("%s: tick released %v, want %v", s.name, got, s.want)
		}
	}
	if released != 2 {
		t.Errorf("released %d times, want 2", released)
	}
}

var sink [][]byte

func TestReleaseFreeHeapReturnsWhatABurstLeft(t *testing.T) {
	// A burst's garbage: 64 MB in 64 KB pieces, dropped and collected.
	for range 1024 {
		sink = append(sink, make([]byte, 64<<10))
	}
	sink = nil
	runtime.GC()
	if before := freeHeap(); before <= idleFreeFloor {
		t.Skipf("the scavenger already returned the garbage (%d bytes free): nothing to test", before)
	}
	releaseFreeHeap()
	if after := freeHeap(); after > idleFreeFloor {
		t.Errorf("after releaseFreeHeap %d bytes of heap are free and held, want at most %d", after, idleFreeFloor)
	}
}
