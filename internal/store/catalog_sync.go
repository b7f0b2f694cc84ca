package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"rolefit/internal/catalog"
	"rolefit/internal/roles"
)

// SyncCatalog makes the database's categories, roles and their occupations
// equal to the embedded catalog, in one transaction: a restart or an edited
// file updates rows in place and never duplicates them. Occupations loaded by
// `app import` that no role uses are left alone. The catalog version moves
// only when the catalog differs from the one last synced, so restarting
// instances do not make every other instance rebuild.
func (s *DB) SyncCatalog(ctx context.Context, c *catalog.Catalog) error {
	fp, err := fingerprint(c)
	if err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: sync catalog: %w", err)
	}
	defer tx.Rollback()
	if err := s.lockCatalog(ctx, tx); err != nil {
		return err
	}

	for i, cat := range c.Categories {
		if _, err := tx.ExecContext(ctx, `INSERT INTO categories(slug, name, description, position) VALUES ($1, $2, $3, $4)
			ON CONFLICT(slug) DO UPDATE SET name = excluded.name, description = excluded.description, position = excluded.position`,
			cat.Slug, cat.Name, cat.Description, i); err != nil {
			return fmt.Errorf("store: sync category %s: %w", cat.Slug, err)
		}
	}
	for _, o := range c.Occupations {
		if err := upsertOccupation(ctx, tx, o); err != nil {
			return err
		}
	}
	keep := make([]any, 0, len(c.Roles))
	for _, r := range c.Roles {
		data, err := json.Marshal(r)
		if err != nil {
			return fmt.Errorf("store: sync role %s: %w", r.Slug, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO roles(slug, title, category, onet_code, summary, data) VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT(slug) DO UPDATE SET title = excluded.title, category = excluded.category,
				onet_code = excluded.onet_code, summary = excluded.summary, data = excluded.data`,
			r.Slug, r.Title, r.Category, r.ONetCode, r.Summary, string(data)); err != nil {
			return fmt.Errorf("store: sync role %s: %w", r.Slug, err)
		}
		keep = append(keep, r.Slug)
	}
	if err := deleteOthers(ctx, tx, "roles", "slug", keep); err != nil {
		return err
	}
	cats := make([]any, 0, len(c.Categories))
	for _, cat := range c.Categories {
		cats = append(cats, cat.Slug)
	}
	if err := deleteOthers(ctx, tx, "categories", "slug", cats); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE catalog_version SET version = version + 1, fingerprint = $1
		WHERE id = 1 AND fingerprint <> $1`, fp); err != nil {
		return fmt.Errorf("store: catalog version: %w", err)
	}
	return tx.Commit()
}

// fingerprint is a digest of everything a sync writes, which tells a
// changed catalog from the one already in the database.
func fingerprint(c *catalog.Catalog) (string, error) {
	h := sha256.New()
	// encoding/json writes map keys in order, so equal catalogs give equal
	// bytes.
	if err := json.NewEncoder(h).Encode([]any{c.Categories, c.Roles, c.Occupations}); err != nil {
		return "", fmt.Errorf("store: catalog fingerprint: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// bumpCatalogVersion tells every instance that the catalog changed.
func bumpCatalogVersion(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `UPDATE catalog_version SET version = version + 1 WHERE id = 1`); err != nil {
		return fmt.Errorf("store: catalog version: %w", err)
	}
	return nil
}

// deleteOthers removes the rows of table whose key is not in keep.
func deleteOthers(ctx context.Context, tx *sql.Tx, table, key string, keep []any) error {
	q := fmt.Sprintf(`DELETE FROM %s`, table) // #nosec G201 -- table and key are constants of this package
	if len(keep) > 0 {
		marks := make([]string, len(keep))
		for i := range keep {
			marks[i] = "$" + strconv.Itoa(i+1)
		}
		q += fmt.Sprintf(` WHERE %s NOT IN (%s)`, key, strings.Join(marks, ","))
	}
	if _, err := tx.ExecContext(ctx, q, keep...); err != nil {
		return fmt.Errorf("store: prune %s: %w", table, err)
	}
	return nil
}

// upsertOccupation writes one occupation. An empty description or list of
// titles never overwrites one that an import already stored.
func upsertOccupation(ctx context.Context, tx *sql.Tx, o roles.Occupation) error {
	desc, titles := o.Description, o.Titles
	o.Description, o.Titles = "", nil
	data, err := json.Marshal(o)
	if err != nil {
		return fmt.Errorf("store: occupation %s: %w", o.ONetCode, err)
	}
	if titles == nil {
		titles = []string{}
	}
	titlesJSON, err := json.Marshal(titles)
	if err != nil {
		return fmt.Errorf("store: occupation %s: %w", o.ONetCode, err)
	}
	var median *int
	var change *float64
	edu := ""
	if o.Pay != nil {
		median = o.Pay.Median.Value
	}
	if o.Outlook != nil {
		change = &o.Outlook.PercentChange
		edu = o.Outlook.Education
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO occupations(onet_code, soc_code, title, job_zone, median_wage, percent_change, education, description, titles, data)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		ON CONFLICT(onet_code) DO UPDATE SET soc_code = excluded.soc_code, title = excluded.title, job_zone = excluded.job_zone,
			median_wage = excluded.median_wage, percent_change = excluded.percent_change, education = excluded.education,
			description = CASE WHEN excluded.description = '' THEN occupations.description ELSE excluded.description END,
			titles = CASE WHEN excluded.titles = '[]' THEN occupations.titles ELSE excluded.titles END,
			data = excluded.data`,
		o.ONetCode, o.SOCCode, o.Title, o.JobZone, median, change, edu, desc, string(titlesJSON), string(data))
	if err != nil {
		return fmt.Errorf("store: occupation %s: %w", o.ONetCode, err)
	}
	return nil
}
