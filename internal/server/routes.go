package server

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/time/rate"
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
	e.Use(middleware.RequestIDWithConfig(middleware.RequestIDConfig{Generator: requestIDs()}))
	e.Use(s.observe)
	e.Use(s.recoverer)
	e.Use(s.securityHeaders)
	e.Use(middleware.BodyLimit(s.cfg.BodyLimit))
	e.Use(middleware.GzipWithConfig(middleware.GzipConfig{Level: 5, MinLength: 1024, Skipper: cachedRoute}))

	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/metrics", s.metrics.handler())
	e.GET("/static/*", s.static)
	e.GET("/favicon.ico", s.favicon)
	e.GET("/api/openapi.json", s.openAPI)

	submit := s.submitLimiter()

	// Reading pages: no form that changes anything, so no CSRF cookie
	// to mint on every view (and the profile can come from the cache).
	e.GET("/", s.home)
	e.GET("/about", s.about)
	e.GET("/roles", s.roleList)
	e.GET("/roles/category/:category", s.categoryShow)
	e.GET("/roles/:slug", s.roleShow)
	e.GET("/occupations/:code", s.occupationShow)
	e.GET("/search", s.searchShow)

	// The quiz and results: every page with a POST form, and every POST,
	// goes through CSRF protection.
	pages := e.Group("", s.csrf())
	pages.GET("/quiz", s.quizIntro)
	pages.GET("/quiz/review", s.quizReview)
	pages.POST("/quiz/submit", s.quizSubmit, submit)
	pages.POST("/quiz/reset", s.quizReset)
	pages.GET("/quiz/:n", s.quizSection)
	pages.POST("/quiz/:n", s.quizSectionSave)
	pages.GET("/results/:id", s.resultShow)
	pages.GET("/results/:id/download", s.resultDownload)
	pages.POST("/results/:id/hide", s.resultHide)
	pages.POST("/results/:id/delete", s.resultDelete)

	// JSON API: no session, no CSRF.
	api := e.Group("/api/v1")
	api.GET("/roles", s.apiRoles)
	api.GET("/roles/:slug", s.apiRole)
	api.GET("/dimensions", s.apiDimensions)
	api.GET("/questions", s.apiQuestions)
	api.POST("/assessments", s.apiAssessmentCreate, submit)
	api.GET("/assessments/:id", s.apiAssessmentShow)

	return e
}

// submitLimiter bounds how many results one client saves per minute.
func (s *Server) submitLimiter() echo.MiddlewareFunc {
	if s.cfg.SubmitRate <= 0 {
		return func(next echo.HandlerFunc) echo.HandlerFunc { return next }
	}
	store := middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
		Rate: rate.Limit(float64(s.cfg.SubmitRate) / 60), Burst: s.cfg.SubmitRate, ExpiresIn: 3 * time.Minute,
	})
	retryAfter := "60"
	return middleware.RateLimiterWithConfig(middleware.RateLimiterConfig{
		Store: store,
		DenyHandler: func(c echo.Context, _ string, _ error) error {
			c.Response().Header().Set("Retry-After", retryAfter)
			return echo.NewHTTPError(http.StatusTooManyRequests, defaultMessage(http.StatusTooManyRequests))
		},
		ErrorHandler: func(c echo.Context, err error) error {
			return echo.NewHTTPError(http.StatusForbidden, "We could not tell who sent this request.")
		},
	})
}
