package server

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"

	"rolefit/data"
	"rolefit/internal/assessment"
	"rolefit/internal/catalog"
	"rolefit/internal/roles"
	"rolefit/internal/store"
)

// appSetup is what the robustness tests change about a test app beyond
// newTestAppWith's Config: the log's destination, and how the server
// opens its database.
type appSetup struct {
	cfg func(Config) Config
	// log receives the server's slog output as JSON lines; nil discards it.
	log io.Writer
	// reopen, when set, says how the server's handle is opened once the
	// file, migrated and synced by a plain Open, has been closed: it may
	// look at the file first (its size, say).
	reopen func(tb testing.TB, path string) store.Options
	// before runs on the plain handle before it is closed, e.g. to save a
	// result that a read-only server will serve.
	before func(tb testing.TB, db *store.DB)
	// extra are imported occupations to match beside the written roles.
	extra []roles.Occupation
	// edit, when set, changes the loaded catalog before it is stored and
	// served, e.g. to give roles working-condition tags.
	edit func(c *catalog.Catalog)
}

// newTestAppTB builds a testApp like newTestAppWith, but for any
// testing.TB (fuzz targets set up once per worker with a *testing.F) and
// with the extra choices of appSetup.
func newTestAppTB(tb testing.TB, o appSetup) *testApp {
	tb.Helper()
	ctx := context.Background()
	path := filepath.Join(tb.TempDir(), "test.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	cat, err := catalog.Load(data.FS)
	if err != nil {
		tb.Fatal(err)
	}
	if o.edit != nil {
		o.edit(cat)
	}
	if err := db.SyncCatalog(ctx, cat); err != nil {
		tb.Fatal(err)
	}
	key, err := db.SecretKey(ctx, "session_hash_key", 64)
	if err != nil {
		tb.Fatal(err)
	}
	if o.before != nil {
		o.before(tb, db)
	}
	if o.reopen != nil {
		if err := db.Close(); err != nil {
			tb.Fatal(err)
		}
		if db, err = store.OpenWith(ctx, path, o.reopen(tb, path)); err != nil {
			tb.Fatal(err)
		}
	}
	tb.Cleanup(func() { db.Close() })
	bank, err := assessment.LoadBank(data.FS, "questions.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	cfg := Config{SessionKeys: [][]byte{key}}
	if o.cfg != nil {
		cfg = o.cfg(cfg)
	}
	w := o.log
	if w == nil {
		w = io.Discard
	}
	srv, err := New(cfg, Deps{Log: slog.New(slog.NewJSONHandler(w, nil)), DB: db, Catalog: cat, Bank: bank, Extra: o.extra})
	if err != nil {
		tb.Fatal(err)
	}
	// The listener and header bound the app's own server uses (cmd/app).
	ts := httptest.NewUnstartedServer(srv.Handler())
	ts.Listener = srv.Listener(ts.Listener)
	ts.Config.MaxHeaderBytes = 64 << 10
	ts.Start()
	tb.Cleanup(ts.Close)
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &testApp{srv: srv, db: db, path: path, ts: ts, client: client}
}

// logBuffer collects a server's log while its handlers write to it.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
