package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// Pool bounds the connections one instance opens to PostgreSQL. Every
// instance has its own pool, so MaxConns times the number of instances
// must stay under the server's max_connections.
type Pool struct {
	MaxConns        int           // open connections at most (default 10)
	MaxIdleConns    int           // kept open while idle (default MaxConns)
	ConnMaxLifetime time.Duration // recycled after this long (default 30 min), so failovers and config reloads reach every connection
	ConnMaxIdleTime time.Duration // closed after this long unused (default 5 min)
}

func (p Pool) withDefaults() Pool {
	if p.MaxConns <= 0 {
		p.MaxConns = 10
	}
	if p.MaxIdleConns <= 0 || p.MaxIdleConns > p.MaxConns {
		p.MaxIdleConns = p.MaxConns
	}
	if p.ConnMaxLifetime <= 0 {
		p.ConnMaxLifetime = 30 * time.Minute
	}
	if p.ConnMaxIdleTime <= 0 {
		p.ConnMaxIdleTime = 5 * time.Minute
	}
	return p
}

// lockKey is the advisory lock that serialises schema changes and catalog
// writes between instances starting at once: a constant of this app
// ("rolefit" in ASCII), so other users of the database are not blocked.
const lockKey int64 = 0x726f6c65666974

// openPostgres connects through pgx's database/sql driver, applies pending
// migrations under the advisory lock, and returns the handle.
func openPostgres(ctx context.Context, dsn string, pool Pool) (*DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store: postgres URL: %w", err)
	}
	// The statement cache (pgx's default) prepares each statement once per
	// connection: the app runs a few dozen distinct statements, over and over.
	db := stdlib.OpenDB(*cfg)
	p := pool.withDefaults()
	db.SetMaxOpenConns(p.MaxConns)
	db.SetMaxIdleConns(p.MaxIdleConns)
	db.SetConnMaxLifetime(p.ConnMaxLifetime)
	db.SetConnMaxIdleTime(p.ConnMaxIdleTime)
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("store: open %s: %w", Redact(dsn), err)
	}
	s := &DB{db: db, path: dsn, pg: true}
	if err := s.migratePostgres(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	return s, nil
}

// migratePostgres applies migrations while holding the advisory lock on one
// connection: a second instance starting at the same moment waits, then
// finds everything applied.
func (s *DB) migratePostgres(ctx context.Context) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, lockKey); err != nil {
		return fmt.Errorf("store: migration lock: %w", err)
	}
	err = s.migrate(ctx, conn)
	// Unlock even when ctx has ended; a connection lost meanwhile has
	// released the lock with its session.
	if _, uerr := conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, lockKey); uerr != nil && err == nil {
		err = fmt.Errorf("store: migration unlock: %w", uerr)
	}
	return err
}

// lockCatalog makes tx wait for any other instance's catalog write (a sync
// at start-up, an import) to commit first; SQLite's write lock does that
// already. Two syncs at once would otherwise interleave their upserts and
// deletes.
func (s *DB) lockCatalog(ctx context.Context, tx *sql.Tx) error {
	if !s.pg {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, lockKey); err != nil {
		return fmt.Errorf("store: catalog lock: %w", err)
	}
	return nil
}
