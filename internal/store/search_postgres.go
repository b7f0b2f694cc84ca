package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// searchPostgres is a stopgap until search moves out of the database into
// an in-memory index fed by either backend (issue 10): every word of q must
// start a word of the title, alternate titles or summary; roles come
// before data-only occupations, titles that match before the rest. It is
// not a port of the FTS5 search and does not rank as well.
func (s *DB) searchPostgres(ctx context.Context, q string, limit int) ([]SearchHit, error) {
	if len(q) > MaxQueryLen {
		q = q[:MaxQueryLen]
	}
	words := normWords(q)
	if len(words) > MaxQueryTerms {
		words = words[:MaxQueryTerms]
	}
	if len(words) == 0 {
		return nil, nil
	}
	args := []any{limit}
	var conds []string
	var titleConds []string
	for _, w := range words {
		args = append(args, `(^|[^[:alnum:]])`+w) // words are letters and digits only
		n := "$" + strconv.Itoa(len(args))
		conds = append(conds, `lower(text) ~ `+n)
		titleConds = append(titleConds, `lower(title) ~ `+n)
	}
	// #nosec G202 -- the conditions are built from constants and $n markers
	query := `SELECT kind, key, title, summary FROM (
			SELECT 'role' AS kind, 0 AS k, r.slug AS key, r.title, r.summary,
				r.title || ' ' || r.data || ' ' || r.summary AS text FROM roles r
			UNION ALL
			SELECT 'occupation', 1, o.onet_code, o.title, '', o.title || ' ' || o.description FROM occupations o
			WHERE o.imported = 1 AND NOT EXISTS (SELECT 1 FROM roles r WHERE r.onet_code = o.onet_code)
		) docs
		WHERE ` + strings.Join(conds, " AND ") + `
		ORDER BY k, (` + strings.Join(titleConds, " AND ") + `) DESC, lower(title)
		LIMIT $1`
	return searchHits(s.db.QueryContext(ctx, query, args...))
}

// searchHits reads the hits of a search query.
func searchHits(rows *sql.Rows, err error) ([]SearchHit, error) {
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	defer rows.Close()
	var hits []SearchHit
	for rows.Next() {
		var h SearchHit
		if err := rows.Scan(&h.Kind, &h.Key, &h.Title, &h.Summary); err != nil {
			return nil, fmt.Errorf("store: search: %w", err)
		}
		hits = append(hits, h)
	}
	return hits, rows.Err()
}
