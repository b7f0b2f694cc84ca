package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"
)

// pageCache keeps fully rendered anonymous pages (role and occupation
// profiles), plain and gzipped. The catalog cannot change while the server
// runs, so entries never go stale; there is at most one per role or
// occupation, which bounds the cache at a few megabytes.
type pageCache struct {
	mu sync.RWMutex
	m  map[string]*cachedPage
}

type cachedPage struct {
	plain, gz []byte
	etag      string
}

func newPageCache() *pageCache { return &pageCache{m: map[string]*cachedPage{}} }

// renderBytes renders a page into memory.
func (s *Server) renderBytes(page string, d pageData) ([]byte, error) {
	t, ok := s.pages.tmpl[page]
	if !ok {
		return nil, echo.NewHTTPError(http.StatusInternalServerError, "unknown page "+page)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "base", d); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// serveCached answers with the cached page under key, building it with
// build on first use. Pages served this way carry no per-visitor content
// (no CSRF token, no result), so one copy serves everyone.
func (s *Server) serveCached(c echo.Context, key string, build func() ([]byte, error)) error {
	s.cache.mu.RLock()
	p := s.cache.m[key]
	s.cache.mu.RUnlock()
	if p == nil {
		plain, err := build()
		if err != nil {
			return err
		}
		var gz bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		_, _ = zw.Write(plain)
		_ = zw.Close()
		sum := sha256.Sum256(plain)
		p = &cachedPage{plain: plain, gz: gz.Bytes(), etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
		s.cache.mu.Lock()
		s.cache.m[key] = p
		s.cache.mu.Unlock()
	}
	h := c.Response().Header()
	h.Set("ETag", p.etag)
	h.Set("Vary", "Accept-Encoding, Cookie")
	h.Set("Cache-Control", "no-cache")
	if c.Request().Header.Get("If-None-Match") == p.etag {
		return c.NoContent(http.StatusNotModified)
	}
	if strings.Contains(c.Request().Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		return c.Blob(http.StatusOK, echo.MIMETextHTMLCharsetUTF8, p.gz)
	}
	return c.Blob(http.StatusOK, echo.MIMETextHTMLCharsetUTF8, p.plain)
}

// cachedRoutes compress their own responses, so the gzip middleware skips them.
func cachedRoute(c echo.Context) bool {
	switch c.Path() {
	case "/roles/:slug", "/occupations/:code":
		return true
	}
	return false
}
