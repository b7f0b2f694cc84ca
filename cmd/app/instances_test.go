package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"rolefit/internal/pgtest"
	"rolefit/internal/testref"
)

// TestTwoInstancesShareOnePostgres runs two app processes on one
// PostgreSQL database, as behind a load balancer: whatever one instance
// saves or mints, the other serves; an import reaches both without a
// restart; killing one mid-load loses no acknowledged result.
func TestTwoInstancesShareOnePostgres(t *testing.T) {
	bin := appBinary(t)
	dsn := pgtest.Database(t)
	poll := "ROLEFIT_CATALOG_POLL=100ms"
	a := startBinary(t, bin, dsn, poll)
	b := startBinary(t, bin, dsn, poll)
	body := answersBody(t, a.url)

	// A result saved through A is read through B.
	id, err := submit(http.DefaultClient, a.url, body)
	if err != nil {
		t.Fatal(err)
	}
	if status, _ := fetch(t, http.DefaultClient, b.url+"/api/v1/assessments/"+id); status != http.StatusOK {
		t.Fatalf("result saved through A, read through B: got %d, want 200", status)
	}

	// A browser whose session and CSRF token come from A hides a match
	// through B, then deletes the result through A with B's token.
	jar, _ := cookiejar.New(nil) // cookies ignore ports: both instances get them
	browser := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	_, page := fetch(t, browser, a.url+"/results/"+id)
	slug := firstMatch(t, page)
	if status := postForm(t, browser, b.url+"/results/"+id+"/hide", url.Values{"csrf_token": {csrfOf(t, page)}, "slug": {slug}}); status != http.StatusSeeOther {
		t.Fatalf("hide through B with A's session and token: got %d, want 303", status)
	}
	_, doc := fetch(t, http.DefaultClient, a.url+"/api/v1/assessments/"+id)
	var res struct{ Hidden []string }
	if err := json.Unmarshal([]byte(doc), &res); err != nil || len(res.Hidden) != 1 || res.Hidden[0] != slug {
		t.Errorf("hidden matches read through A: got %v (%v), want [%s]", res.Hidden, err, slug)
	}
	_, page = fetch(t, browser, b.url+"/results/"+id)
	if status := postForm(t, browser, a.url+"/results/"+id+"/delete", url.Values{"csrf_token": {csrfOf(t, page)}}); status != http.StatusSeeOther {
		t.Fatalf("delete through A with B's token: got %d, want 303", status)
	}
	for _, inst := range []*runningBinary{a, b} {
		if status, _ := fetch(t, http.DefaultClient, inst.url+"/api/v1/assessments/"+id); status != http.StatusNotFound {
			t.Errorf("deleted result on %s: got %d, want 404", inst.url, status)
		}
	}

	// `app import`, run as its own process, reaches both running instances.
	if ref := testref.Dir(t); ref != "" {
		const dataOnly = "/occupations/15-1299.06" // no written role: served only after an import
		if status, _ := fetch(t, http.DefaultClient, a.url+dataOnly); status != http.StatusNotFound {
			t.Fatalf("before the import: got %d, want 404", status)
		}
		// The built binary, not run(): a process of its own, as an operator
		// runs it, and without the race detector's slowdown on the parsing.
		imp := exec.Command(bin, "import", "--onet", filepath.Join(ref, "onet"), "--bls", filepath.Join(ref, "bls"), "--db", dsn) // #nosec G204 -- the binary this test built
		if out, err := imp.CombinedOutput(); err != nil {
			t.Fatalf("import: %v\n%s", err, out)
		}
		for _, inst := range []*runningBinary{a, b} {
			deadline := time.Now().Add(20 * time.Second)
			status := 0
			for status != http.StatusOK && time.Now().Before(deadline) {
				time.Sleep(50 * time.Millisecond)
				status, _ = fetch(t, http.DefaultClient, inst.url+dataOnly)
			}
			if status != http.StatusOK {
				t.Errorf("%s after the import: got %d, want 200 without a restart", inst.url, status)
			}
		}
	}

	// Load on both; A is killed in the middle. Every result either
	// instance acknowledged is served by B.
	st := streamSubmissions(t, 4, body, a.url, b.url)
	st.waitFor(1500*time.Millisecond, 200)
	a.kill(t)
	time.Sleep(300 * time.Millisecond) // B keeps answering meanwhile
	saved := st.stop()
	if len(saved) == 0 {
		t.Fatal("no submission succeeded")
	}
	wantResults(t, b.url, saved)
}

func fetch(t *testing.T, c *http.Client, url string) (int, string) {
	t.Helper()
	res, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(b)
}

func postForm(t *testing.T, c *http.Client, url string, form url.Values) int {
	t.Helper()
	res, err := c.PostForm(url, form)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

var (
	csrfRE  = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)
	matchRE = regexp.MustCompile(`name="slug" value="([^"]+)"`)
)

func csrfOf(t *testing.T, page string) string {
	t.Helper()
	m := csrfRE.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no CSRF token in the page: %.300s", page)
	}
	return m[1]
}

// firstMatch is the slug of the first match the results page offers to hide.
func firstMatch(t *testing.T, page string) string {
	t.Helper()
	m := matchRE.FindStringSubmatch(page)
	if m == nil || strings.TrimSpace(m[1]) == "" {
		t.Fatalf("no hide form in the results page: %.300s", page)
	}
	return m[1]
}
