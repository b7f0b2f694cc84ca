package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3" // the test reads the file itself
)

// TestSubmissionsSurviveSIGKILL builds the real binary, streams API
// submissions at it from a few goroutines, and kills it with SIGKILL in
// the middle of the stream. Restarted on the same file, it must serve every
// result whose 201 reached a client, and the file must pass SQLite's
// integrity check.
func TestSubmissionsSurviveSIGKILL(t *testing.T) {
	bin := appBinary(t)
	dbPath := filepath.Join(t.TempDir(), "d.db")

	first := startBinary(t, bin, dbPath)
	body := answersBody(t, first.url)

	// Stream submissions until well after the kill.
	st := streamSubmissions(t, 4, body, first.url)
	st.waitFor(1500*time.Millisecond, 200)
	first.kill(t)
	saved := st.stop()
	if len(saved) == 0 {
		t.Fatalf("no submission succeeded before the kill; log:\n%s", first.logs.String())
	}
	if _, err := os.Stat(dbPath + "-wal"); err == nil {
		t.Log("the kill left a WAL to recover")
	}

	// Restart on the same file: every acknowledged result is there.
	second := startBinary(t, bin, dbPath)
	wantResults(t, second.url, saved)
	if err := second.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := second.wait(t); err != nil {
		t.Errorf("second run ended with %v, want a clean stop; log:\n%s", err, second.logs.String())
	}

	// The file itself, read without the app.
	db, err := sql.Open("sqlite3", dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var check string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check: got %q (%v), want ok", check, err)
	}
	var rows int
	if err := db.QueryRow(`SELECT count(*) FROM results`).Scan(&rows); err != nil || rows < len(saved) {
		t.Errorf("results table: got %d rows (%v), want at least %d", rows, err, len(saved))
	}
}

// stream is API submissions sent in a loop from a few goroutines, each
// to the instances in turn, until stopped.
type stream struct {
	t        *testing.T
	mu       sync.Mutex
	saved    []string
	failures int
	began    time.Time
	done     chan struct{}
	wg       sync.WaitGroup
}

func streamSubmissions(t *testing.T, workers int, body []byte, urls ...string) *stream {
	st := &stream{t: t, began: time.Now(), done: make(chan struct{})}
	client := &http.Client{Timeout: 10 * time.Second}
	for w := 0; w < workers; w++ {
		st.wg.Go(func() {
			for n := w; ; n++ {
				select {
				case <-st.done:
					return
				default:
				}
				id, err := submit(client, urls[n%len(urls)], body)
				st.mu.Lock()
				if err == nil {
					st.saved = append(st.saved, id)
				} else {
					st.failures++
				}
				st.mu.Unlock()
			}
		})
	}
	return st
}

// waitFor returns once at least d has passed and n results were
// acknowledged, or 15 s have.
func (st *stream) waitFor(d time.Duration, n int) {
	count := func() int { st.mu.Lock(); defer st.mu.Unlock(); return len(st.saved) }
	for time.Since(st.began) < d || (count() < n && time.Since(st.began) < 15*time.Second) {
		time.Sleep(20 * time.Millisecond)
	}
}

// stop lets the clients see a killed server, stops them and returns the ids
// of every acknowledged result.
func (st *stream) stop() []string {
	time.Sleep(200 * time.Millisecond)
	close(st.done)
	st.wg.Wait()
	st.t.Logf("%d results acknowledged in %v; %d requests cut off or refused",
		len(st.saved), time.Since(st.began).Round(time.Millisecond), st.failures)
	return st.saved
}

// wantResults checks that base serves every result in ids.
func wantResults(t *testing.T, base string, ids []string) {
	t.Helper()
	client := &http.Client{Timeout: 10 * time.Second}
	idc := make(chan string)
	var missing sync.Map
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Go(func() {
			for id := range idc {
				res, err := client.Get(base + "/api/v1/assessments/" + id)
				if err != nil {
					missing.Store(id, err.Error())
					continue
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					missing.Store(id, res.Status)
				}
			}
		})
	}
	for _, id := range ids {
		idc <- id
	}
	close(idc)
	wg.Wait()
	lost := 0
	missing.Range(func(id, why any) bool {
		if lost++; lost <= 5 {
			t.Errorf("acknowledged result %s: %v, want 200", id, why)
		}
		return true
	})
	if lost > 0 {
		t.Errorf("%d of %d acknowledged results lost", lost, len(ids))
	}
}

