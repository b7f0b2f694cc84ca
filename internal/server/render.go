package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/labstack/echo/v4"

	"rolefit/web"
)

// pageNames are the templates rendered inside the base layout.
var pageNames = []string{"home", "about", "roles", "category", "role", "occupation", "search", "error",
	"quiz_intro", "quiz_section", "quiz_review", "results", "followup", "result_delete", "shortlist_full", "compare"}

// partials are parsed into every page.
var partials = []string{"templates/base.html", "templates/figures.html", "templates/filters.html", "templates/question.html", "templates/explain.html", "templates/refine.html"}

// pages holds the parsed templates and the fingerprinted static files.
type pages struct {
	tmpl      map[string]*template.Template
	static    map[string]staticFile // by name under static/
	errorPage []byte                // pre-rendered 500 page, for when rendering itself fails
}

type staticFile struct {
	body        []byte
	hash        string
	contentType string
}

type navItem struct{ Key, Href, Label string }

// pageData is what every page template receives.
type pageData struct {
	Title       string
	Description string
	Section     string // the nav item to mark current
	CSRF        string
	Data        any
}

func parsePages() (*pages, error) {
	p := &pages{tmpl: map[string]*template.Template{}, static: map[string]staticFile{}}
	err := fs.WalkDir(web.FS, "static", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(web.FS, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		ct := map[string]string{".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon"}[path.Ext(name)]
		if ct == "" {
			ct = http.DetectContentType(b)
		}
		p.static[strings.TrimPrefix(name, "static/")] = staticFile{body: b, hash: hex.EncodeToString(sum[:6]), contentType: ct}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("server: static files: %w", err)
	}
	funcs := template.FuncMap{
		"static": func(name string) (string, error) {
			f, ok := p.static[name]
			if !ok {
				return "", fmt.Errorf("no static file %q", name)
			}
			return "/static/" + name + "?v=" + f.hash, nil
		},
		"navItems": func() []navItem {
			return []navItem{{"quiz", "/quiz", "Fit quiz"}, {"roles", "/roles", "Careers"}, {"search", "/search", "Search"}, {"about", "/about", "About"}}
		},
		"join":  strings.Join,
		"paras": paragraphs,
		"add":   func(a, b int) int { return a + b },
	}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(web.FS, append(partials, "templates/"+name+".html")...)
		if err != nil {
			return nil, fmt.Errorf("server: template %s: %w", name, err)
		}
		p.tmpl[name] = t
	}
	var buf bytes.Buffer
	if err := p.tmpl["error"].ExecuteTemplate(&buf, "base", pageData{Title: "Internal error",
		Data: errorView{Heading: "Internal error", Message: defaultMessage(http.StatusInternalServerError)}}); err != nil {
		return nil, fmt.Errorf("server: pre-render 500 page: %w", err)
	}
	p.errorPage = buf.Bytes()
	return p, nil
}

// paragraphs splits a narrative on blank lines.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// render executes a page into a buffer first, so a template error never
// sends half a page with a 200.
func (s *Server) render(c echo.Context, status int, page string, d pageData) error {
	d.CSRF = csrfToken(c)
	b, err := s.renderBytes(page, d)
	if err != nil {
		return fmt.Errorf("render %s: %w", page, err)
	}
	return c.HTMLBlob(status, b)
}

type errorView struct{ Heading, Message string }

func (s *Server) renderError(c echo.Context, status int, msg string) {
	err := s.render(c, status, "error", pageData{Title: headingFor(status), Data: errorView{Heading: headingFor(status), Message: msg}})
	if err != nil {
		s.log.Error("render error page", "err", err)
		_ = c.HTMLBlob(http.StatusInternalServerError, s.pages.errorPage)
	}
}

// static serves an embedded file; fingerprinted URLs are cached for a year.
func (s *Server) static(c echo.Context) error {
	f, ok := s.pages.static[c.Param("*")]
	if !ok {
		return echo.ErrNotFound
	}
	h := c.Response().Header()
	if c.QueryParam("v") == f.hash {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "public, max-age=300")
	}
	h.Set("ETag", `"`+f.hash+`"`)
	if c.Request().Header.Get("If-None-Match") == `"`+f.hash+`"` {
		return c.NoContent(http.StatusNotModified)
	}
	return sized(c, f.contentType, f.body)
}

func (s *Server) favicon(c echo.Context) error {
	f := s.pages.static["favicon.svg"]
	c.Response().Header().Set("Cache-Control", "public, max-age=86400")
	return sized(c, f.contentType, f.body)
}

func jsonEncode(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	return enc.Encode(v)
}
