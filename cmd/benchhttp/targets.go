package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"strconv"
	"strings"
	"time"
)

// target is one request the benchmark repeats against both servers.
type target struct {
	method, path string
	want         int      // the status that counts as success
	bodies       [][]byte // JSON request bodies used in turn; nil for GET
	resp         canned   // the app's answer, replayed by the bare server
	skip         string   // why the target is not run, when the app lacks it
	fail         string   // why the target is not run, when the app answered wrongly
	bareNote     string   // how the bare server answers, when it is not the same bytes
}

func (t *target) name() string { return t.method + " " + t.path }

// The targets.
const (
	profilePath     = "/roles/back-end-web-developer"
	quizPath        = "/quiz/1"
	questionsPath   = "/api/v1/questions"
	assessmentsPath = "/api/v1/assessments"
)

func defaultTargets() []*target {
	return []*target{
		{method: http.MethodGet, path: profilePath, want: http.StatusOK},
		{method: http.MethodGet, path: quizPath, want: http.StatusOK},
		{method: http.MethodPost, path: assessmentsPath, want: http.StatusCreated},
	}
}

// newTransport returns a keep-alive transport to 127.0.0.1 with room for
// every worker's connection. Compression is off so that the transport never
// decompresses: with -gzip the workers ask for gzip themselves and count
// the compressed bytes.
func newTransport(conc int) *http.Transport {
	return &http.Transport{
		Proxy:                 nil,
		MaxIdleConns:          4 * conc,
		MaxIdleConnsPerHost:   4 * conc,
		IdleConnTimeout:       90 * time.Second,
		DisableCompression:    true,
		ResponseHeaderTimeout: 10 * time.Second,
	}
}

// newRequest builds t's request to base, without a body.
func newRequest(ctx context.Context, t *target, base, cookie string, gzip bool) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, t.method, base+t.path, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", "rolefit-benchhttp")
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	if gzip {
		req.Header.Set("Accept-Encoding", "gzip")
	}
	if t.bodies != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, nil
}

// visit GETs url the way a browser would on its first visit, following
// redirects with a fresh cookie jar, and returns the cookies it was given as
// one Cookie header, with the final status.
func visit(ctx context.Context, rt http.RoundTripper, url string) (cookie string, status int, err error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return "", 0, err
	}
	client := &http.Client{Transport: rt, Jar: jar}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", 0, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", 0, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	var parts []string
	for _, c := range jar.Cookies(req.URL) {
		parts = append(parts, c.Name+"="+c.Value)
	}
	return strings.Join(parts, "; "), resp.StatusCode, nil
}

// capture asks the app for each target once, the way the workers will, and
// keeps its answer for the bare server. A target the app does not have yet
// (404) is marked skipped.
func capture(ctx context.Context, base string, targets []*target, gzip bool) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	rt := newTransport(1)
	defer rt.CloseIdleConnections()
	for _, t := range targets {
		if err := captureOne(ctx, rt, base, t, gzip); err != nil {
			return fmt.Errorf("%s: %w", t.name(), err)
		}
	}
	return nil
}

func captureOne(ctx context.Context, rt http.RoundTripper, base string, t *target, gzip bool) error {
	var cookie string
	var body []byte
	switch t.method {
	case http.MethodGet:
		c, status, err := visit(ctx, rt, base+t.path)
		if err != nil {
			return err
		}
		if status == http.StatusNotFound {
			t.skip = "not available (404)"
			if t.path == quizPath {
				t.skip = "quiz not available"
			}
			return nil
		}
		cookie = c
	case http.MethodPost:
		ids, status, err := questionIDs(ctx, rt, base+questionsPath)
		if err != nil {
			return err
		}
		if status == http.StatusNotFound {
			t.skip = "API not available (GET " + questionsPath + " answered 404)"
			return nil
		}
		if status != http.StatusOK {
			t.fail = fmt.Sprintf("GET %s answered %d", questionsPath, status)
			return nil
		}
		if len(ids) == 0 {
			t.fail = "GET " + questionsPath + " listed no questions"
			return nil
		}
		t.bodies = answerBodies(ids)
		body = t.bodies[0]
	}

	req, err := newRequest(ctx, t, base, cookie, gzip)
	if err != nil {
		return err
	}
	if body != nil {
		req.Body, req.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	}
	resp, err := rt.RoundTrip(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != t.want {
		t.fail = fmt.Sprintf("app answered %d, want %d: %.200s", resp.StatusCode, t.want, b)
		return nil
	}
	t.resp = canned{status: resp.StatusCode, contentType: resp.Header.Get("Content-Type"),
		contentEncoding: resp.Header.Get("Content-Encoding"), body: b}
	if t.method == http.MethodPost {
		t.bareNote = fmt.Sprintf("bare: fixed %d JSON body of %d bytes (the app's answer to the first body); request drained, not decoded",
			t.resp.status, len(b))
	}
	return nil
}

// questionIDs lists the question ids from GET url ({"questions":[{"id":…}]}),
// as the strings that key the answers object.
func questionIDs(ctx context.Context, rt http.RoundTripper, url string) ([]string, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, 0, err
	}
	resp, err := rt.RoundTrip(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		return nil, resp.StatusCode, err
	}
	ids, err := parseQuestionIDs(b)
	return ids, resp.StatusCode, err
}

func parseQuestionIDs(b []byte) ([]string, error) {
	var doc struct {
		Questions []struct {
			ID json.RawMessage `json:"id"`
		} `json:"questions"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("questions: %w", err)
	}
	ids := make([]string, 0, len(doc.Questions))
	for i, q := range doc.Questions {
		raw := bytes.TrimSpace(q.ID)
		switch {
		case len(raw) == 0 || string(raw) == "null":
			return nil, fmt.Errorf("questions[%d]: no id", i)
		case raw[0] == '"':
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				return nil, fmt.Errorf("questions[%d].id: %w", i, err)
			}
			ids = append(ids, s)
		default: // a number: its text is the key
			if _, err := strconv.ParseFloat(string(raw), 64); err != nil {
				return nil, errors.New("questions[" + strconv.Itoa(i) + "].id: neither string nor number")
			}
			ids = append(ids, string(raw))
		}
	}
	return ids, nil
}

// answerBodies returns the five request bodies the workers take in turn:
// body i answers question j with (i+j)%5+1, so request n, which sends body
// n%5, answers (n+j)%5+1. Built before the run so the hot loop only points
// at bytes.
func answerBodies(ids []string) [][]byte {
	bodies := make([][]byte, 5)
	for i := range bodies {
		var b bytes.Buffer
		b.WriteString(`{"answers":{`)
		for j, id := range ids {
			if j > 0 {
				b.WriteByte(',')
			}
			key, _ := json.Marshal(id) // a string always marshals
			b.Write(key)
			b.WriteByte(':')
			b.WriteString(strconv.Itoa((i+j)%5 + 1))
		}
		b.WriteString(`}}`)
		bodies[i] = b.Bytes()
	}
	return bodies
}
