package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"rolefit/internal/testref"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestHelpDocumentsEverything(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"--help"}, func(string) string { return "" }, &out, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"serve", "import", "--onet"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("help lacks %q", want)
		}
	}
	out.Reset()
	if err := run(context.Background(), []string{"serve", "--help"}, func(string) string { return "" }, &out, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"-addr", "ROLEFIT_ADDR", "-db", "ROLEFIT_DB", "-secure-cookies"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("serve help lacks %q", want)
		}
	}
}

// syncWriter lets the test read the log while the server writes it.
type syncWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// startServe runs serve in this process with env, waits for its
// "listening" log lines and returns each logged address by message.
func startServe(t *testing.T, env map[string]string) (addrs map[string]string, logs *syncWriter, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	logs = &syncWriter{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, func(k string) string { return env[k] }, logs, io.Discard) }()
	stop = func() error {
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(20 * time.Second):
			t.Fatal("serve did not stop")
			return nil
		}
	}
	deadline := time.Now().Add(90 * time.Second) // a hang guard: start-up takes some 10 s under the race detector, more on a busy machine
	for time.Now().Before(deadline) {
		addrs = map[string]string{}
		sc := bufio.NewScanner(strings.NewReader(logs.String()))
		for sc.Scan() {
			var line struct{ Msg, Addr string }
			if json.Unmarshal(sc.Bytes(), &line) == nil && line.Addr != "" {
				addrs[line.Msg] = line.Addr
			}
		}
		if addrs["listening"] != "" {
			return addrs, logs, stop
		}
		time.Sleep(20 * time.Millisecond)
	}
	_ = stop()
	t.Fatalf("server did not start; log:\n%s", logs.String())
	return nil, nil, nil
}

// TestServeStartsAndShutsDown runs the real binary's code path: env
// fallbacks, database creation with its folder, serving, and a graceful
// stop that lets an in-flight request finish.
func TestServeStartsAndShutsDown(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "nested", "app.db")
	addrs, logs, stop := startServe(t, map[string]string{"ROLEFIT_ADDR": "127.0.0.1:0", "ROLEFIT_DB": dbPath})
	addr := addrs["listening"]
	res, err := http.Get(addr + "/roles/back-end-web-developer")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !bytes.Contains(body, []byte("$91K")) {
		t.Fatalf("got %d, want the profile with $91K", res.StatusCode)
	}
	if _, err := os.Stat(dbPath); err != nil {
		t.Errorf("database file not created: %v", err)
	}
	if err := stop(); err != nil {
		t.Fatalf("serve returned %v, want nil after a signal", err)
	}
	if !strings.Contains(logs.String(), `"msg":"stopped"`) {
		t.Error("no clean stop logged")
	}
}

// TestMetricsOnTheirOwnAddress: with --metrics-addr, /metrics is served
// there and nowhere else, so it can stay off the public listener.
func TestMetricsOnTheirOwnAddress(t *testing.T) {
	addrs, _, stop := startServe(t, map[string]string{"ROLEFIT_ADDR": "127.0.0.1:0", "ROLEFIT_METRICS_ADDR": "127.0.0.1:0",
		"ROLEFIT_DB": filepath.Join(t.TempDir(), "m.db")})
	defer stop()
	get := func(url string) (int, string) { t.Helper(); return fetch(t, http.DefaultClient, url) }
	if code, _ := get(addrs["listening"] + "/healthz"); code != http.StatusOK {
		t.Fatalf("/healthz: got %d, want 200", code)
	}
	if code, _ := get(addrs["listening"] + "/metrics"); code != http.StatusNotFound {
		t.Errorf("/metrics on the main address: got %d, want 404", code)
	}
	code, body := get(addrs["metrics listening"] + "/metrics")
	if code != http.StatusOK || !strings.Contains(body, `rolefit_http_requests_total{method="GET",route="/healthz",status="200"} 1`) {
		t.Errorf("/metrics on the metrics address: got %d, want 200 counting the /healthz request:\n%.500s", code, body)
	}
}

// TestImportTwiceMakesEveryOccupationBrowsable imports the real reference
// release twice into one database and checks nothing is duplicated.
func TestImportTwiceMakesEveryOccupationBrowsable(t *testing.T) {
	ref := testref.Dir(t)
	dbPath := filepath.Join(t.TempDir(), "import.db")
	args := []string{"import", "--onet", filepath.Join(ref, "onet"), "--bls", filepath.Join(ref, "bls"), "--db", dbPath}
	var first, second bytes.Buffer
	if err := run(context.Background(), args, func(string) string { return "" }, &first, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := run(context.Background(), args, func(string) string { return "" }, &second, io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"read Skills.txt", "read national_M2024_dl.xlsx", "read Employment Projections.csv"} {
		if !strings.Contains(first.String(), want) {
			t.Errorf("no progress line %q", want)
		}
	}
	// Both runs report the same totals: nothing was duplicated.
	last := func(s string) string { l := strings.Split(strings.TrimSpace(s), "\n"); return l[len(l)-1] }
	total := regexpTotals(last(first.String()))
	if total == "" || total != regexpTotals(last(second.String())) {
		t.Fatalf("totals differ or missing:\n%s\n%s", last(first.String()), last(second.String()))
	}
	n, _ := strconv.Atoi(strings.Fields(total)[0])
	if n < 850 {
		t.Errorf("got %d occupations, want at least 850", n)
	}
}

// regexpTotals extracts "N occupations in the database, M from imports".
func regexpTotals(line string) string {
	i := strings.Index(line, "; ")
	j := strings.Index(line, " from imports")
	if i < 0 || j < i {
		return ""
	}
	return line[i+2 : j]
}
