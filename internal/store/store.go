// Package store owns Rolefit's database: opening it, its migrations, and
// every SQL statement the app runs. Two backends sit behind the one DB
// type: SQLite (a file, the default) and PostgreSQL (a postgres:// URL,
// through pgx), for several instances sharing one database. The SQL is
// hand-written once, with $n placeholders that both accept; the few
// places where the dialects differ ask s.pg. One file per entity.
package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

//go:embed migrations/*.sql migrations/postgres/*.sql
var migrationFS embed.FS

// ErrNotFound is returned when a looked-up row does not exist.
var ErrNotFound = errors.New("not found")

// DB is Rolefit's database handle.
type DB struct {
	db   *sql.DB
	path string // the SQLite file, or the PostgreSQL URL
	pg   bool   // PostgreSQL rather than SQLite
}

// Options are how a database is opened, beyond its path. The zero value is
// what Open uses: writable, created if missing, unbounded.
type Options struct {
	// MaxSizeMB bounds the database file, in MiB (0: no bound), so that a
	// flood of submissions cannot fill the disk: past it writes fail with
	// SQLITE_FULL, which the web layer answers with 503 while reads go on.
	// The WAL beside the file is not counted; a file already past the bound
	// stays readable and takes no new pages.
	MaxSizeMB int
	// ReadOnly opens the file with mode=ro, to serve a database that cannot
	// be written: every write fails with SQLITE_READONLY. Its migrations must
	// already be applied, and the file must exist.
	ReadOnly bool
	// Pool bounds the connections to PostgreSQL (SQLite sizes its own).
	Pool Pool
}

// Open opens the database at path, a SQLite file (created if needed, with
// its folder) or a postgres:// URL, and applies pending migrations.
func Open(ctx context.Context, path string) (*DB, error) {
	return OpenWith(ctx, path, Options{})
}

// OpenWith opens the database at path as o says: writable SQLite files are
// created if needed (with their folder) and migrated; read-only ones must
// exist and be migrated already. A postgres:// or postgresql:// URL opens
// PostgreSQL, where MaxSizeMB and ReadOnly do not apply (they are the
// database operator's quotas and grants there).
func OpenWith(ctx context.Context, path string, o Options) (*DB, error) {
	if o.MaxSizeMB < 0 {
		return nil, fmt.Errorf("store: max size %d MB: want 0 (no limit) or more", o.MaxSizeMB)
	}
	if IsPostgres(path) {
		if o.MaxSizeMB != 0 || o.ReadOnly {
			return nil, errors.New("store: a size bound and read-only mode apply to SQLite files only")
		}
		return openPostgres(ctx, path, o.Pool)
	}
	// WAL lets readers run beside the single writer; busy_timeout makes a
	// second writer wait instead of failing with "database is locked";
	// _txlock=immediate takes the write lock at BEGIN so two read-then-write
	// transactions cannot deadlock on upgrade. synchronous=NORMAL is durable
	// against a crashed process (the WAL is in the OS page cache), which is
	// the failure we test for.
	dsn := "file:" + path + "?_journal_mode=WAL&_foreign_keys=on&_busy_timeout=10000&_txlock=immediate&_synchronous=NORMAL"
	if o.ReadOnly {
		// No journal-mode change and no write lock at BEGIN: both would
		// need to write. The file keeps the WAL mode it was created with.
		dsn = "file:" + path + "?mode=ro&_foreign_keys=on&_busy_timeout=10000"
	} else if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("store: create folder: %w", err)
		}
	}
	// A connector of our own rather than a driver registered by name: the
	// hook needs this database's bound, and a registered driver is shared
	// by every database the process opens (and by every test).
	drv := &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error { return connPragmas(c, o) }}
	db := sql.OpenDB(connector{drv: drv, dsn: dsn})
	// The pool: reads run in parallel on WAL; writes serialise on SQLite's
	// lock (busy_timeout). A few connections cover two cores without piling
	// up writers.
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close() // the ping's error is the one worth reporting
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s := &DB{db: db, path: path}
	if o.ReadOnly {
		if err := s.Ping(ctx); err != nil {
			_ = db.Close()
			return nil, fmt.Errorf("store: open %s read-only: its migrations must already be applied (open it writable once): %w", path, err)
		}
		return s, nil
	}
	if err := s.migrate(ctx, db); err != nil {
		_ = db.Close()
		return nil, err
	}
	return s, nil
}

