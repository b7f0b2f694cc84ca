// Package server is Rolefit's HTTP layer: routes, middleware, handlers,
// forms and page rendering, on Echo v4. Handlers are methods on Server and
// return errors; one error handler turns them into pages or problem+json.
package server

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/gorilla/sessions"
	"github.com/labstack/echo/v4"

	"rolefit/internal/catalog"
	"rolefit/internal/store"
)

// Config holds the HTTP layer's settings.
type Config struct {
	// SecureCookies marks cookies Secure and sends HSTS; set it when the app
	// is served over TLS (directly or behind a proxy).
	SecureCookies bool
	// TrustProxy makes the app believe X-Forwarded-Proto and X-Forwarded-For
	// from the proxy in front of it.
	TrustProxy bool
	// SessionKeys: hash key (32 or 64 bytes) then optional block key (32).
	SessionKeys [][]byte
	// BodyLimit bounds every request body, e.g. "64K".
	BodyLimit string
}

// Server holds every dependency of the handlers.
type Server struct {
	cfg      Config
	log      *slog.Logger
	db       *store.DB
	cat      *catalog.Catalog
	pages    *pages
	sessions *sessions.CookieStore
	echo     *echo.Echo
}

// New builds the server and its router.
func New(cfg Config, log *slog.Logger, db *store.DB, cat *catalog.Catalog) (*Server, error) {
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
	s := &Server{cfg: cfg, log: log, db: db, cat: cat, pages: p}
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

// Handler returns the root HTTP handler.
func (s *Server) Handler() http.Handler { return s.echo }

// Shutdown stops accepting requests and waits for in-flight ones.
func (s *Server) Shutdown(ctx context.Context) error { return s.echo.Shutdown(ctx) }
