package server

import (
	"net/http"
	"strings"
	"testing"
)

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	a := newTestApp(t)
	paths := []string{"/", "/roles", "/roles/back-end-web-developer", "/roles/nope", "/healthz", "/readyz", "/static/app.css", "/nowhere"}
	for _, p := range paths {
		res, _ := a.get(t, p)
		h := res.Header
		csp := h.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", p, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP allows unsafe-inline", p)
		}
		for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin"} {
			if got := h.Get(k); got != want {
				t.Errorf("%s: %s got %q, want %q", p, k, got, want)
			}
		}
		if h.Get("Permissions-Policy") == "" || h.Get("X-Request-Id") == "" {
			t.Errorf("%s: missing Permissions-Policy or X-Request-Id", p)
		}
		if h.Get("Strict-Transport-Security") != "" {
			t.Errorf("%s: HSTS sent over plain HTTP", p)
		}
	}
}

func TestStaticFilesAreFingerprintedAndCached(t *testing.T) {
	a := newTestApp(t)
	_, body := a.get(t, "/")
	i := strings.Index(body, `href="/static/app.css?v=`)
	if i < 0 {
		t.Fatal("stylesheet link is not fingerprinted")
	}
	url := body[i+len(`href="`):]
	url = url[:strings.IndexByte(url, '"')]
	res, css := a.get(t, url)
	wantStatus(t, res, http.StatusOK)
	if got := res.Header.Get("Cache-Control"); !strings.Contains(got, "max-age=31536000") {
		t.Errorf("got Cache-Control %q, want a year", got)
	}
	if !strings.Contains(css, "--brand") {
		t.Error("stylesheet body missing")
	}
}

func TestGzip(t *testing.T) {
	a := newTestApp(t)
	req, _ := http.NewRequest(http.MethodGet, a.ts.URL+"/roles/back-end-web-developer", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if got := res.Header.Get("Content-Encoding"); got != "gzip" {
		t.Errorf("got Content-Encoding %q, want gzip", got)
	}
}

func TestBodyLimit(t *testing.T) {
	a := newTestApp(t)
	big := strings.NewReader(strings.Repeat("a", 200<<10))
	res, _ := a.do(t, http.MethodPost, "/", "application/x-www-form-urlencoded", big)
	wantStatus(t, res, http.StatusRequestEntityTooLarge)
}

func TestHealth(t *testing.T) {
	a := newTestApp(t)
	res, _ := a.get(t, "/healthz")
	wantStatus(t, res, http.StatusOK)
	res, _ = a.get(t, "/readyz")
	wantStatus(t, res, http.StatusOK)
	a.db.Close()
	res, _ = a.get(t, "/readyz")
	wantStatus(t, res, http.StatusServiceUnavailable)
	res, _ = a.get(t, "/healthz")
	wantStatus(t, res, http.StatusOK)
}

func TestInternalErrorsShowNoDetail(t *testing.T) {
	a := newTestApp(t)
	a.db.Close() // every query now fails inside the handler
	res, body := a.get(t, "/roles/back-end-web-developer")
	wantStatus(t, res, http.StatusInternalServerError)
	wantContains(t, body, "<h1>Internal error</h1>")
	if strings.Contains(body, "sql") || strings.Contains(body, "closed") {
		t.Error("internal error text leaked to the page")
	}
}

func TestTemplatesParse(t *testing.T) {
	p, err := parsePages()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range pageNames {
		if p.tmpl[name] == nil {
			t.Errorf("page %s not parsed", name)
		}
	}
	if !strings.Contains(string(p.errorPage), "Internal error") {
		t.Error("pre-rendered 500 page is empty")
	}
}
