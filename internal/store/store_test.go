package store

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"rolefit/data"
	"rolefit/internal/catalog"
	"rolefit/internal/pgtest"
)

// TestMain starts one throwaway PostgreSQL cluster for the package: the
// suite runs on both backends (see backends).
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// backends runs test once on a fresh SQLite file and once on a fresh
// PostgreSQL database: the same suite holds both backends to the same
// behaviour. The PostgreSQL half skips without server binaries (and fails
// in CI).
func backends(t *testing.T, test func(t *testing.T, db *DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		db, _ := openTest(t)
		test(t, db)
	})
	t.Run("postgres", func(t *testing.T) {
		db := openPostgresTest(t)
		test(t, db)
	})
}

// openPostgresTest opens a fresh, migrated PostgreSQL database.
func openPostgresTest(t *testing.T) *DB {
	t.Helper()
	dsn := pgtest.Database(t)
	db, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func openTest(t *testing.T) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sub", "rolefit.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

func count(t *testing.T, db *DB, table string) int {
	t.Helper()
	var n int
	if err := db.db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestOpenSetsPragmasAndMigrates(t *testing.T) {
	db, path := openTest(t)
	var mode string
	var fk, timeout int
	if err := db.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode: got %q (%v), want wal", mode, err)
	}
	if err := db.db.QueryRow(`PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign_keys: got %d (%v), want 1", fk, err)
	}
	if err := db.db.QueryRow(`PRAGMA busy_timeout`).Scan(&timeout); err != nil || timeout < 1000 {
		t.Errorf("busy_timeout: got %d (%v), want ≥ 1000", timeout, err)
	}
	if err := db.Ping(context.Background()); err != nil {
		t.Errorf("Ping: %v", err)
	}
	names, _ := migrationNames(false)
	if got := count(t, db, "schema_migrations"); got != len(names) {
		t.Errorf("got %d migrations recorded, want %d", got, len(names))
	}
	db.Close()
	// Reopening applies nothing twice.
	db2, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if got := count(t, db2, "schema_migrations"); got != len(names) {
		t.Errorf("after reopen: got %d migrations recorded, want %d", got, len(names))
	}
}

func TestSyncCatalogIsIdempotentAndUpdates(t *testing.T) { backends(t, testSyncCatalog) }

func testSyncCatalog(t *testing.T, db *DB) {
	ctx := context.Background()
	cat, err := catalog.Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		if err := db.SyncCatalog(ctx, cat); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := count(t, db, "roles"), len(cat.Roles); got != want {
		t.Errorf("roles after two syncs: got %d, want %d", got, want)
	}
	if got, want := count(t, db, "categories"), len(cat.Categories); got != want {
		t.Errorf("categories: got %d, want %d", got, want)
	}

	// An edited role updates in place; a removed one disappears.
	edited := *cat
	edited.Roles = append(edited.Roles[:0:0], cat.Roles...)
	for i := range edited.Roles {
		if edited.Roles[i].Slug == "back-end-web-developer" {
			edited.Roles[i].Title = "Backend Engineer"
		}
	}
	removed := edited.Roles[0].Slug
	edited.Roles = edited.Roles[1:]
	if err := db.SyncCatalog(ctx, &edited); err != nil {
		t.Fatal(err)
	}
	p, err := db.Role(ctx, "back-end-web-developer")
	if err != nil {
		t.Fatal(err)
	}
	if p.Role.Title != "Backend Engineer" {
		t.Errorf("got title %q after edit, want Backend Engineer", p.Role.Title)
	}
	if _, err := db.Role(ctx, removed); err != ErrNotFound {
		t.Errorf("removed role %s: got %v, want ErrNotFound", removed, err)
	}
	if got, want := count(t, db, "roles"), len(edited.Roles); got != want {
		t.Errorf("roles after edit: got %d, want %d", got, want)
	}
}

func TestSecretKeyIsKept(t *testing.T) { backends(t, testSecretKey) }

func testSecretKey(t *testing.T, db *DB) {
	ctx := context.Background()
	a, err := db.SecretKey(ctx, "k", 32)
	if err != nil {
		t.Fatal(err)
	}
	b, err := db.SecretKey(ctx, "k", 32)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != 32 || !bytes.Equal(a, b) {
		t.Errorf("got keys %x and %x, want the same 32 bytes", a, b)
	}
	c, _ := db.SecretKey(ctx, "other", 32)
	if bytes.Equal(a, c) {
		t.Error("two names share a key")
	}
}

func TestPingFailsWhileMigrationsArePending(t *testing.T) { backends(t, testPingPending) }

func testPingPending(t *testing.T, db *DB) {
	if err := db.Ping(context.Background()); err != nil {
		t.Fatalf("fully migrated: %v", err)
	}
	if _, err := db.db.Exec(`DELETE FROM schema_migrations WHERE name = (SELECT max(name) FROM schema_migrations)`); err != nil {
		t.Fatal(err)
	}
	if err := db.Ping(context.Background()); err == nil {
		t.Error("Ping reports ready with a migration missing")
	}
}
