package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"rolefit/internal/roles"
)

// ImportOccupations writes a full release's occupations in one transaction:
// a failure leaves the database as it was, and a re-run updates rows in
// place. Occupations no hand-written role uses become browsable and
// searchable as data-only profiles; the catalog version tells every
// instance to rebuild its search index.
func (s *DB) ImportOccupations(ctx context.Context, occs []roles.Occupation) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: import: %w", err)
	}
	defer tx.Rollback()
	if err := s.lockCatalog(ctx, tx); err != nil {
		return err
	}
	for _, o := range occs {
		if err := upsertOccupation(ctx, tx, o); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE occupations SET imported = 1 WHERE onet_code = $1`, o.ONetCode); err != nil {
			return fmt.Errorf("store: import %s: %w", o.ONetCode, err)
		}
	}
	if err := bumpCatalogVersion(ctx, tx); err != nil {
		return err
	}
	return tx.Commit()
}

// OccupationPage is a data-only occupation profile.
type OccupationPage struct {
	Occupation roles.Occupation
	Roles      []RoleLink // hand-written roles within this occupation
	Related    []OccupationLink
}

// OccupationLink points at a role when one exists, else at the occupation.
type OccupationLink struct {
	Href, Title string
	Code        string // the O*NET-SOC code, in DataOnlyOccupations' links
}

// Occupation returns one occupation with its roles and related occupations.
func (s *DB) Occupation(ctx context.Context, code string) (*OccupationPage, error) {
	var p OccupationPage
	var data, desc string
	err := s.db.QueryRowContext(ctx, `SELECT data, description FROM occupations WHERE onet_code = $1`, code).Scan(&data, &desc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: occupation %s: %w", code, err)
	}
	if err := json.Unmarshal([]byte(data), &p.Occupation); err != nil {
		return nil, fmt.Errorf("store: occupation %s: %w", code, err)
	}
	p.Occupation.Description = desc
	rows, err := s.db.QueryContext(ctx, `SELECT slug, title FROM roles WHERE onet_code = $1 ORDER BY title`, code)
	if err != nil {
		return nil, fmt.Errorf("store: occupation %s roles: %w", code, err)
	}
	for rows.Next() {
		var l RoleLink
		if err := rows.Scan(&l.Slug, &l.Title); err != nil {
			_ = rows.Close()
			return nil, err
		}
		p.Roles = append(p.Roles, l)
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("store: occupation %s roles: %w", code, err)
	}
	for _, rc := range p.Occupation.Related {
		var slug, rtitle, otitle sql.NullString
		err := s.db.QueryRowContext(ctx, `SELECT (SELECT slug FROM roles WHERE onet_code = o.onet_code ORDER BY slug LIMIT 1),
			(SELECT title FROM roles WHERE onet_code = o.onet_code ORDER BY slug LIMIT 1), o.title
			FROM occupations o WHERE o.onet_code = $1`, rc).Scan(&slug, &rtitle, &otitle)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("store: occupation %s related: %w", code, err)
		}
		if slug.Valid {
			p.Related = append(p.Related, OccupationLink{Href: "/roles/" + slug.String, Title: rtitle.String})
		} else {
			p.Related = append(p.Related, OccupationLink{Href: "/occupations/" + rc, Title: otitle.String})
		}
	}
	return &p, nil
}

// DataOnlyOccupations lists imported occupations that no role covers and
// whose code keep accepts, by title.
func (s *DB) DataOnlyOccupations(ctx context.Context, keep func(code string) bool) ([]OccupationLink, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT onet_code, title FROM occupations o
		WHERE imported = 1 AND NOT EXISTS (SELECT 1 FROM roles r WHERE r.onet_code = o.onet_code)
		ORDER BY `+s.nocase("title")) // #nosec G202 -- a constant of this package
	if err != nil {
		return nil, fmt.Errorf("store: data-only occupations: %w", err)
	}
	defer rows.Close()
	var out []OccupationLink
	for rows.Next() {
		var code, title string
		if err := rows.Scan(&code, &title); err != nil {
			return nil, err
		}
		if keep(code) {
			out = append(out, OccupationLink{Href: "/occupations/" + code, Title: title, Code: code})
		}
	}
	return out, rows.Err()
}

// AllOccupations returns every occupation in the database (catalog and
// imported), for building match profiles.
func (s *DB) AllOccupations(ctx context.Context) ([]roles.Occupation, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT data, imported FROM occupations ORDER BY onet_code`)
	if err != nil {
		return nil, fmt.Errorf("store: occupations: %w", err)
	}
	defer rows.Close()
	var out []roles.Occupation
	for rows.Next() {
		var data string
		var imported int
		if err := rows.Scan(&data, &imported); err != nil {
			return nil, err
		}
		var o roles.Occupation
		if err := json.Unmarshal([]byte(data), &o); err != nil {
			return nil, fmt.Errorf("store: occupations: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// CountOccupations returns how many occupations are stored and how many of
// them came from an import.
func (s *DB) CountOccupations(ctx context.Context) (total, imported int, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT count(*), COALESCE(sum(imported), 0) FROM occupations`).Scan(&total, &imported)
	return total, imported, err
}