// nocase is an ORDER BY term sorting col case-insensitively, the same way
// on both backends (ASCII case folding, then bytes: PostgreSQL's sorted
// columns use the "C" collation).
func (s *DB) nocase(col string) string {
	if s.pg {
		return "lower(" + col + ")"
	}
	return col + " COLLATE NOCASE"
}

// IsPostgres reports whether dsn names a PostgreSQL database rather than a
// SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Redact returns dsn fit for a log: a PostgreSQL URL without its password.
func Redact(dsn string) string {
	if !IsPostgres(dsn) {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://(unparsable URL)"
	}
	return u.Redacted()
}

// connector opens connections through drv, whose hook sets each one up.
type connector struct {
	drv *sqlite3.SQLiteDriver
	dsn string
}

func (c connector) Connect(context.Context) (driver.Conn, error) { return c.drv.Open(c.dsn) }
func (c connector) Driver() driver.Driver                        { return c.drv }

// connPragmas runs the settings SQLite keeps per connection rather than in
// the file, on every connection the pool opens.
func connPragmas(c *sqlite3.SQLiteConn, o Options) error {
	if o.MaxSizeMB == 0 {
		return nil
	}
	pageSize, err := pragmaInt(c, "PRAGMA page_size")
	if err != nil || pageSize <= 0 {
		return fmt.Errorf("store: page size %d: %v", pageSize, err)
	}
	pages := int64(o.MaxSizeMB) << 20 / pageSize
	if _, err := pragmaInt(c, fmt.Sprintf("PRAGMA max_page_count = %d", pages)); err != nil {
		return fmt.Errorf("store: max_page_count: %w", err)
	}
	return nil
}

// pragmaInt runs a pragma that answers one integer.
func pragmaInt(c *sqlite3.SQLiteConn, q string) (int64, error) {
	rows, err := c.Query(q, nil)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	v := make([]driver.Value, 1)
	if err := rows.Next(v); err != nil {
		return 0, err
	}
	n, ok := v[0].(int64)
	if !ok {
		return 0, fmt.Errorf("%s: got %T, want an integer", q, v[0])
	}
	return n, nil
}

// Close closes the database.
func (s *DB) Close() error { return s.db.Close() }

// Ping reports whether the database answers a query and has every migration.
func (s *DB) Ping(ctx context.Context) error {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
		return err
	}
	want, err := migrationNames(s.pg)
	if err != nil {
		return err
	}
	if n != len(want) {
		return fmt.Errorf("store: %d of %d migrations applied", n, len(want))
	}
	return nil
}

// migrationNames lists a dialect's migration files in the order they apply.
// Both dialects have the same names: a test holds them to it.
func migrationNames(pg bool) ([]string, error) {
	pattern := "migrations/*.sql"
	if pg {
		pattern = "migrations/postgres/*.sql"
	}
	names, err := fs.Glob(migrationFS, pattern)
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	return names, nil
}

// querier is what migrations run on: the pool for SQLite, the one
// connection holding the advisory lock for PostgreSQL.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

// migrate applies, in file-name order, each embedded migration not yet
// recorded in schema_migrations, each in its own transaction.
func (s *DB) migrate(ctx context.Context, q querier) error {
	table := `CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL) STRICT`
	if s.pg {
		table = `CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`
	}
	if _, err := q.ExecContext(ctx, table); err != nil {
		return fmt.Errorf("store: migrations table: %w", err)
	}
	names, err := migrationNames(s.pg)
	if err != nil {
		return err
	}
	for _, name := range names {
		base := name[strings.LastIndexByte(name, '/')+1:]
		if err := s.applyMigration(ctx, q, name, base); err != nil {
			return fmt.Errorf("store: migration %s: %w", base, err)
		}
	}
	return nil
}

func (s *DB) applyMigration(ctx context.Context, q querier, name, base string) error {
	tx, err := q.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE name = $1`, base).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	body, err := migrationFS.ReadFile(name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(name, applied_at) VALUES ($1, $2)`,
		base, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	return tx.Commit()
}
