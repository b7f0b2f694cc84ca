package e2e

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"rolefit/data"
	"rolefit/internal/assessment"
	"rolefit/internal/catalog"
	"rolefit/internal/server"
	"rolefit/internal/store"
)

// app is the running app, wired as cmd/app wires it, over a fresh SQLite
// file, on a loopback port.
type app struct {
	url   string
	logs  *lockedBuffer // what the server logged at warning level and above
	close func()
}

// startApp starts the app with its database in dir.
func startApp(dir string) (_ *app, err error) {
	ctx := context.Background()
	start := time.Now()
	db, err := store.Open(ctx, filepath.Join(dir, "e2e.db"))
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			db.Close()
		}
	}()
	cat, err := catalog.Load(data.FS)
	if err != nil {
		return nil, err
	}
	if err := db.SyncCatalog(ctx, cat); err != nil {
		return nil, err
	}
	key, err := db.SecretKey(ctx, "session_hash_key", 64)
	if err != nil {
		return nil, err
	}
	bank, err := assessment.LoadBank(data.FS, "questions.yaml")
	if err != nil {
		return nil, err
	}
	extra, err := db.AllOccupations(ctx)
	if err != nil {
		return nil, err
	}
	logs := &lockedBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv, err := server.New(server.Config{SessionKeys: [][]byte{key}},
		server.Deps{Log: log, DB: db, Catalog: cat, Bank: bank, Extra: extra})
	if err != nil {
		return nil, err
	}
	ts := httptest.NewServer(srv.Handler()) // listens on 127.0.0.1
	if testing.Verbose() {
		fmt.Printf("e2e: app started at %s in %s\n", ts.URL, time.Since(start).Round(time.Millisecond))
	}
	return &app{url: ts.URL, logs: logs, close: func() { ts.Close(); db.Close() }}, nil
}

// lockedBuffer is a bytes.Buffer that the server's goroutines can share.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// since is what was written after the first n bytes, and the length now.
func (b *lockedBuffer) since(n int) (string, int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf.Bytes()[n:]), b.buf.Len()
}
