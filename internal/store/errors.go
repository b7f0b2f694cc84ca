package store

import (
	"errors"

	"github.com/mattn/go-sqlite3"
)

// IsUnavailable reports whether err means the database cannot serve the
// request right now (disk full, read-only or unreadable file, I/O error,
// lock not obtained in time), as opposed to a bug or bad input.
// The web layer answers these with 503.
func IsUnavailable(err error) bool {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrFull, sqlite3.ErrReadonly, sqlite3.ErrIoErr, sqlite3.ErrCantOpen,
			sqlite3.ErrBusy, sqlite3.ErrLocked, sqlite3.ErrPerm, sqlite3.ErrAuth, sqlite3.ErrNotADB, sqlite3.ErrCorrupt:
			return true
		}
	}
	return false
}
