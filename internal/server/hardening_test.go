package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// Regression tests for the findings of the outside test (issue 12,
// hardening items 1–9), one test per item.

// Item 1: an invented method must not become a metrics label.
func TestMetricsLabelsAreBounded(t *testing.T) {
	a := newTestApp(t)
	for i := 0; i < 40; i++ {
		a.do(t, fmt.Sprintf("INVENTED%d", i), "/", "", nil)
		a.do(t, fmt.Sprintf("X%d", i), fmt.Sprintf("/nowhere-%d", i), "", nil)
	}
	_, body := a.get(t, "/metrics")
	methods := map[string]bool{}
	for _, m := range regexp.MustCompile(`method="([^"]*)"`).FindAllStringSubmatch(body, -1) {
		methods[m[1]] = true
	}
	for m := range methods {
		if methodLabel(m) != m {
			t.Errorf("metrics carry method label %q", m)
		}
	}
	if !methods["other"] {
		t.Errorf("got method labels %v, want the invented methods counted as \"other\"", methods)
	}
	if strings.Contains(body, "nowhere-") {
		t.Error("metrics carry a raw unmatched path as a route label")
	}
}

// Item 2: HEAD answers wherever GET does.
func TestHeadAnswersLikeGet(t *testing.T) {
	a := newTestApp(t)
	for _, p := range []string{"/healthz", "/readyz", "/static/app.css", "/", "/roles/back-end-web-developer", "/api/v1/questions", "/quiz", "/robots.txt"} {
		res, body := a.do(t, http.MethodHead, p, "", nil)
		wantStatus(t, res, http.StatusOK)
		if body != "" {
			t.Errorf("HEAD %s: got a %d-byte body, want none", p, len(body))
		}
		get, _ := a.get(t, p)
		if got, want := res.Header.Get("Content-Type"), get.Header.Get("Content-Type"); got != want {
			t.Errorf("HEAD %s: Content-Type %q, GET has %q", p, got, want)
		}
	}
}

// Item 3: a method a path does not take is 405 with Allow, never the CSRF
// 403; a 404 sets no cookie.
func TestWrongMethodIs405AndNotFoundSetsNoCookie(t *testing.T) {
	a := newTestApp(t)
	for _, p := range []string{"/", "/healthz", "/quiz", "/quiz/1", "/results/abc", "/api/v1/roles"} {
		for _, m := range []string{http.MethodPut, http.MethodDelete, http.MethodPatch, "BREW"} {
			res, _ := a.do(t, m, p, "", nil)
			wantStatus(t, res, http.StatusMethodNotAllowed)
			if !strings.Contains(res.Header.Get("Allow"), http.MethodGet) {
				t.Errorf("%s %s: Allow %q, want it to list GET", m, p, res.Header.Get("Allow"))
			}
		}
	}
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut} {
		res, _ := a.do(t, m, "/no/such/page", "", nil)
		wantStatus(t, res, http.StatusNotFound)
		if c := res.Header.Values("Set-Cookie"); len(c) > 0 {
			t.Errorf("%s of a missing page set cookies %q", m, c)
		}
	}
}

// Item 4: a client that hangs up mid-submission is a 499 in the log and
// the metrics, not an ERROR and a 500.
func TestClientHangUpIsNotAServerError(t *testing.T) {
	var logs logBuffer
	a := newTestAppTB(t, appSetup{log: &logs})
	body, _ := json.Marshal(map[string]any{"answers": fullAnswers(a, 3)})
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // gone before the result is saved
	req := httptest.NewRequestWithContext(ctx, http.MethodPost, "/api/v1/assessments", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	a.srv.Handler().ServeHTTP(httptest.NewRecorder(), req)

	if strings.Contains(logs.String(), `"level":"ERROR"`) {
		t.Errorf("a client hang-up was logged as an error:\n%s", logs.String())
	}
	_, metrics := a.get(t, "/metrics")
	line := `rolefit_http_requests_total{method="POST",route="/api/v1/assessments",status="499"} 1`
	if !strings.Contains(metrics, line) {
		t.Errorf("metrics lack %s", line)
	}
	if strings.Contains(metrics, `status="500"`) {
		t.Error("a client hang-up was counted as a 500")
	}
}

// Items 5 and 6: private answers say noindex and no-store; robots.txt
// exists and keeps crawlers away from them.
func TestPrivateAnswersAreNoindexAndNoStore(t *testing.T) {
	a := newTestApp(t)
	body, _ := json.Marshal(map[string]any{"answers": fullAnswers(a, 4)})
	res, created := a.do(t, http.MethodPost, "/api/v1/assessments", "application/json", bytes.NewReader(body))
	wantStatus(t, res, http.StatusCreated)
	wantPrivate(t, res)
	var out struct{ ID string }
	if err := json.Unmarshal([]byte(created), &out); err != nil || out.ID == "" {
		t.Fatalf("no id in %.100s", created)
	}
	for _, p := range []string{"/api/v1/assessments/" + out.ID, "/results/" + out.ID, "/results/" + out.ID + "/download"} {
		res, _ := a.get(t, p)
		wantStatus(t, res, http.StatusOK)
		wantPrivate(t, res)
	}
	res, robots := a.get(t, "/robots.txt")
	wantStatus(t, res, http.StatusOK)
	wantContains(t, robots, "User-agent: *", "Disallow: /results/", "Disallow: /api/")
}

func wantPrivate(t *testing.T, res *http.Response) {
	t.Helper()
	p := res.Request.URL.Path
	if got := res.Header.Get("X-Robots-Tag"); !strings.Contains(got, "noindex") {
		t.Errorf("%s %s: X-Robots-Tag %q, want noindex", res.Request.Method, p, got)
	}
	if got := res.Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("%s %s: Cache-Control %q, want no-store", res.Request.Method, p, got)
	}
}

