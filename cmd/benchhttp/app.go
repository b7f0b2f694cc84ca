package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// appProc is the app under test, running as a child process.
type appProc struct {
	cmd    *exec.Cmd
	addr   string        // host:port on 127.0.0.1
	log    string        // file holding its stdout and stderr
	exited chan struct{} // closed when the process has ended
	err    error         // its exit status, once exited is closed
}

// buildApp compiles ./cmd/app into dir and returns the binary's path.
func buildApp(ctx context.Context, dir string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute) // a cold cgo SQLite build is slow
	defer cancel()
	bin := filepath.Join(dir, "app")
	cmd := exec.CommandContext(ctx, "go", "build", "-tags", "sqlite_fts5", "-o", bin, "./cmd/app") // #nosec G204 -- runs the go tool with fixed arguments
	cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/app: %w\n%s", err, out)
	}
	return bin, nil
}

// freeAddr asks the kernel for a free port on 127.0.0.1. Another process
// could take it before the app binds it; on this machine that is unlikely.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// startApp starts bin serving db (a file, or a PostgreSQL URL), with rate
// limiting off, logging into dir.
func startApp(bin, dir, name, db string) (*appProc, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	logPath := filepath.Join(dir, name+".log")
	logf, err := os.Create(logPath) // #nosec G304 -- a log file in the benchmark's own temporary folder
	if err != nil {
		return nil, err
	}
	defer logf.Close()                                            // the child holds its own descriptor
	cmd := exec.Command(bin, "serve", "--addr", addr, "--db", db) // #nosec G204 -- runs the binary this benchmark just built
	cmd.Env = append(os.Environ(), "ROLEFIT_SUBMIT_RATE=0")
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	a := &appProc{cmd: cmd, addr: addr, log: logPath, exited: make(chan struct{})}
	go func() { a.err = cmd.Wait(); close(a.exited) }()
	return a, nil
}

// waitReady polls GET /readyz until it answers 200, the app exits, or
// timeout passes.
func (a *appProc) waitReady(ctx context.Context, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	client := &http.Client{Timeout: 2 * time.Second, Transport: &http.Transport{Proxy: nil}}
	defer client.CloseIdleConnections()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+a.addr+"/readyz", nil)
		if err != nil {
			return err
		}
		if resp, err := client.Do(req); err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-a.exited:
			return fmt.Errorf("app exited before it was ready (%v); its log ends:\n%s", a.err, a.logTail(20))
		case <-ctx.Done():
			return fmt.Errorf("app not ready on %s after %v; its log ends:\n%s", a.addr, timeout, a.logTail(20))
		case <-tick.C:
		}
	}
}

// stop sends SIGTERM and waits for the app to end, killing it after timeout.
func (a *appProc) stop(timeout time.Duration) error {
	select {
	case <-a.exited:
		return fmt.Errorf("app had already exited: %v", a.err)
	default:
	}
	if err := a.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	select {
	case <-a.exited:
		return a.err
	case <-time.After(timeout):
		_ = a.cmd.Process.Kill()
		<-a.exited
		return fmt.Errorf("app did not stop within %v of SIGTERM: killed", timeout)
	}
}

// logTail returns the last n lines of the app's log.
func (a *appProc) logTail(n int) string {
	b, err := os.ReadFile(a.log)
	if err != nil {
		return err.Error()
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// memory is a process's resident set now and at its peak, in kB.
type memory struct{ RSS, HWM int }

// readMemory reads VmRSS and VmHWM from /proc/<pid>/status.
func readMemory(pid int) (memory, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return memory{}, err
	}
	return parseStatus(b)
}

// parseStatus picks VmRSS and VmHWM ("VmRSS:\t  12345 kB") out of a
// /proc/<pid>/status file.
func parseStatus(b []byte) (memory, error) {
	var m memory
	var seen int
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		key, val, ok := strings.Cut(sc.Text(), ":")
		if !ok || (key != "VmRSS" && key != "VmHWM") {
			continue
		}
		num, ok := strings.CutSuffix(strings.TrimSpace(val), " kB")
		if !ok {
			return m, fmt.Errorf("%s: unexpected value %q", key, val)
		}
		kb, err := strconv.Atoi(strings.TrimSpace(num))
		if err != nil {
			return m, fmt.Errorf("%s: %w", key, err)
		}
		if key == "VmRSS" {
			m.RSS = kb
		} else {
			m.HWM = kb
		}
		seen++
	}
	if seen < 2 {
		return m, errors.New("VmRSS or VmHWM missing from /proc status")
	}
	return m, sc.Err()
}

// mb converts kB to MB.
func mb(kb int) float64 { return float64(kb) / 1024 }

// clockTicks is Linux's USER_HZ, the unit of /proc/<pid>/stat's CPU times.
const clockTicks = 100

// readCPU returns the CPU time (user and system) pid has used so far.
func readCPU(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	return parseStat(b)
}

// parseStat picks utime and stime, fields 14 and 15, out of a
// /proc/<pid>/stat line; the command name (field 2) may hold spaces, so
// fields are counted after its closing parenthesis.
func parseStat(b []byte) (time.Duration, error) {
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, errors.New("/proc stat: no command name")
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0, errors.New("/proc stat: too few fields")
	}
	var ticks int64
	for _, s := range f[11:13] { // fields 14 and 15 of the whole line
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("/proc stat: %w", err)
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / clockTicks, nil
}
