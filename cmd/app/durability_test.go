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
	if testing.Short() {
		t.Skip("-short: builds and runs the binary")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH to build the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "app")
	build := exec.Command(goBin, "build", "-tags", "sqlite_fts5", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=1")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dbPath := filepath.Join(dir, "d.db")

	first := startBinary(t, bin, dbPath)
	ids := questionIDs(t, first.url)
	answers := map[string]int{}
	for i, id := range ids {
		answers[id] = 1 + i%5
	}
	body, _ := json.Marshal(map[string]any{"answers": answers})

	// Stream submissions until well after the kill.
	var (
		mu       sync.Mutex
		saved    []string
		failures int
		wg       sync.WaitGroup
	)
	stop := make(chan struct{})
	client := &http.Client{Timeout: 10 * time.Second}
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				id, err := submit(client, first.url, body)
				mu.Lock()
				if err == nil {
					saved = append(saved, id)
				} else {
					failures++
				}
				mu.Unlock()
			}
		}()
	}
	count := func() int { mu.Lock(); defer mu.Unlock(); return len(saved) }
	began := time.Now()
	for time.Since(began) < 1500*time.Millisecond || (count() < 200 && time.Since(began) < 15*time.Second) {
		time.Sleep(20 * time.Millisecond)
	}
	if err := first.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err = first.wait(t)
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("first run ended with %v, want killed by SIGKILL", err)
	}
	time.Sleep(200 * time.Millisecond) // let the clients see the dead server
	close(stop)
	wg.Wait()
	mu.Lock()
	t.Logf("%d results acknowledged in %v; %d requests cut off or refused once the process was gone",
		len(saved), time.Since(began).Round(time.Millisecond), failures)
	mu.Unlock()
	if len(saved) == 0 {
		t.Fatalf("no submission succeeded before the kill; log:\n%s", first.logs.String())
	}
	if _, err := os.Stat(dbPath + "-wal"); err == nil {
		t.Log("the kill left a WAL to recover")
	}

	// Restart on the same file: every acknowledged result is there.
	second := startBinary(t, bin, dbPath)
	idc := make(chan string)
	var missing sync.Map
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range idc {
				res, err := client.Get(second.url + "/api/v1/assessments/" + id)
				if err != nil {
					missing.Store(id, err.Error())
					continue
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					missing.Store(id, res.Status)
				}
			}
		}()
	}
	for _, id := range saved {
		idc <- id
	}
	close(idc)
	wg.Wait()
	lost := 0
	missing.Range(func(id, why any) bool {
		if lost++; lost <= 5 {
			t.Errorf("acknowledged result %s after restart: %v, want 200", id, why)
		}
		return true
	})
	if lost > 0 {
		t.Errorf("%d of %d acknowledged results lost", lost, len(saved))
	}
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

// runningBinary is the app started as a child process.
type runningBinary struct {
	cmd  *exec.Cmd
	url  string
	logs *syncWriter
	done chan error
}

// startBinary runs `app serve` on a free loopback port over dbPath, with
// the submission limit off, and waits until it is ready.
func startBinary(t *testing.T, bin, dbPath string) *runningBinary {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	b := &runningBinary{url: "http://" + addr, logs: &syncWriter{}, done: make(chan error, 1)}
	b.cmd = exec.Command(bin, "serve", "--addr", addr, "--db", dbPath)
	b.cmd.Env = append(os.Environ(), "ROLEFIT_SUBMIT_RATE=0")
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
