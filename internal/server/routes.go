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

	// Site-wide, outermost first. These run before routing (Pre), so that
	// the trailing-slash redirect, 404s and 405s are logged, counted and
	// carry the security headers like every other answer.
	e.Pre(middleware.RequestIDWithConfig(middleware.RequestIDConfig{Generator: requestIDs()}))
	e.Pre(s.observe)
	e.Pre(s.recoverer)
	e.Pre(s.securityHeaders)
	e.Pre(middleware.RemoveTrailingSlashWithConfig(middleware.TrailingSlashConfig{RedirectCode: http.StatusMovedPermanently}))
	e.Use(middleware.BodyLimit(s.cfg.BodyLimit))
	e.Use(middleware.GzipWithConfig(middleware.GzipConfig{Level: 5, MinLength: 1024, Skipper: cachedRoute}))

	// get registers a page for GET and HEAD: monitors and link checkers
	// use HEAD, and net/http sends no body for it.
	get := func(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
		e.Match(getHead, path, h, m...)
	}

	get("/healthz", s.healthz)
	get("/readyz", s.readyz)
	if !s.cfg.MetricsElsewhere {
		get("/metrics", s.metrics.handler())
	}
	get("/static/*", s.static)
	get("/favicon.ico", s.favicon)
	get("/robots.txt", s.robots)
	get("/api/openapi.json", s.openAPI)

	submit := s.submitLimiter()

	// Reading pages: no form that changes anything, so no session to
	// create on every view (and the profile can come from the cache).
	get("/", s.home)
	get("/about", s.about)
	get("/roles", s.roleList)
	get("/roles/category/:category", s.categoryShow)
	get("/roles/:slug", s.roleShow)
	get("/occupations/:code", s.occupationShow)
	get("/search", s.searchShow)
	get("/compare", s.compareShow)

	// The quiz and results: every page with a POST form, and every POST,
	// goes through CSRF protection. It is route middleware, not a group's:
	// an Echo group with middleware catches every unmatched path of its
	// prefix (here all of them), which turned 404s and 405s into 403s.
	csrf := s.csrf
	get("/quiz", s.quizIntro, csrf)
	get("/quiz/review", s.quizReview, csrf)
	e.POST("/quiz/submit", s.quizSubmit, csrf, submit)
	e.POST("/quiz/reset", s.quizReset, csrf)
	get("/quiz/:n", s.quizSection, csrf)
	e.POST("/quiz/:n", s.quizSectionSave, csrf)
	get("/results/:id", s.resultShow, csrf)
	get("/results/:id/download", s.resultDownload, csrf)
	e.POST("/results/:id/hide", s.resultHide, csrf)
	e.POST("/results/:id/shortlist", s.resultShortlist, csrf)
	e.POST("/results/:id/retake", s.resultRetake, csrf)
	get("/results/:id/delete", s.resultDeleteConfirm, csrf)
	e.POST("/results/:id/delete", s.resultDelete, csrf)
	get("/results/:id/follow-up", s.followUpShow, csrf)
	e.POST("/results/:id/follow-up", s.followUpSave, csrf)

	// JSON API: no session, no CSRF.
	get("/api/v1/roles", s.apiRoles)
	get("/api/v1/roles/:slug", s.apiRole)
	get("/api/v1/dimensions", s.apiDimensions)
	get("/api/v1/questions", s.apiQuestions)
	e.POST("/api/v1/assessments", s.apiAssessmentCreate, submit)
	get("/api/v1/assessments/:id", s.apiAssessmentShow)
	e.POST("/api/v1/assessments/:id/follow-ups", s.apiFollowUpsAnswer)

	return e
}

var getHead = []string{http.MethodGet, http.MethodHead}

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
