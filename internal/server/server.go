// Package server is Rolefit's HTTP layer: routes, middleware, handlers,
// forms and page rendering, on Echo v4. Handlers are methods on Server and
// return errors; one error handler turns them into pages or problem+json.
package server

import (
	"context"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/gorilla/sessions"
	"github.com/labstack/echo/v4"

	"rolefit/internal/assessment"
	"rolefit/internal/catalog"
	"rolefit/internal/matching"
	"rolefit/internal/roles"
)

// Config holds the HTTP layer's settings.
type Config struct {
	// SecureCookies marks cookies Secure and sends HSTS; set it when the app
	// is served over TLS (directly or behind a proxy).
	SecureCookies bool
	// TrustProxy makes the app believe X-Forwarded-Proto and X-Forwarded-For
	// from the proxy in front of it; HTTPS seen there also marks cookies Secure.
	TrustProxy bool
	// SessionKeys: hash key (32 or 64 bytes) then optional block key (32).
	SessionKeys [][]byte
	// BodyLimit bounds every request body, e.g. "64K".
	BodyLimit string
	// SubmitRate is how many results one client may save per minute; 0
	// turns the limit off.
	SubmitRate int
	// MetricsElsewhere leaves /metrics off the main router: the operator
	// serves MetricsHandler on a listen address of its own (--metrics-addr).
	MetricsElsewhere bool
}

// Deps are the domain objects the server works with.
type Deps struct {
	Log     *slog.Logger
	DB      Store
	Catalog *catalog.Catalog
	Bank    *assessment.Bank
	// Extra are imported occupations without a written role; they are
	// matched and linked to their data-only pages.
	Extra []roles.Occupation

	// metrics, when set, are kept from the server this one replaces (Live).
	metrics *metrics
}

// Server holds every dependency of the handlers.
type Server struct {
	cfg     Config
	log     *slog.Logger
	db      Store
	cat     *catalog.Catalog
	bank    *assessment.Bank
	index   *matching.Index
	targets map[string]target
	// answerHeads start each target's object in the API's assessment answer.
	answerHeads answerHeads
	questions   map[string]assessment.Question
	qNumber     map[string]int
	// elementDim maps an O*NET element id to the dimension measuring it.
	elementDim map[string]string
	validate   *validator.Validate
	pages      *pages
	sessions   *sessions.CookieStore
	// crossOrigin refuses browser requests from other sites (CSRF).
	crossOrigin *http.CrossOriginProtection
	metrics     *metrics
	cache       *pageCache
	search      searchIndex
	now         func() time.Time           // the clock that times quiz pages
	choices     map[string][]template.HTML // rendered radios per question and state
	blocks      map[string][]template.HTML // rendered fieldsets per question and state
	echo        *echo.Echo
}

// New builds the server, its matching index and its router.
func New(cfg Config, d Deps) (*Server, error) {
	if cfg.BodyLimit == "" {
		cfg.BodyLimit = "64K"
	}
	if len(cfg.SessionKeys) == 0 {
		return nil, fmt.Errorf("server: no session keys")
	}
	p, err := parsePages()
	if err != nil {
		return nil, err
	}
	m := d.metrics
	if m == nil {
		m = newMetrics()
	}
	s := &Server{cfg: cfg, log: d.Log, db: d.DB, cat: d.Catalog, bank: d.Bank, pages: p, metrics: m, cache: newPageCache(), now: time.Now,
		crossOrigin: http.NewCrossOriginProtection()}
	if err := s.buildIndex(d.Extra); err != nil {
		return nil, err
	}
	s.answerHeads = newAnswerHeads(s.index, s.targets)
	// Build the search index now rather than on the first search.
	if _, err := s.searchIndex(context.Background()); err != nil {
		return nil, err
	}
	s.questions = map[string]assessment.Question{}
	s.qNumber = map[string]int{}
	for i, q := range s.bank.Questions {
		s.questions[q.ID] = q
		s.qNumber[q.ID] = i + 1
	}
	s.elementDim = map[string]string{}
	for _, d := range s.bank.Dimensions {
		for _, e := range d.ONetElements {
			s.elementDim[e] = d.ID
		}
	}
	s.validate = newValidator(s.questions)
	if s.choices, err = renderChoices(s.bank); err != nil {
		return nil, err
	}
	if s.blocks, err = s.renderBlocks(); err != nil {
		return nil, err
	}
	s.sessions = sessions.NewCookieStore(cfg.SessionKeys...)
	s.sessions.Options = &sessions.Options{
		Path:     "/",
		MaxAge:   30 * 24 * 3600,
		HttpOnly: true,
		Secure:   cfg.SecureCookies,
		SameSite: http.SameSiteLaxMode,
	}
	s.echo = s.routes()
	return s, nil
}

// buildIndex makes every written role, and every imported occupation no
// role covers, a match target.
func (s *Server) buildIndex(extra []roles.Occupation) error {
	src := matching.Source{Roles: append([]roles.Role(nil), s.cat.Roles...), Occupations: map[string]roles.Occupation{},
		Elements: s.cat.Elements, Norms: s.cat.Norms}
	s.targets = map[string]target{}
	for code, o := range s.cat.Occupations {
		src.Occupations[code] = o
	}
	for _, r := range s.cat.Roles {
		t := newTarget(r.Slug, r.Title, "/roles/"+r.Slug, r.Category, s.cat.Occupations[r.ONetCode])
		t.Tags, t.IsRole = r.Tags, true
		s.targets[r.Slug] = t
	}
	for _, o := range extra {
		// The catalog's occupations are exactly those its roles use.
		_, covered := s.cat.Occupations[o.ONetCode]
		if covered || len(o.Skills) == 0 || len(o.WorkStyles) == 0 || len(o.Interests) == 0 {
			continue
		}
		slug, category := OccupationSlug(o.ONetCode), roles.CategoryForSOC(o.ONetCode)
		src.Occupations[o.ONetCode] = o
		src.Roles = append(src.Roles, roles.Role{Slug: slug, Title: o.Title, Category: category, ONetCode: o.ONetCode})
		s.targets[slug] = newTarget(slug, o.Title, "/occupations/"+o.ONetCode, category, o)
	}
	ix, err := matching.Build(s.bank, src)
	if err != nil {
		return fmt.Errorf("server: matching index: %w", err)
	}
	s.index = ix
	return nil
}

// OccupationSlug is the match slug of an imported occupation: "15-1299.06"
// becomes "occupation-15-1299-06".
func OccupationSlug(code string) string {
	b := []byte("occupation-" + code)
	for i := range b {
		if b[i] == '.' {
			b[i] = '-'
		}
	}
	return string(b)
}

// Handler returns the root HTTP handler.
func (s *Server) Handler() http.Handler { return s.echo }

// MetricsHandler serves the Prometheus metrics, for a listener of its own.
func (s *Server) MetricsHandler() http.Handler { return s.metrics.httpHandler() }

// Shutdown stops accepting requests and waits for in-flight ones.
func (s *Server) Shutdown(ctx context.Context) error { return s.echo.Shutdown(ctx) }
