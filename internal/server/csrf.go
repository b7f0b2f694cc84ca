package server

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net/http"

	"github.com/labstack/echo/v4"
)

const (
	sessionCSRF   = "csrf"       // the session's CSRF secret, csrfSecretLen raw bytes
	csrfField     = "csrf_token" // the form field carrying the token
	csrfHeader    = "X-CSRF-Token"
	csrfCtxKey    = "csrf"
	csrfSecretLen = 32
)

// csrfMessage is what a refused form says: it never tells which check failed.
const csrfMessage = "This form has expired or did not come from Rolefit. Reload the page and try again."

// csrf protects the pages that change something. Two checks, both needed:
//   - net/http's CrossOriginProtection refuses a browser request that says
//     (Sec-Fetch-Site, else Origin against Host) it came from another site;
//   - the request must carry a token derived from a secret kept in the
//     visitor's signed session cookie, in the X-CSRF-Token header or the
//     form body. Never from the query string: access logs and Referer
//     headers record URLs. A token minted for one session is worthless with
//     another, and any instance sharing the session keys accepts it.
//
// Safe methods only get a token to put in their forms; the session (and
// with it the cookie) is created on the first page that needs one.
func (s *Server) csrf(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		sess := s.session(c)
		secret, _ := sess.Values[sessionCSRF].(string)
		fresh := len(secret) != csrfSecretLen
		if fresh {
			b := make([]byte, csrfSecretLen)
			_, _ = rand.Read(b) // never fails (crypto/rand panics instead)
			secret = string(b)
			sess.Values[sessionCSRF] = secret
		}
		switch req.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
		default:
			if err := s.crossOrigin.Check(req); err != nil || fresh || !validCSRFToken(csrfTokenOf(req), secret) {
				return echo.NewHTTPError(http.StatusForbidden, csrfMessage)
			}
		}
		if fresh {
			if err := s.saveSession(c, sess); err != nil {
				return err
			}
		}
		c.Set(csrfCtxKey, maskCSRF(secret))
		return next(c)
	}
}

// csrfTokenOf reads the token from the header, else from the form body.
func csrfTokenOf(req *http.Request) string {
	if t := req.Header.Get(csrfHeader); t != "" {
		return t
	}
	return req.PostFormValue(csrfField) // the body only, never the URL's query
}

// maskCSRF returns the secret under a fresh one-time pad, so the token in a
// compressed page differs on every response (no BREACH-style guessing).
func maskCSRF(secret string) string {
	b := make([]byte, 2*csrfSecretLen)
	_, _ = rand.Read(b[:csrfSecretLen])
	for i := 0; i < csrfSecretLen; i++ {
		b[csrfSecretLen+i] = b[i] ^ secret[i]
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// validCSRFToken reports whether token is secret under some pad.
func validCSRFToken(token, secret string) bool {
	b, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(b) != 2*csrfSecretLen || len(secret) != csrfSecretLen {
		return false
	}
	for i := 0; i < csrfSecretLen; i++ {
		b[i] ^= b[csrfSecretLen+i]
	}
	return subtle.ConstantTimeCompare(b[:csrfSecretLen], []byte(secret)) == 1
}

// csrfToken returns the token the CSRF middleware made for this request.
func csrfToken(c echo.Context) string {
	t, _ := c.Get(csrfCtxKey).(string)
	return t
}

// offerCSRF gives a page outside the CSRF middleware a token for its
// forms, when the visitor already has a session with a secret (a profile
// shown with their result, whose star posts to the result). It never
// creates a session: reading pages stay cookie-free for everyone else.
func (s *Server) offerCSRF(c echo.Context) {
	if secret, _ := s.session(c).Values[sessionCSRF].(string); len(secret) == csrfSecretLen {
		c.Set(csrfCtxKey, maskCSRF(secret))
	}
}
