package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"rolefit/data"
	"rolefit/internal/assessment"
	"rolefit/internal/catalog"
	"rolefit/internal/roles"
	"rolefit/internal/search"
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
	var cat *catalog.Catalog
	if o.edit == nil {
		// The embedded catalog, loaded and stored once per test binary:
		// under the race detector loading it takes 3 s and storing it
		// 0.8 s, which some ninety tests paid each.
		cat = sharedCatalog(tb)
		copyFile(tb, sharedDBFile(tb), path)
	} else {
		c, err := catalog.Load(data.FS)
		if err != nil {
			tb.Fatal(err)
		}
		cat = c
		o.edit(cat)
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	if o.edit != nil {
		if err := db.SyncCatalog(ctx, cat); err != nil {
			tb.Fatal(err)
		}
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

func TestMain(m *testing.M) {
	buildSearchIndex = memoizedSearchIndex()
	code := m.Run()
	if shared.dbPath != "" {
		os.RemoveAll(filepath.Dir(shared.dbPath))
	}
	os.Exit(code)
}

var shared struct {
	catOnce sync.Once
	cat     *catalog.Catalog
	catErr  error
	dbOnce  sync.Once
	dbPath  string
	dbErr   error
}

// sharedCatalog is the embedded catalog, loaded once. Nothing the server
// does changes a catalog (matching and search copy what they sort), so the
// tests that do not edit it share one.
func sharedCatalog(tb testing.TB) *catalog.Catalog {
	tb.Helper()
	shared.catOnce.Do(func() { shared.cat, shared.catErr = catalog.Load(data.FS) })
	if shared.catErr != nil {
		tb.Fatal(shared.catErr)
	}
	return shared.cat
}

// sharedDBFile is a SQLite file migrated and holding the shared catalog,
// made once and closed (so that it is whole without its WAL) for each test
// to copy: a test's database starts as a fresh Open and SyncCatalog leave it.
func sharedDBFile(tb testing.TB) string {
	tb.Helper()
	cat := sharedCatalog(tb)
	shared.dbOnce.Do(func() {
		dir, err := os.MkdirTemp("", "rolefit-server-test-")
		if err != nil {
			shared.dbErr = err
			return
		}
		path := filepath.Join(dir, "template.db")
		ctx := context.Background()
		db, err := store.Open(ctx, path)
		if err != nil {
			shared.dbErr = err
			return
		}
		if err := db.SyncCatalog(ctx, cat); err != nil {
			db.Close()
			shared.dbErr = err
			return
		}
		if shared.dbErr = db.Close(); shared.dbErr != nil {
			return
		}
		// A copy of the file alone must be the whole database.
		if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
			shared.dbErr = fmt.Errorf("template database: %d bytes left in its WAL after Close", fi.Size())
			return
		}
		shared.dbPath = path
	})
	if shared.dbErr != nil {
		tb.Fatal(shared.dbErr)
	}
	return shared.dbPath
}

func copyFile(tb testing.TB, from, to string) {
	tb.Helper()
	b, err := os.ReadFile(from) // #nosec G304 -- a test's own temporary file
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		tb.Fatal(err)
	}
}

// memoizedSearchIndex returns search.New, remembering the index of each set
// of documents it was given (an index is never changed once built) by a
// digest of their JSON encoding.
func memoizedSearchIndex() func([]search.Doc) *search.Index {
	var mu sync.Mutex
	built := map[[sha256.Size]byte]*search.Index{}
	return func(docs []search.Doc) *search.Index {
		b, err := json.Marshal(docs)
		if err != nil {
			panic(err)
		}
		key := sha256.Sum256(b)
		mu.Lock()
		defer mu.Unlock()
		if ix, ok := built[key]; ok {
			return ix
		}
		ix := search.New(docs)
		built[key] = ix
		return ix
	}
}
