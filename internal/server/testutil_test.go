package server

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"rolefit/internal/store"
)

// testApp is a running server over a real SQLite file.
type testApp struct {
	srv    *Server
	db     *store.DB
	path   string // the database file
	ts     *httptest.Server
	client *http.Client
}

func newTestApp(t *testing.T) *testApp {
	t.Helper()
	return newTestAppWith(t, func(c Config) Config { return c })
}

// newTestAppWith lets a test change the configuration.
func newTestAppWith(t *testing.T, cfg func(Config) Config) *testApp {
	t.Helper()
	return newTestAppTB(t, appSetup{cfg: cfg})
}

// get fetches path and returns the response and its body.
func (a *testApp) get(t *testing.T, path string) (*http.Response, string) {
	t.Helper()
	return a.do(t, http.MethodGet, path, "", nil)
}

func (a *testApp) do(t *testing.T, method, path, contentType string, body io.Reader) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, a.ts.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := a.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(b)
}

var csrfRE = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// csrfFrom scrapes the CSRF token from a page's form.
func csrfFrom(t *testing.T, body string) string {
	t.Helper()
	m := csrfRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no CSRF token in the page")
	}
	return m[1]
}

// postForm posts form values (the caller adds csrf_token when it wants one).
func (a *testApp) postForm(t *testing.T, path string, form url.Values) (*http.Response, string) {
	t.Helper()
	return a.do(t, http.MethodPost, path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
}

func wantStatus(t *testing.T, res *http.Response, want int) {
	t.Helper()
	if res.StatusCode != want {
		t.Fatalf("%s %s: got status %d, want %d", res.Request.Method, res.Request.URL.Path, res.StatusCode, want)
	}
}

func wantContains(t *testing.T, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("body does not contain %q", w)
		}
	}
}

// sessionValues decodes the test client's session cookie with the server's
// own store.
func (a *testApp) sessionValues(t *testing.T) map[any]any {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, a.ts.URL+"/", nil)
	u, _ := url.Parse(a.ts.URL)
	for _, c := range a.client.Jar.Cookies(u) {
		req.AddCookie(c)
	}
	sess, err := a.srv.sessions.Get(req, sessionName)
	if err != nil {
		t.Fatal(err)
	}
	return sess.Values
}
