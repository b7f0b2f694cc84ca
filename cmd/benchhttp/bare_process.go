package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// The bare server runs in a process of its own by default, as the app
// does: a server inside the load generator's process is spared the
// cross-process scheduling and wake-ups that any real server pays, which
// alone cost about 30% of requests per second here (measured with every
// middleware of the app switched off). -bare-inprocess keeps the old way.

// cannedFile is one captured response, as the bare child reads it.
type cannedFile struct {
	Method, Path, ContentType, ContentEncoding string
	Status                                     int
	Body                                       []byte
	Sized                                      bool
}

// startBareProcess writes the captures into dir and starts this program
// again as the bare server; it returns once the child is listening.
func startBareProcess(targets []*target, dir string) (*bareServer, error) {
	var files []cannedFile
	for _, t := range targets {
		if t.skip != "" || t.fail != "" {
			continue
		}
		files = append(files, cannedFile{Method: t.method, Path: t.path, ContentType: t.resp.contentType,
			ContentEncoding: t.resp.contentEncoding, Status: t.resp.status, Body: t.resp.body, Sized: t.resp.sized})
	}
	b, err := json.Marshal(files)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, "captures.json")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		return nil, err
	}
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(self, "-serve-bare", path) // #nosec G204 -- this program, re-run as the bare server
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "listening ") {
		_ = cmd.Process.Kill()
		return nil, fmt.Errorf("bare server did not start: %q %v", line, err)
	}
	bs := &bareServer{addr: strings.TrimSpace(strings.TrimPrefix(line, "listening ")), proc: cmd, done: make(chan error, 1)}
	go func() { bs.done <- cmd.Wait() }()
	return bs, nil
}

// serveBare is the child: it serves the captured responses until SIGTERM.
func serveBare(path string, stdout io.Writer) error {
	b, err := os.ReadFile(path) // #nosec G304 -- the file the parent just wrote
	if err != nil {
		return err
	}
	var files []cannedFile
	if err := json.Unmarshal(b, &files); err != nil {
		return err
	}
	var targets []*target
	for _, f := range files {
		targets = append(targets, &target{method: f.Method, path: f.Path,
			resp: canned{status: f.Status, contentType: f.ContentType, contentEncoding: f.ContentEncoding, body: f.Body, sized: f.Sized}})
	}
	bs, err := startBare(targets)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "listening %s\n", bs.addr)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	<-ctx.Done()
	return bs.stop()
}

// stopProcess ends a bare child.
func (b *bareServer) stopProcess() error {
	_ = b.proc.Process.Signal(syscall.SIGTERM)
	select {
	case <-b.done:
		return nil
	case <-time.After(5 * time.Second):
		return b.proc.Process.Kill()
	}
}