// Item 7: redirects and net/http's own 400 and 431 carry the security headers.
func TestSecurityHeadersOnRedirectsAndNetHTTPErrors(t *testing.T) {
	a := newTestApp(t)
	res, _ := a.get(t, "/roles/")
	wantStatus(t, res, http.StatusMovedPermanently)
	if res.Header.Get("Content-Security-Policy") == "" || res.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("trailing-slash redirect lacks the security headers: %v", res.Header)
	}
	raw := map[string]string{
		"400 malformed request line": "GET\r\n\r\n",
		"400 bad host":               "GET / HTTP/1.1\r\nHost: a b\r\n\r\n",
		"431 headers too large":      "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("a", 80<<10) + "\r\n\r\n",
	}
	for name, req := range raw {
		res := rawRequest(t, a.ts.Listener.Addr().String(), req)
		if want := name[:3]; !strings.HasPrefix(res.Status, want) {
			t.Errorf("%s: got %q, want %s", name, res.Status, want)
		}
		if res.Header.Get("Content-Security-Policy") != contentSecurityPolicy || res.Header.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: got headers %v, want the security headers", name, res.Header)
		}
	}
}

// rawRequest writes req on a fresh connection to addr and reads the answer.
func rawRequest(t *testing.T, addr, req string) *http.Response {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	go func() { _, _ = conn.Write([]byte(req)) }() // the server may answer before reading it all
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("reading the answer: %v", err)
	}
	res.Body.Close()
	return res
}

// Item 8: invalid UTF-8 in a query never reaches the page raw.
func TestSearchPageIsValidUTF8(t *testing.T) {
	a := newTestApp(t)
	for _, p := range []string{"/search?q=%ff%fe", "/search?q=nurse%c3", "/api/v1/roles?q=%ed%a0%80"} {
		res, body := a.get(t, p)
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: got %d, want 200", p, res.StatusCode)
		}
		if !utf8.ValidString(body) {
			t.Errorf("%s: the answer is not valid UTF-8", p)
		}
	}
}

// Item 9: the CSRF token is bound to the session, read from the header or
// the form body only, and cross-origin browser requests are refused.
func TestCSRFTokenIsBoundToSessionAndOrigin(t *testing.T) {
	a := newTestApp(t)
	_, page := a.get(t, "/quiz/1")
	token := csrfFrom(t, page)
	other := newTestApp(t) // same keys would not help: a second visitor
	_, otherPage := other.get(t, "/quiz/1")
	otherToken := csrfFrom(t, otherPage)

	post := func(path, token string, header map[string]string, form string) int {
		t.Helper()
		if token != "" {
			form += "&csrf_token=" + token
		}
		req, _ := http.NewRequest(http.MethodPost, a.ts.URL+path, strings.NewReader(form))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range header {
			req.Header.Set(k, v)
		}
		res, err := a.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	cases := []struct {
		name   string
		path   string
		token  string
		header map[string]string
		want   int
	}{
		{"valid form token", "/quiz/1", token, nil, http.StatusSeeOther},
		{"valid header token", "/quiz/1", "", map[string]string{"X-CSRF-Token": token}, http.StatusSeeOther},
		{"same-origin browser", "/quiz/1", token, map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": a.ts.URL}, http.StatusSeeOther},
		{"no token", "/quiz/1", "", nil, http.StatusForbidden},
		{"token in the query string", "/quiz/1?csrf_token=" + token, "", nil, http.StatusForbidden},
		{"another session's token", "/quiz/1", otherToken, nil, http.StatusForbidden},
		{"garbled token", "/quiz/1", garble(token), nil, http.StatusForbidden},
		{"cross-site fetch", "/quiz/1", token, map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
		{"foreign origin", "/quiz/1", token, map[string]string{"Origin": "https://evil.example"}, http.StatusForbidden},
	}
	for _, c := range cases {
		if got := post(c.path, c.token, c.header, "nav=back&"+sectionIDs(page)[0]+"=3"); got != c.want {
			t.Errorf("%s: got %d, want %d", c.name, got, c.want)
		}
	}
	// Tokens differ on every page (masked), and each stays valid.
	_, again := a.get(t, "/quiz/1")
	second := csrfFrom(t, again)
	if second == token {
		t.Error("two pages carry the same token: it is not masked")
	}
	if got := post("/quiz/1", token, nil, "nav=back"); got != http.StatusSeeOther {
		t.Errorf("the first page's token after a second page: got %d, want 303", got)
	}
}

// garble changes the token's first character, which is all pad: the
// secret it unmasks to cannot match. (Replacing the last two characters
// left a 1 in 256 chance of the same bytes, since the last one carries
// only two bits.)
func garble(token string) string {
	c := byte('A')
	if token[0] == 'A' {
		c = 'B'
	}
	return string(c) + token[1:]
}
