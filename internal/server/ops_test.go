package server

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

func TestTrustedProxyTLSMakesCookiesSecure(t *testing.T) {
	a := newTestAppWith(t, func(c Config) Config { c.TrustProxy = true; return c })
	req, _ := http.NewRequest(http.MethodGet, a.ts.URL+"/quiz/1", nil)
	req.Header.Set("X-Forwarded-Proto", "https")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.Header.Get("Strict-Transport-Security") == "" {
		t.Error("no HSTS behind a TLS proxy")
	}
	if len(res.Cookies()) == 0 {
		t.Fatal("no cookie set")
	}
	for _, c := range res.Cookies() {
		if !c.Secure {
			t.Errorf("cookie %s not Secure behind a TLS proxy", c.Name)
		}
	}
	// The same header from an untrusted client changes nothing.
	b := newTestApp(t)
	req, _ = http.NewRequest(http.MethodGet, b.ts.URL+"/quiz/1", nil)
	req.Header.Set("X-Forwarded-Proto", "https")
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.Header.Get("Strict-Transport-Security") != "" {
		t.Error("HSTS sent on an untrusted X-Forwarded-Proto")
	}
	for _, c := range res.Cookies() {
		if c.Secure {
			t.Errorf("cookie %s Secure on plain HTTP", c.Name)
		}
	}
}

func TestMetricsCountRequestsAndSubmissions(t *testing.T) {
	a := newTestApp(t)
	a.get(t, "/roles/back-end-web-developer")
	a.get(t, "/roles/nobody")
	a.answerAll(t, func(id string) int { return 2 + len(id)%3 })
	res, body := a.get(t, "/metrics")
	wantStatus(t, res, http.StatusOK)
	wantContains(t, body,
		`rolefit_http_requests_total{method="GET",route="/roles/:slug",status="200"} 1`,
		`rolefit_http_requests_total{method="GET",route="/roles/:slug",status="404"} 1`,
		`rolefit_http_requests_total{method="POST",route="/quiz/submit",status="303"} 1`,
		`rolefit_http_request_duration_seconds_bucket{route="/roles/:slug"`,
		"rolefit_submissions_total 1",
		"rolefit_db_errors_total 0",
	)
}

func TestAccessLogCarriesTheRequestID(t *testing.T) {
	var logs logBuffer
	a := newTestAppTB(t, appSetup{log: &logs})
	res, _ := a.get(t, "/roles/back-end-web-developer")
	id := res.Header.Get("X-Request-Id")
	if id == "" {
		t.Fatal("no X-Request-Id header")
	}
	for _, line := range strings.Split(logs.String(), "\n") {
		var entry struct {
			Msg, ID, Route string
			Status         int
		}
		if json.Unmarshal([]byte(line), &entry) == nil && entry.Msg == "request" && entry.ID == id {
			if entry.Route != "/roles/:slug" || entry.Status != http.StatusOK {
				t.Errorf("access log line: got route %q status %d", entry.Route, entry.Status)
			}
			return
		}
	}
	t.Errorf("no access log line with request id %s in:\n%s", id, logs.String())
}
