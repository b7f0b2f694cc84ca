package server

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// routes wires every route, tier by tier: site-wide middleware, then pages
// with session and CSRF, then the JSON API.
func (s *Server) routes() *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.errorHandler
	if s.cfg.TrustProxy {
		e.IPExtractor = echo.ExtractIPFromXFFHeader()
	} else {
		e.IPExtractor = echo.ExtractIPDirect()
	}

	// Site-wide, outermost first.
	e.Pre(middleware.RemoveTrailingSlashWithConfig(middleware.TrailingSlashConfig{RedirectCode: http.StatusMovedPermanently}))
	e.Use(middleware.RequestID())
	e.Use(s.requestLogger())
	e.Use(s.recoverer)
	e.Use(s.securityHeaders)
	e.Use(middleware.BodyLimit(s.cfg.BodyLimit))
	e.Use(middleware.GzipWithConfig(middleware.GzipConfig{Level: 5, MinLength: 512}))

	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/static/*", s.static)
	e.GET("/favicon.ico", s.favicon)

	// Pages: sessions and CSRF on everything a person browses.
	pages := e.Group("", s.csrf())
	pages.GET("/", s.home)
	pages.GET("/about", s.about)
	pages.GET("/roles", s.roleList)
	pages.GET("/roles/category/:category", s.categoryShow)
	pages.GET("/roles/:slug", s.roleShow)
	pages.GET("/occupations/:code", s.occupationShow)
	pages.GET("/search", s.searchShow)

	// JSON API: no session, no CSRF.
	api := e.Group("/api/v1")
	api.GET("/roles", s.apiRoles)
	api.GET("/roles/:slug", s.apiRole)

	return e
}