// kill ends the process with SIGKILL and checks that it died of it.
func (b *runningBinary) kill(t *testing.T) {
	t.Helper()
	if err := b.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err := b.wait(t)
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("process ended with %v, want killed by SIGKILL", err)
	}
}

// runningBinary is the app started as a child process.
type runningBinary struct {
	cmd  *exec.Cmd
	url  string
	logs *syncWriter
	done chan error
}

// appBinary builds the app once per test binary and returns its path; it
// skips under -short or without the go command.
func appBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: builds and runs the binary")
	}
	buildOnce.Do(func() {
		goBin, err := exec.LookPath("go")
		if err != nil {
			buildErr = err
			return
		}
		bin := filepath.Join(binDir, "app")
		build := exec.Command(goBin, "build", "-tags", "sqlite_fts5", "-o", bin, ".")
		build.Env = append(os.Environ(), "CGO_ENABLED=1")
		if out, err := build.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		builtBin = bin
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

var (
	buildOnce sync.Once
	binDir    string // set by TestMain, removed after the tests
	builtBin  string
	buildErr  error
)

// answersBody is an API submission answering every question.
func answersBody(t *testing.T, base string) []byte {
	t.Helper()
	answers := map[string]int{}
	for i, id := range questionIDs(t, base) {
		answers[id] = 1 + i%5
	}
	body, _ := json.Marshal(map[string]any{"answers": answers})
	return body
}

// startBinary runs `app serve` on a free loopback port over dbPath (a file
// or a PostgreSQL URL), with the submission limit off, and waits until it
// is ready. env adds variables.
func startBinary(t *testing.T, bin, dbPath string, env ...string) *runningBinary {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	b := &runningBinary{url: "http://" + addr, logs: &syncWriter{}, done: make(chan error, 1)}
	b.cmd = exec.Command(bin, "serve", "--addr", addr, "--db", dbPath)
	b.cmd.Env = append(append(os.Environ(), "ROLEFIT_SUBMIT_RATE=0"), env...)
	b.cmd.Stdout, b.cmd.Stderr = b.logs, b.logs
	if err := b.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { b.done <- b.cmd.Wait() }()
	t.Cleanup(func() {
		select {
		case <-b.done: // already ended (wait puts the result back)
		default:
			b.cmd.Process.Kill()
			<-b.done
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-b.done:
			b.done <- err
			t.Fatalf("app exited before it was ready: %v\n%s", err, b.logs.String())
		default:
		}
		if res, err := http.Get(b.url + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return b
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("app not ready after 30 s; log:\n%s", b.logs.String())
	return nil
}

// wait returns how the process ended, waiting at most 20 s.
func (b *runningBinary) wait(t *testing.T) error {
	t.Helper()
	select {
	case err := <-b.done:
		b.done <- err
		return err
	case <-time.After(20 * time.Second):
		t.Fatal("app did not exit")
		return nil
	}
}

// questionIDs lists the question ids from the API.
func questionIDs(t *testing.T, base string) []string {
	t.Helper()
	res, err := http.Get(base + "/api/v1/questions")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct{ Questions []struct{ ID string } }
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || len(out.Questions) == 0 {
		t.Fatalf("GET /api/v1/questions: %d questions (%v)", len(out.Questions), err)
	}
	ids := make([]string, len(out.Questions))
	for i, q := range out.Questions {
		ids[i] = q.ID
	}
	return ids
}

// submit posts one assessment and returns its id once the whole 201 body
// has arrived; anything less is an error.
func submit(client *http.Client, base string, body []byte) (string, error) {
	res, err := client.Post(base+"/api/v1/assessments", "application/json", bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	var out struct{ ID string }
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		return "", err
	}
	if res.StatusCode != http.StatusCreated || out.ID == "" {
		return "", fmt.Errorf("status %d", res.StatusCode)
	}
	return out.ID, nil
}
