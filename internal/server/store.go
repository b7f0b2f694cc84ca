package server

import (
	"context"
	"time"

	"rolefit/internal/search"
	"rolefit/internal/store"
)

// Store is what the handlers read and write. *store.DB provides it on
// both backends, SQLite and PostgreSQL, which the store's own test suite
// holds to the same behaviour.
type Store interface {
	Ping(ctx context.Context) error

	Categories(ctx context.Context) ([]store.CategoryCount, error)
	CategoryBySlug(ctx context.Context, slug string) (store.CategoryCount, error)
	Educations(ctx context.Context, category string) ([]string, error)
	RoleSummaries(ctx context.Context, f store.RoleFilter) ([]store.RoleSummary, error)
	Role(ctx context.Context, slug string) (*store.RoleProfile, error)
	Occupation(ctx context.Context, code string) (*store.OccupationPage, error)
	DataOnlyOccupations(ctx context.Context, keep func(code string) bool) ([]store.OccupationLink, error)
	// CatalogVersion and SearchDocs keep the in-memory search index
	// current: it is rebuilt from the documents when the version moves.
	CatalogVersion(ctx context.Context) (int64, error)
	SearchDocs(ctx context.Context) ([]search.Doc, int64, error)

	CreateResult(ctx context.Context, created time.Time, answers map[string]int, fastPages int) (string, error)
	Result(ctx context.Context, id string) (*store.Result, error)
	SetHidden(ctx context.Context, id, slug string, hide bool) error
	AddAnswers(ctx context.Context, id string, add map[string]int) error
	SetShortlisted(ctx context.Context, id, slug string, star bool, replace string) error
	DeleteResult(ctx context.Context, id string) error
}
