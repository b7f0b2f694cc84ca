package main

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os/exec"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
)

// canned is a response captured from the app, replayed from memory.
type canned struct {
	status          int
	contentType     string
	contentEncoding string // "gzip" with -gzip, else empty
	body            []byte
	sized           bool // the bare server sends Content-Length too (-bare-length)
}

// bareServer is the baseline: a plain echo.New() with no middleware that
// answers each target with the app's captured bytes.
type bareServer struct {
	addr string
	hs   *http.Server // in this process, or
	proc *exec.Cmd    // a child process (see bare_process.go)
	done chan error
}

// startBare serves every target that has a captured response. POST handlers
// drain the request body (without decoding it) so that keep-alive works as
// it does against the app.
func startBare(targets []*target) (*bareServer, error) {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	for _, t := range targets {
		if t.skip != "" {
			continue
		}
		r := t.resp
		e.Add(t.method, t.path, func(c echo.Context) error {
			if c.Request().Body != nil {
				_, _ = io.Copy(io.Discard, c.Request().Body)
			}
			if r.contentEncoding != "" {
				c.Response().Header().Set(echo.HeaderContentEncoding, r.contentEncoding)
			}
			if r.sized {
				c.Response().Header().Set(echo.HeaderContentLength, strconv.Itoa(len(r.body)))
			}
			return c.Blob(r.status, r.contentType, r.body)
		})
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	// The same timeouts as the app's server, so neither side gets an edge there.
	hs := &http.Server{Handler: e, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 15 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 120 * time.Second, MaxHeaderBytes: 64 << 10}
	b := &bareServer{addr: ln.Addr().String(), hs: hs, done: make(chan error, 1)}
	go func() { b.done <- hs.Serve(ln) }()
	return b, nil
}

// stop shuts the bare server down.
func (b *bareServer) stop() error {
	if b.proc != nil {
		return b.stopProcess()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := b.hs.Shutdown(ctx); err != nil {
		return err
	}
	if err := <-b.done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// pid is the bare server's process id, or 0 when it runs in this process
// (its CPU time then cannot be told from the load generator's).
func (b *bareServer) pid() int {
	if b.proc == nil {
		return 0
	}
	return b.proc.Process.Pid
}
