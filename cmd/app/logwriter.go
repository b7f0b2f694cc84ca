package main

import (
	"bufio"
	"io"
	"sync"
	"time"
)

// logWriter buffers log output and flushes it every interval and on Close,
// so a busy server does not pay one write system call per access-log line.
// At most one interval of lines is lost if the process is killed.
type logWriter struct {
	mu   sync.Mutex
	w    *bufio.Writer
	stop chan struct{}
	done chan struct{}
}

func newLogWriter(w io.Writer, interval time.Duration) *logWriter {
	lw := &logWriter{w: bufio.NewWriterSize(w, 64<<10), stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(lw.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				lw.Flush()
			case <-lw.stop:
				return
			}
		}
	}()
	return lw
}

func (lw *logWriter) Write(p []byte) (int, error) {
	lw.mu.Lock()
	defer lw.mu.Unlock()
	return lw.w.Write(p)
}

// Flush writes out what is buffered.
func (lw *logWriter) Flush() {
	lw.mu.Lock()
	defer lw.mu.Unlock()
	_ = lw.w.Flush()
}

// Close stops the flusher and flushes the rest.
func (lw *logWriter) Close() {
	close(lw.stop)
	<-lw.done
	lw.Flush()
}
