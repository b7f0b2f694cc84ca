package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mattn/go-sqlite3"
)

var threeAnswers = map[string]int{"q01": 3, "q02": 4, "q03": 5}

// fillUntilFull saves results until a write fails, and returns that error.
func fillUntilFull(t *testing.T, db *DB) error {
	t.Helper()
	for i := 0; i < 200000; i++ {
		if _, err := db.CreateResult(context.Background(), time.Now(), threeAnswers, 0); err != nil {
			return err
		}
	}
	t.Fatal("200000 results saved under a size bound: the bound is not applied")
	return nil
}

func TestMaxSizeBoundsEveryConnection(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "bounded.db")
	db, err := OpenWith(ctx, path, Options{MaxSizeMB: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	// Hold several connections at once so the pool must open new ones;
	// each must carry the bound, which SQLite keeps per connection.
	var conns []*sql.Conn
	for i := 0; i < 4; i++ {
		c, err := db.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for i, c := range conns {
		var pageSize, maxPages int64
		if err := c.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&pageSize); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(ctx, `PRAGMA max_page_count`).Scan(&maxPages); err != nil {
			t.Fatal(err)
		}
		if got, want := maxPages*pageSize, int64(1<<20); got != want {
			t.Errorf("connection %d: got max_page_count×page_size %d, want %d", i, got, want)
		}
		c.Close()
	}

	err = fillUntilFull(t, db)
	var se sqlite3.Error
	if !errors.As(err, &se) || se.Code != sqlite3.ErrFull {
		t.Fatalf("got %v, want SQLITE_FULL", err)
	}
	if !IsUnavailable(err) {
		t.Errorf("IsUnavailable(%v) = false, want true", err)
	}
	if n := count(t, db, "results"); n == 0 {
		t.Error("nothing was saved before the bound")
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() > 1<<20 {
		t.Errorf("database file is %d bytes, want at most %d", fi.Size(), 1<<20)
	}
	// Reads go on once full.
	if err := db.Ping(ctx); err != nil {
		t.Errorf("Ping on a full database: %v", err)
	}
}

func TestOpenWithRejectsNegativeSize(t *testing.T) {
	_, err := OpenWith(context.Background(), filepath.Join(t.TempDir(), "x.db"), Options{MaxSizeMB: -1})
	if err == nil {
		t.Fatal("got no error for MaxSizeMB -1")
	}
}

func TestReadOnlyServesReadsAndRefusesWrites(t *testing.T) {
	ctx := context.Background()
	db, path := openTest(t)
	id, err := db.CreateResult(ctx, time.Now(), threeAnswers, 0)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	ro, err := OpenWith(ctx, path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	r, err := ro.Result(ctx, id)
	if err != nil {
		t.Fatalf("reading a result read-only: %v", err)
	}
	if r.Answers["q02"] != 4 {
		t.Errorf("got answers %v, want q02 = 4", r.Answers)
	}
	writes := map[string]func() error{
		"CreateResult":   func() error { _, err := ro.CreateResult(ctx, time.Now(), threeAnswers, 0); return err },
		"SetHidden":      func() error { return ro.SetHidden(ctx, id, "chef", true) },
		"SetShortlisted": func() error { return ro.SetShortlisted(ctx, id, "chef", true, "") },
		"SecretKey":      func() error { _, err := ro.SecretKey(ctx, "new", 32); return err },
		"DeleteResult":   func() error { return ro.DeleteResult(ctx, id) },
	}
	for name, write := range writes {
		err := write()
		if err == nil {
			t.Errorf("%s on a read-only database: got no error", name)
			continue
		}
		if !IsUnavailable(err) {
			t.Errorf("%s: IsUnavailable(%v) = false, want true", name, err)
		}
	}
}

func TestReadOnlyNeedsMigratedFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := OpenWith(ctx, filepath.Join(dir, "missing.db"), Options{ReadOnly: true}); err == nil {
		t.Error("read-only open of a missing file: got no error")
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.db")); err == nil {
		t.Error("read-only open created the file")
	}

	// A file from before the results migration.
	path := filepath.Join(dir, "old.db")
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL) STRICT;
		INSERT INTO schema_migrations VALUES ('001_catalog.sql', '2024-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	_, err = OpenWith(ctx, path, Options{ReadOnly: true})
	if err == nil || !strings.Contains(err.Error(), "migrations") {
		t.Errorf("read-only open of an unmigrated file: got %v, want an error about migrations", err)
	}
}
