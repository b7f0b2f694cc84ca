package server

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// contentSecurityPolicy allows nothing from another origin and no inline
// script or style: every page works from our own files.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets the headers every response carries, errors included.
func (s *Server) securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if s.isTLS(c) {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
			// Behind a TLS-terminating proxy, every cookie we set is
			// Secure, whichever middleware set it.
			c.Response().Before(func() { secureCookies(h) })
		}
		return next(c)
	}
}

// secureCookies adds the Secure attribute to every Set-Cookie header.
func secureCookies(h http.Header) {
	for i, v := range h["Set-Cookie"] {
		if !strings.Contains(strings.ToLower(v), "; secure") {
			h["Set-Cookie"][i] = v + "; Secure"
		}
	}
}

// isTLS reports whether the visitor reached us over HTTPS.
func (s *Server) isTLS(c echo.Context) bool {
	if c.Request().TLS != nil || s.cfg.SecureCookies {
		return true
	}
	return s.cfg.TrustProxy && strings.EqualFold(c.Request().Header.Get("X-Forwarded-Proto"), "https")
}

// requestLogger writes one structured access-log line per request.
func (s *Server) requestLogger() echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogStatus: true, LogURI: true, LogMethod: true, LogLatency: true, LogRequestID: true,
		LogRemoteIP: true, LogResponseSize: true, LogRoutePath: true,
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			s.log.LogAttrs(c.Request().Context(), slog.LevelInfo, "request",
				slog.String("id", v.RequestID),
				slog.String("method", v.Method),
				slog.String("uri", v.URI),
				slog.String("route", v.RoutePath),
				slog.Int("status", v.Status),
				slog.Int64("bytes", v.ResponseSize),
				slog.Duration("latency", v.Latency),
				slog.String("ip", v.RemoteIP),
			)
			return nil
		},
	})
}

// recoverer turns a panic into a logged 500 page.
func (s *Server) recoverer(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				if r == http.ErrAbortHandler {
					panic(r)
				}
				buf := make([]byte, 4096)
				buf = buf[:runtime.Stack(buf, false)]
				err = fmt.Errorf("panic: %v\n%s", r, buf)
			}
		}()
		return next(c)
	}
}

// csrf protects every unsafe method with a token kept in a cookie and
// echoed in the form (field csrf_token) or the X-CSRF-Token header.
func (s *Server) csrf() echo.MiddlewareFunc {
	return middleware.CSRFWithConfig(middleware.CSRFConfig{ // #nosec G101 -- CSRF middleware settings, no credential
		TokenLookup:    "form:csrf_token,header:X-CSRF-Token",
		CookieName:     "rolefit_csrf",
		CookiePath:     "/",
		CookieHTTPOnly: true,
		CookieSecure:   s.cfg.SecureCookies,
		CookieSameSite: http.SameSiteLaxMode,
		CookieMaxAge:   int((24 * time.Hour).Seconds()),
		ErrorHandler: func(err error, c echo.Context) error {
			return echo.NewHTTPError(http.StatusForbidden, "This form has expired or did not come from Rolefit. Reload the page and try again.")
		},
	})
}

// csrfToken returns the token the CSRF middleware set for this request.
func csrfToken(c echo.Context) string {
	t, _ := c.Get(middleware.DefaultCSRFConfig.ContextKey).(string)
	return t
}
