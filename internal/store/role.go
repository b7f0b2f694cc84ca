package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"rolefit/internal/roles"
)

// RoleProfile is everything a role's profile page shows.
type RoleProfile struct {
	Role       roles.Role
	Category   roles.Category
	Occupation roles.Occupation
	Related    []RoleLink // in the role's order; unresolved slugs are skipped
}

// RoleLink is a role's slug and title, for links.
type RoleLink struct {
	Slug  string
	Title string
}

// Role returns the profile of the role with the given slug, or ErrNotFound.
func (s *DB) Role(ctx context.Context, slug string) (*RoleProfile, error) {
	var roleJSON, occJSON, occDesc string
	var p RoleProfile
	err := s.db.QueryRowContext(ctx, `SELECT r.data, o.data, o.description, c.slug, c.name, c.description
		FROM roles r JOIN occupations o ON o.onet_code = r.onet_code JOIN categories c ON c.slug = r.category
		WHERE r.slug = $1`, slug).Scan(&roleJSON, &occJSON, &occDesc, &p.Category.Slug, &p.Category.Name, &p.Category.Description)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: role %s: %w", slug, err)
	}
	if err := json.Unmarshal([]byte(roleJSON), &p.Role); err != nil {
		return nil, fmt.Errorf("store: role %s: %w", slug, err)
	}
	if err := json.Unmarshal([]byte(occJSON), &p.Occupation); err != nil {
		return nil, fmt.Errorf("store: role %s occupation: %w", slug, err)
	}
	p.Occupation.Description = occDesc
	p.Related, err = s.roleLinks(ctx, p.Role.Related)
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// roleLinks resolves slugs to titles, keeping their order.
func (s *DB) roleLinks(ctx context.Context, slugs []string) ([]RoleLink, error) {
	links := make([]RoleLink, 0, len(slugs))
	for _, slug := range slugs {
		var title string
		err := s.db.QueryRowContext(ctx, `SELECT title FROM roles WHERE slug = $1`, slug).Scan(&title)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("store: related role %s: %w", slug, err)
		}
		links = append(links, RoleLink{Slug: slug, Title: title})
	}
	return links, nil
}
