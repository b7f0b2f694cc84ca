package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// CategoryCount is a category with the number of roles in it.
type CategoryCount struct {
	Slug, Name, Description string
	Count                   int
	Roles                   []RoleLink // by title
}

// RoleSummary is one line of a category listing.
type RoleSummary struct {
	Slug, Title, Summary, Category, Education string
	ONetCode, SOCCode                         string
	JobZone                                   int
	MedianWage                                *int
	PercentChange                             *float64
}

// Categories lists every category in display order with its roles.
func (s *DB) Categories(ctx context.Context) ([]CategoryCount, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT c.slug, c.name, c.description, r.slug, r.title
		FROM categories c LEFT JOIN roles r ON r.category = c.slug
		ORDER BY c.position, `+s.nocase("r.title")) // #nosec G202 -- a constant of this package
	if err != nil {
		return nil, fmt.Errorf("store: categories: %w", err)
	}
	defer rows.Close()
	var out []CategoryCount
	for rows.Next() {
		var c CategoryCount
		var slug, title sql.NullString
		if err := rows.Scan(&c.Slug, &c.Name, &c.Description, &slug, &title); err != nil {
			return nil, fmt.Errorf("store: categories: %w", err)
		}
		if len(out) == 0 || out[len(out)-1].Slug != c.Slug {
			out = append(out, c)
		}
		if slug.Valid {
			last := &out[len(out)-1]
			last.Roles = append(last.Roles, RoleLink{Slug: slug.String, Title: title.String})
			last.Count++
		}
	}
	return out, rows.Err()
}

// CategoryBySlug returns one category, or ErrNotFound.
func (s *DB) CategoryBySlug(ctx context.Context, slug string) (CategoryCount, error) {
	var c CategoryCount
	err := s.db.QueryRowContext(ctx, `SELECT slug, name, description FROM categories WHERE slug = $1`, slug).
		Scan(&c.Slug, &c.Name, &c.Description)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	if err != nil {
		return c, fmt.Errorf("store: category %s: %w", slug, err)
	}
	return c, nil
}

// Sort orders for a category listing.
const (
	SortTitle  = "title"
	SortPay    = "pay"
	SortGrowth = "growth"
)

// RoleFilter narrows and orders a role listing.
type RoleFilter struct {
	Category  string
	Education string // exact BLS typical entry-level education, or ""
	Sort      string // SortTitle (default), SortPay or SortGrowth
}

// RoleSummaries lists roles matching f.
func (s *DB) RoleSummaries(ctx context.Context, f RoleFilter) ([]RoleSummary, error) {
	order := s.nocase("r.title")
	switch f.Sort {
	case SortPay:
		order = `o.median_wage IS NULL, o.median_wage DESC, ` + order
	case SortGrowth:
		order = `o.percent_change IS NULL, o.percent_change DESC, ` + order
	}
	q := `SELECT r.slug, r.title, r.summary, r.category, o.education, o.job_zone, o.median_wage, o.percent_change, r.onet_code, o.soc_code
		FROM roles r JOIN occupations o ON o.onet_code = r.onet_code
		WHERE ($1 = '' OR r.category = $1) AND ($2 = '' OR o.education = $2)
		ORDER BY ` + order // #nosec G202 -- order is built from constants of this package
	rows, err := s.db.QueryContext(ctx, q, f.Category, f.Education)
	if err != nil {
		return nil, fmt.Errorf("store: role summaries: %w", err)
	}
	defer rows.Close()
	var out []RoleSummary
	for rows.Next() {
		var r RoleSummary
		var wage sql.NullInt64
		var change sql.NullFloat64
		if err := rows.Scan(&r.Slug, &r.Title, &r.Summary, &r.Category, &r.Education, &r.JobZone, &wage, &change, &r.ONetCode, &r.SOCCode); err != nil {
			return nil, fmt.Errorf("store: role summaries: %w", err)
		}
		if wage.Valid {
			v := int(wage.Int64)
			r.MedianWage = &v
		}
		if change.Valid {
			r.PercentChange = &change.Float64
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Educations lists the distinct typical entry-level educations of a
// category's roles, for its filter.
func (s *DB) Educations(ctx context.Context, category string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT o.education FROM roles r JOIN occupations o ON o.onet_code = r.onet_code
		WHERE ($1 = '' OR r.category = $1) AND o.education != '' ORDER BY o.education`, category)
	if err != nil {
		return nil, fmt.Errorf("store: educations: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
