package server

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// plainKeyRE matches posted keys whose escaped form is easy to predict.
var plainKeyRE = regexp.MustCompile(`^[A-Za-z0-9_<>]*[<>][A-Za-z0-9_<>]*$`)

// FuzzQuizForm posts arbitrary url-encoded bodies, after a valid CSRF
// token scraped from the page, to POST /quiz/1. It never answers 5xx; a
// re-rendered page (422) lists unknown keys escaped, never as raw markup.
func FuzzQuizForm(f *testing.F) {
	a := newTestAppTB(f, appSetup{})
	// The setup runs outside any *testing.T, so it cannot use a.get.
	res, err := a.client.Get(a.ts.URL + "/quiz/1")
	if err != nil {
		f.Fatal(err)
	}
	page := readAll(f, res)
	m := csrfRE.FindStringSubmatch(page)
	if m == nil {
		f.Fatal("no CSRF token on /quiz/1")
	}
	token := m[1]
	ids := sectionIDs(page)
	if len(ids) == 0 {
		f.Fatal("no questions on /quiz/1")
	}

	// Markup the pages make by themselves: a posted string that occurs in
	// it proves nothing when it turns up in a response.
	post := func(body string) string {
		res, err := a.client.Post(a.ts.URL+"/quiz/1", "application/x-www-form-urlencoded", strings.NewReader("csrf_token="+token+"&"+body))
		if err != nil {
			f.Fatal(err)
		}
		return readAll(f, res)
	}
	allInvalid, someValid := url.Values{"zz": {"1"}}, url.Values{"zz": {"1"}}
	for i, id := range ids {
		allInvalid.Set(id, "x")
		if i > 0 {
			someValid.Set(id, "3")
		}
	}
	baseline := page + post("nav=next") + post(allInvalid.Encode()+"&nav=next") + post(someValid.Encode()+"&nav=next")

	f.Add("nav=next")
	f.Add("nav=back")
	f.Add(ids[0] + "=3&nav=next")
	f.Add(ids[0] + "=0&" + ids[1] + "=6&nav=next")
	f.Add(ids[0] + "=3&" + ids[0] + "=4")
	f.Add("%3Cscript%3Ealert(1)%3C%2Fscript%3E=1")
	f.Add("q99=%3Cb%3E")
	f.Add("<img src=x onerror=alert(1)>=3")
	f.Add(url.Values{ids[0]: {"1"}, "x<y": {"\"><svg>"}}.Encode())
	f.Add("%zz=1")
	f.Add("a;b=1")
	f.Add("=&==&&")
	f.Add(strings.Repeat("k=v&", 200))
	f.Add("nav=back&q60=5")
	f.Add("\xff\xfe=\x00")

	f.Fuzz(func(t *testing.T, body string) {
		res, out := a.do(t, http.MethodPost, "/quiz/1", "application/x-www-form-urlencoded", strings.NewReader("csrf_token="+token+"&"+body))
		switch res.StatusCode {
		case http.StatusSeeOther, http.StatusBadRequest, http.StatusUnprocessableEntity:
		default:
			t.Fatalf("got %d for body %q, want 303, 400 or 422", res.StatusCode, body)
		}
		if res.StatusCode != http.StatusUnprocessableEntity {
			return
		}
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("422 with content type %q, want text/html", ct)
		}
		form, _ := url.ParseQuery(body) // what parses, as the server read it
		inSection := map[string]bool{"csrf_token": true, "nav": true}
		for _, id := range ids {
			inSection[id] = true
		}
		for key, vals := range form {
			for _, s := range append([]string{key}, vals...) {
				if strings.ContainsAny(s, "<>") && strings.Contains(out, s) && !strings.Contains(baseline, s) {
					t.Fatalf("the 422 page holds posted text %q unescaped (body %q)", s, body)
				}
			}
			// An unknown key is listed, escaped: so the check above is not
			// passing merely because keys are never shown.
			if !inSection[key] && plainKeyRE.MatchString(key) {
				esc := strings.NewReplacer("<", "&lt;", ">", "&gt;").Replace(key)
				if !strings.Contains(out, esc) {
					t.Errorf("the 422 page does not list unknown key %q as %q", key, esc)
				}
			}
		}
	})
}

// readAll reads and closes a response body.
func readAll(tb testing.TB, res *http.Response) string {
	tb.Helper()
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}
