package server

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"
)

// contentSecurityPolicy allows nothing from another origin and no inline
// script or style: every page works from our own files.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// baseHeaders are set on every response, errors included. The keys are in
// canonical form, so they are assigned without re-canonicalising them on
// every request.
var baseHeaders = map[string][]string{
	"Content-Security-Policy":    {contentSecurityPolicy},
	"X-Content-Type-Options":     {"nosniff"},
	"Referrer-Policy":            {"strict-origin-when-cross-origin"},
	"Permissions-Policy":         {"camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"},
	"X-Frame-Options":            {"DENY"},
	"Cross-Origin-Opener-Policy": {"same-origin"},
}

// securityHeaders sets the headers every response carries, errors included.
func (s *Server) securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		for k, v := range baseHeaders {
			h[k] = v
		}
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

// requestIDs returns a generator of request ids: a random per-process
// prefix and a counter. Ids must be unique, not secret, and this costs no
// system call per request.
func requestIDs() func() string {
	var prefix [6]byte
	_, _ = rand.Read(prefix[:])
	p := hex.EncodeToString(prefix[:])
	var n atomic.Uint64
	return func() string {
		return p + "-" + strconv.FormatUint(n.Add(1), 36)
	}
}

// observe writes one structured access-log line per request and records
// its metrics, in one pass: the error, if any, is rendered first, so the
// status logged and counted is the one sent.
func (s *Server) observe(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		if err := next(c); err != nil {
			c.Error(err)
		}
		latency := time.Since(start)
		req, res := c.Request(), c.Response()
		route := c.Path()
		if route == "" {
			route = "unmatched"
		}
		s.metrics.observe(route, req.Method, res.Status, latency)
		s.log.LogAttrs(req.Context(), slog.LevelInfo, "request",
			slog.String("id", res.Header().Get(echo.HeaderXRequestID)),
			slog.String("method", req.Method),
			slog.String("uri", req.RequestURI),
			slog.String("route", route),
			slog.Int("status", res.Status),
			slog.Int64("bytes", res.Size),
			slog.Duration("latency", latency),
			slog.String("ip", c.RealIP()),
		)
		return nil
	}
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
