package server

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"rolefit/internal/store"
)

// errorHandler is the one place errors become responses: problem+json under
// /api, an HTML page elsewhere. Only 5xx are logged with their cause; people
// never see internal error text.
func (s *Server) errorHandler(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	status, msg := http.StatusInternalServerError, ""
	var he *echo.HTTPError
	switch {
	case errors.Is(err, context.Canceled) && c.Request().Context().Err() != nil:
		// The client hung up (closed the tab, timed out): nothing failed
		// on our side and nobody is there to read an answer. Counted and
		// logged as 499, nginx's "client closed request", never as a 500.
		c.Response().Status = statusClientClosed
		c.Response().Committed = true
		return
	case errors.Is(err, store.ErrNotFound):
		status = http.StatusNotFound
	case store.IsUnavailable(err):
		status = http.StatusServiceUnavailable
		s.metrics.dbErrors.Inc()
	case errors.As(err, &he):
		status = he.Code
		if m, ok := he.Message.(string); ok && status < 500 {
			msg = m
		}
	}
	if status == http.StatusServiceUnavailable {
		c.Response().Header().Set("Retry-After", "30")
	}
	if status >= 500 {
		s.log.Error("request failed", slog.String("id", c.Response().Header().Get(echo.HeaderXRequestID)),
			slog.String("uri", c.Request().RequestURI), slog.Any("err", err))
		msg = ""
	}
	if msg == "" || status == http.StatusNotFound {
		msg = defaultMessage(status)
	}
	if strings.HasPrefix(c.Path(), "/api/") || strings.HasPrefix(c.Request().URL.Path, "/api/") {
		_ = problem(c, status, msg, nil)
		return
	}
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(status)
		return
	}
	s.renderError(c, status, msg)
}

// statusClientClosed is recorded for a request whose client went away
// before it was answered.
const statusClientClosed = 499

func defaultMessage(status int) string {
	switch status {
	case http.StatusNotFound:
		return "We could not find that page. It may have moved, or the address may be mistyped."
	case http.StatusMethodNotAllowed:
		return "That action is not available on this page."
	case http.StatusRequestEntityTooLarge:
		return "What you sent was too large for us to accept."
	case http.StatusTooManyRequests:
		return "Too many submissions from you in a short time. Wait a minute and try again."
	case http.StatusServiceUnavailable:
		return "Rolefit cannot save or read data right now. Please try again shortly."
	}
	if status >= 500 {
		return "Something went wrong on our side. Please try again in a moment."
	}
	return http.StatusText(status)
}

func headingFor(status int) string {
	switch status {
	case http.StatusNotFound:
		return "Page not found"
	case http.StatusForbidden:
		return "Request refused"
	case http.StatusServiceUnavailable:
		return "Temporarily unavailable"
	}
	if status >= 500 {
		return "Internal error"
	}
	return http.StatusText(status)
}

// Problem is an RFC 9457 problem detail.
type Problem struct {
	Type   string            `json:"type"`
	Title  string            `json:"title"`
	Status int               `json:"status"`
	Detail string            `json:"detail,omitempty"`
	Errors map[string]string `json:"errors,omitempty"`
}

func problem(c echo.Context, status int, detail string, fields map[string]string) error {
	c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
	c.Response().WriteHeader(status)
	return jsonEncode(c.Response(), Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: detail, Errors: fields})
}
