package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
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
	plain, gz  []byte
	etag       string
	etagHeader []string // {etag}, assigned to every answer as it is
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
		etag := `"` + hex.EncodeToString(sum[:8]) + `"`
		p = &cachedPage{plain: plain, gz: gz.Bytes(), etag: etag, etagHeader: []string{etag}}
		s.cache.mu.Lock()
		s.cache.m[key] = p
		s.cache.mu.Unlock()
	}
	h := c.Response().Header()
	// Canonical keys, assigned directly: no re-canonicalising per request.
	h["Etag"] = p.etagHeader
	h["Vary"] = varyCached
	h["Cache-Control"] = noCache
	if c.Request().Header.Get("If-None-Match") == p.etag {
		return c.NoContent(http.StatusNotModified)
	}
	if strings.Contains(c.Request().Header.Get("Accept-Encoding"), "gzip") {
		h["Content-Encoding"] = gzipEncoding
		return sized(c, echo.MIMETextHTMLCharsetUTF8, p.gz)
	}
	return sized(c, echo.MIMETextHTMLCharsetUTF8, p.plain)
}

// Header values shared by every cached answer. Their slices are full
// (len == cap), so a later Add copies instead of writing into them.
var (
	varyCached   = []string{"Accept-Encoding, Cookie"}
	noCache      = []string{"no-cache"}
	gzipEncoding = []string{"gzip"}
)

// sized answers 200 with body and its Content-Length. Knowing the length,
// net/http sends the body as it is rather than in chunks, which saves the
// write system call of the closing chunk on every answer.
func sized(c echo.Context, contentType string, body []byte) error {
	c.Response().Header()["Content-Length"] = []string{strconv.Itoa(len(body))}
	return c.Blob(http.StatusOK, contentType, body)
}

// cachedRoutes compress their own responses, so the gzip middleware skips them.
func cachedRoute(c echo.Context) bool {
	switch c.Path() {
	case "/roles/:slug", "/occupations/:code":
		return true
	}
	return false
}
