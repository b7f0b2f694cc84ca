package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode"
)

// SearchHit is one ranked search result.
type SearchHit struct {
	Kind    string // "role" or "occupation"
	Key     string // slug or O*NET-SOC code
	Title   string
	Summary string
}

// Search limits.
const (
	MaxQueryTerms = 8
	MaxQueryLen   = 200
)

// normWords splits s into lower-case words of letters and digits.
func normWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// indexText returns the words of s plus every adjacent pair joined, so that
// "Back-End" and "Back End" are both found by "backend", and "backend" in
// an alternate title is found by "back end" through the query side.
func indexText(parts ...string) string {
	var out []string
	for _, p := range parts {
		w := normWords(p)
		out = append(out, w...)
		for i := 0; i+1 < len(w); i++ {
			out = append(out, w[i]+w[i+1])
		}
	}
	return strings.Join(out, " ")
}

// matchExpr turns what a person typed into an FTS5 query: every word as a
// prefix, OR the words run together (so "back end" finds "backend"). It
// returns "" when nothing searchable is left.
func matchExpr(q string) string {
	if len(q) > MaxQueryLen {
		q = q[:MaxQueryLen]
	}
	w := normWords(q)
	if len(w) > MaxQueryTerms {
		w = w[:MaxQueryTerms]
	}
	if len(w) == 0 {
		return ""
	}
	terms := make([]string, len(w))
	for i, t := range w {
		terms[i] = `"` + t + `"*` // quoted: words are letters and digits only
	}
	expr := "(" + strings.Join(terms, " AND ") + ")"
	if len(w) > 1 {
		expr += ` OR "` + strings.Join(w, "") + `"*`
		for i := 0; i+1 < len(w); i++ { // "api back end" → api AND backend
			var alt []string
			for j := 0; j < len(w); j++ {
				if j == i {
					alt = append(alt, `"`+w[j]+w[j+1]+`"*`)
					j++
					continue
				}
				alt = append(alt, `"`+w[j]+`"*`)
			}
			if len(alt) > 1 {
				expr += " OR (" + strings.Join(alt, " AND ") + ")"
			}
		}
	}
	return expr
}

// Search returns up to limit roles and occupations matching q, best first.
// Hand-written roles rank ahead of data-only occupations of equal relevance.
func (s *DB) Search(ctx context.Context, q string, limit int) ([]SearchHit, error) {
	if s.pg {
		return s.searchPostgres(ctx, q, limit)
	}
	expr := matchExpr(q)
	if expr == "" {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT s.kind, s.key,
			COALESCE(r.title, o.title), COALESCE(r.summary, '')
		FROM search s
		LEFT JOIN roles r ON s.kind = 'role' AND r.slug = s.key
		LEFT JOIN occupations o ON s.kind = 'occupation' AND o.onet_code = s.key
		WHERE search MATCH $1
		ORDER BY bm25(search, 0, 0, 12.0, 6.0, 1.0) * CASE s.kind WHEN 'role' THEN 1.5 ELSE 1.0 END, 3
		LIMIT $2`, expr, limit)
	return searchHits(rows, err)
}

// reindex rebuilds the rows of kind in SQLite's FTS5 index inside tx.
// PostgreSQL has no such index (see searchPostgres).
func (s *DB) reindex(ctx context.Context, tx *sql.Tx, kind string, docs []searchDoc) error {
	if s.pg {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM search WHERE kind = $1`, kind); err != nil {
		return fmt.Errorf("store: search index: %w", err)
	}
	return insertDocs(ctx, tx, kind, docs)
}

type searchDoc struct {
	key, title, alt, summary string
}

func insertDocs(ctx context.Context, tx *sql.Tx, kind string, docs []searchDoc) error {
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO search(kind, key, title, alt_titles, summary) VALUES ($1, $2, $3, $4, $5)`)
	if err != nil {
		return fmt.Errorf("store: search index: %w", err)
	}
	defer stmt.Close()
	for _, d := range docs {
		if _, err := stmt.ExecContext(ctx, kind, d.key, indexText(d.title), indexText(strings.Split(d.alt, " | ")...), indexText(d.summary)); err != nil {
			return fmt.Errorf("store: search index %s: %w", d.key, err)
		}
	}
	return nil
}
