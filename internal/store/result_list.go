package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
)

// ShortlistMax is how many roles a result's shortlist holds: few enough to
// compare side by side, and to decide between.
const ShortlistMax = 5

// ErrShortlistFull is returned when a star would take a shortlist past
// ShortlistMax; the shortlist is left as it was.
var ErrShortlistFull = errors.New("store: the shortlist is full")

// listColumn is a result column holding a JSON array of slugs.
type listColumn string

const (
	columnHidden    listColumn = "hidden"
	columnShortlist listColumn = "shortlist"
)

// SetShortlisted stars slug on a result's shortlist (star true) or takes
// it off. replace, when not empty, leaves the shortlist in the same step,
// so that a full shortlist can swap one role for another. Starring a sixth
// role fails with ErrShortlistFull and changes nothing; starring a role
// already there, or unstarring one that is not, changes nothing either.
func (s *DB) SetShortlisted(ctx context.Context, id, slug string, star bool, replace string) error {
	return s.editList(ctx, id, columnShortlist, func(list []string) ([]string, error) {
		if replace != "" && replace != slug {
			if i := slices.Index(list, replace); i >= 0 {
				list = slices.Delete(list, i, i+1)
			}
		}
		i := slices.Index(list, slug)
		switch {
		case star && i < 0 && len(list) >= ShortlistMax:
			return nil, ErrShortlistFull
		case star && i < 0:
			return append(list, slug), nil
		case !star && i >= 0:
			return slices.Delete(list, i, i+1), nil
		}
		return list, nil
	})
}

// editList rewrites one list column of a result: edit receives the list
// and returns the new one, or an error that leaves the row as it was. It
// is a read-modify-write, so on PostgreSQL the row is locked: two
// instances changing one list at once cannot lose either change (SQLite's
// transactions take the write lock at BEGIN already).
func (s *DB) editList(ctx context.Context, id string, col listColumn, edit func([]string) ([]string, error)) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: %s: %w", col, err)
	}
	defer tx.Rollback()
	lock := ""
	if s.pg {
		lock = " FOR UPDATE"
	}
	var raw string
	err = tx.QueryRowContext(ctx, `SELECT `+string(col)+` FROM results WHERE id = $1`+lock, id).Scan(&raw) // #nosec G202 -- col is a constant of this package
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("store: %s: %w", col, err)
	}
	var list []string
	if err := json.Unmarshal([]byte(raw), &list); err != nil {
		return fmt.Errorf("store: %s: %w", col, err)
	}
	before := slices.Clone(list)
	list, err = edit(list)
	if err != nil {
		return err
	}
	if slices.Equal(before, list) {
		return nil
	}
	if list == nil {
		list = []string{}
	}
	b, _ := json.Marshal(list)
	if _, err := tx.ExecContext(ctx, `UPDATE results SET `+string(col)+` = $1 WHERE id = $2`, string(b), id); err != nil { // #nosec G202 -- col is a constant of this package
		return fmt.Errorf("store: %s: %w", col, err)
	}
	return tx.Commit()
}
