package store

import (
	"context"
	"encoding/json"
	"fmt"

	"rolefit/internal/roles"
	"rolefit/internal/search"
)

// CatalogVersion returns the catalog's version, which every import and
// every sync of a changed catalog increases: an instance whose search
// index, matching or listings were built from an older version rebuilds
// them.
func (s *DB) CatalogVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := s.db.QueryRowContext(ctx, `SELECT version FROM catalog_version WHERE id = 1`).Scan(&v); err != nil {
		return 0, fmt.Errorf("store: catalog version: %w", err)
	}
	return v, nil
}

// SearchDocs returns what the search index is built from: every written
// role with its occupation's titles, then every imported occupation no role
// covers, with O*NET's description and titles. version is the catalog
// version read before the documents (not in a transaction: on SQLite that
// would take the write lock), so documents are never older than it: an
// import landing meanwhile at worst costs one more rebuild.
func (s *DB) SearchDocs(ctx context.Context) (docs []search.Doc, version int64, err error) {
	if version, err = s.CatalogVersion(ctx); err != nil {
		return nil, 0, err
	}
	categories := map[string]string{}
	rows, err := s.db.QueryContext(ctx, `SELECT slug, name FROM categories`)
	if err != nil {
		return nil, 0, fmt.Errorf("store: search documents: %w", err)
	}
	for rows.Next() {
		var slug, name string
		if err := rows.Scan(&slug, &name); err != nil {
			_ = rows.Close()
			return nil, 0, err
		}
		categories[slug] = name
	}
	if err := rows.Close(); err != nil {
		return nil, 0, fmt.Errorf("store: search documents: %w", err)
	}

	rows, err = s.db.QueryContext(ctx, `SELECT r.data, o.title, o.titles FROM roles r JOIN occupations o ON o.onet_code = r.onet_code ORDER BY r.slug`)
	if err != nil {
		return nil, 0, fmt.Errorf("store: search documents: %w", err)
	}
	for rows.Next() {
		var roleJSON, titlesJSON string
		var r roles.Role
		var o roles.Occupation
		if err := rows.Scan(&roleJSON, &o.Title, &titlesJSON); err != nil {
			_ = rows.Close()
			return nil, 0, err
		}
		if err := json.Unmarshal([]byte(roleJSON), &r); err != nil {
			_ = rows.Close()
			return nil, 0, fmt.Errorf("store: search documents: role: %w", err)
		}
		if err := json.Unmarshal([]byte(titlesJSON), &o.Titles); err != nil {
			_ = rows.Close()
			return nil, 0, fmt.Errorf("store: search documents: titles of %s: %w", r.ONetCode, err)
		}
		docs = append(docs, search.RoleDoc(r, o, categories[r.Category]))
	}
	if err := rows.Close(); err != nil {
		return nil, 0, fmt.Errorf("store: search documents: %w", err)
	}

	rows, err = s.db.QueryContext(ctx, `SELECT onet_code, title, description, titles FROM occupations o
		WHERE imported = 1 AND NOT EXISTS (SELECT 1 FROM roles r WHERE r.onet_code = o.onet_code) ORDER BY onet_code`)
	if err != nil {
		return nil, 0, fmt.Errorf("store: search documents: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var o roles.Occupation
		var titlesJSON string
		if err := rows.Scan(&o.ONetCode, &o.Title, &o.Description, &titlesJSON); err != nil {
			return nil, 0, err
		}
		if err := json.Unmarshal([]byte(titlesJSON), &o.Titles); err != nil {
			return nil, 0, fmt.Errorf("store: search documents: titles of %s: %w", o.ONetCode, err)
		}
		docs = append(docs, search.OccupationDoc(o, categories[roles.CategoryForSOC(o.ONetCode)]))
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("store: search documents: %w", err)
	}
	return docs, version, nil
}
