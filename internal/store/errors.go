package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/mattn/go-sqlite3"
)

// IsUnavailable reports whether err means the database cannot serve the
// request right now (disk full, read-only or unreadable file, I/O error,
// lock not obtained in time; on PostgreSQL also a lost or refused
// connection, a server shutting down or out of resources), as opposed to a
// bug or bad input. The web layer answers these with 503.
func IsUnavailable(err error) bool {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrFull, sqlite3.ErrReadonly, sqlite3.ErrIoErr, sqlite3.ErrCantOpen,
			sqlite3.ErrBusy, sqlite3.ErrLocked, sqlite3.ErrPerm, sqlite3.ErrAuth, sqlite3.ErrNotADB, sqlite3.ErrCorrupt:
			return true
		}
		return false
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case strings.HasPrefix(pe.Code, "08"), // connection exception
			strings.HasPrefix(pe.Code, "53"),                           // insufficient resources: disk full, out of memory, too many connections
			strings.HasPrefix(pe.Code, "57"),                           // operator intervention: shutdown, cannot connect now
			strings.HasPrefix(pe.Code, "58"),                           // system error: I/O
			pe.Code == "25006",                                         // read-only transaction (a standby, or a read-only database)
			pe.Code == "40001", pe.Code == "40P01", pe.Code == "55P03": // serialization, deadlock, lock not available
			return true
		}
		return false
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	return errors.As(err, &ce) || errors.Is(err, driver.ErrBadConn) || pgconn.Timeout(err) ||
		(errors.As(err, &ne) && !errors.Is(err, context.Canceled))
}
