package server

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// concurrentWorkers submit at once; concurrentTotal is set per build (see
// concurrency_norace_test.go and concurrency_race_test.go).
const concurrentWorkers = 50

// TestConcurrentSubmissions saves many results at once over a real SQLite
// file, with the rate limit off: every one must be answered 201 with its
// own id and be readable afterwards, and SQLite's lock must never surface
// as "database is locked" or SQLITE_BUSY.
func TestConcurrentSubmissions(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	logs := &logBuffer{}
	a := newTestAppTB(t, appSetup{log: logs, cfg: func(c Config) Config { c.SubmitRate = 0; return c }})
	// Uncompressed: the test is about the storage path, and gzipping every
	// large assessment body would only spend the CPU the race detector needs.
	client := &http.Client{Timeout: 60 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: concurrentWorkers, DisableCompression: true}}
	t.Cleanup(client.CloseIdleConnections)

	bodies := make([][]byte, 5)
	for v := range bodies {
		bodies[v], _ = json.Marshal(map[string]any{"answers": fullAnswers(a, v)})
	}
	type outcome struct {
		status int
		id     string
		err    error
	}
	results := make([]outcome, concurrentTotal)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for w := 0; w < concurrentWorkers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			<-start
			for i := w; i < concurrentTotal; i += concurrentWorkers {
				results[i].status, results[i].id, results[i].err = submitOnce(client, a.ts.URL, bodies[i%len(bodies)])
			}
		}(w)
	}
	began := time.Now()
	close(start)
	wg.Wait()
	t.Logf("%d submissions from %d goroutines in %v", concurrentTotal, concurrentWorkers, time.Since(began))

	ids := map[string]bool{}
	failed := 0
	for i, r := range results {
		if r.err != nil || r.status != http.StatusCreated {
			if failed++; failed <= 5 {
				t.Errorf("submission %d: got status %d, error %v; want 201", i, r.status, r.err)
			}
			continue
		}
		if ids[r.id] {
			t.Errorf("submission %d: id %s given twice", i, r.id)
		}
		ids[r.id] = true
	}
	if failed > 0 || len(ids) != concurrentTotal {
		checkNoLockErrors(t, logs.String())
		t.Fatalf("%d of %d submissions failed; %d distinct ids, want %d", failed, concurrentTotal, len(ids), concurrentTotal)
	}

	// Every id reads back, again from many goroutines at once.
	idc := make(chan string)
	var unreadable sync.Map
	for w := 0; w < concurrentWorkers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range idc {
				res, err := client.Get(a.ts.URL + "/api/v1/assessments/" + id)
				if err != nil {
					unreadable.Store(id, err.Error())
					continue
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					unreadable.Store(id, res.Status)
				}
			}
		}()
	}
	for id := range ids {
		idc <- id
	}
	close(idc)
	wg.Wait()
	unreadable.Range(func(id, why any) bool {
		t.Errorf("GET /api/v1/assessments/%s: %v, want 200", id, why)
		return true
	})

	checkNoLockErrors(t, logs.String())
}

// submitOnce posts one body and returns the status and the new id.
func submitOnce(client *http.Client, base string, body []byte) (int, string, error) {
	res, err := client.Post(base+"/api/v1/assessments", "application/json", bytes.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusCreated {
		return res.StatusCode, "", err
	}
	// The id is the body's first field; decoding the whole assessment
	// would double the test's own CPU use.
	m := createdIDRE.FindSubmatch(b)
	if m == nil {
		return res.StatusCode, "", fmt.Errorf("no id in 201 body %.80q", b)
	}
	return res.StatusCode, string(m[1]), nil
}

var createdIDRE = regexp.MustCompile(`^\{"id":"([a-z2-7]{32})"`)

// checkNoLockErrors fails when any log line (JSON) reports SQLite's lock:
// "database is locked", SQLITE_BUSY, or an ERROR at all. Request and result
// ids are left out of the search, since random ids can spell "busy".
func checkNoLockErrors(t *testing.T, log string) {
	t.Helper()
	sc := bufio.NewScanner(strings.NewReader(log))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	lines, bad := 0, 0
	for sc.Scan() {
		lines++
		var rec map[string]any
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Errorf("log line is not JSON: %q", sc.Text())
			continue
		}
		delete(rec, "id")
		delete(rec, "uri")
		rest, _ := json.Marshal(rec)
		text := strings.ToLower(string(rest))
		if strings.Contains(text, "database is locked") || strings.Contains(text, "busy") || rec["level"] == "ERROR" {
			if bad++; bad <= 5 {
				t.Errorf("log line: %s", sc.Text())
			}
		}
	}
	if bad > 5 {
		t.Errorf("…and %d more such log lines", bad-5)
	}
	if lines == 0 {
		t.Error("the server logged nothing: the log is not being captured")
	}
}
