package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"rolefit/internal/eval"
	"strings"
	"testing"
)

// schemaChecker validates JSON values against the subset of JSON Schema
// our OpenAPI document uses: type, required, properties, items, enum,
// minimum, maximum, oneOf, additionalProperties and $ref.
type schemaChecker struct{ doc map[string]any }

func (sc schemaChecker) resolve(s map[string]any) map[string]any {
	for {
		ref, ok := s["$ref"].(string)
		if !ok {
			return s
		}
		node := any(sc.doc)
		for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			node = node.(map[string]any)[part]
		}
		s = node.(map[string]any)
	}
}

func typeOf(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	case float64:
		if x == math.Trunc(x) {
			return "integer"
		}
		return "number"
	}
	return "unknown"
}

func (sc schemaChecker) check(path string, schema map[string]any, v any) []string {
	s := sc.resolve(schema)
	var errs []string
	if alts, ok := s["oneOf"].([]any); ok {
		n := 0
		for _, alt := range alts {
			if len(sc.check(path, alt.(map[string]any), v)) == 0 {
				n++
			}
		}
		if n != 1 {
			errs = append(errs, fmt.Sprintf("%s: matches %d of oneOf", path, n))
		}
		return errs
	}
	if t, ok := s["type"]; ok {
		got := typeOf(v)
		var allowed []string
		switch tt := t.(type) {
		case string:
			allowed = []string{tt}
		case []any:
			for _, x := range tt {
				allowed = append(allowed, x.(string))
			}
		}
		okType := false
		for _, a := range allowed {
			okType = okType || a == got || (a == "number" && got == "integer")
		}
		if !okType {
			return []string{fmt.Sprintf("%s: got %s, want %v", path, got, allowed)}
		}
	}
	if enum, ok := s["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			found = found || e == v
		}
		if !found {
			errs = append(errs, fmt.Sprintf("%s: %v not in enum", path, v))
		}
	}
	if f, ok := v.(float64); ok {
		if m, ok := s["minimum"].(float64); ok && f < m {
			errs = append(errs, fmt.Sprintf("%s: %v below %v", path, f, m))
		}
		if m, ok := s["maximum"].(float64); ok && f > m {
			errs = append(errs, fmt.Sprintf("%s: %v above %v", path, f, m))
		}
	}
	if obj, ok := v.(map[string]any); ok {
		for _, r := range asList(s["required"]) {
			if _, ok := obj[r.(string)]; !ok {
				errs = append(errs, fmt.Sprintf("%s: missing %s", path, r))
			}
		}
		props, _ := s["properties"].(map[string]any)
		for k, val := range obj {
			if ps, ok := props[k]; ok {
				errs = append(errs, sc.check(path+"."+k, ps.(map[string]any), val)...)
			} else if ap, ok := s["additionalProperties"].(map[string]any); ok {
				errs = append(errs, sc.check(path+"."+k, ap, val)...)
			} else if s["additionalProperties"] == false {
				errs = append(errs, fmt.Sprintf("%s: unexpected %s", path, k))
			} else if props != nil {
				errs = append(errs, fmt.Sprintf("%s: undocumented property %s", path, k))
			}
		}
	}
	if arr, ok := v.([]any); ok {
		if items, ok := s["items"].(map[string]any); ok {
			for i, it := range arr {
				errs = append(errs, sc.check(fmt.Sprintf("%s[%d]", path, i), items, it)...)
			}
		}
	}
	return errs
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func TestAPIConformsToOpenAPI(t *testing.T) {
	a := newTestApp(t)
	res, body := a.get(t, "/api/openapi.json")
	wantStatus(t, res, http.StatusOK)
	var doc map[string]any
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["openapi"] != "3.1.0" {
		t.Errorf("openapi version %v", doc["openapi"])
	}
	sc := schemaChecker{doc}
	paths := doc["paths"].(map[string]any)

	// Every API route is documented.
	for _, r := range a.srv.echo.Routes() {
		if !strings.HasPrefix(r.Path, "/api/v1/") || r.Method == http.MethodHead {
			continue // HEAD is GET without the body (RFC 9110), documented by its GET
		}
		p := strings.NewReplacer(":slug", "{slug}", ":id", "{id}").Replace(r.Path)
		op, ok := paths[p].(map[string]any)
		if !ok || op[strings.ToLower(r.Method)] == nil {
			t.Errorf("route %s %s is not in the OpenAPI document", r.Method, r.Path)
		}
	}

	answers, _ := json.Marshal(map[string]any{"answers": personaAnswers(t, a, eval.BackEnd)})
	res, created := a.do(t, http.MethodPost, "/api/v1/assessments", "application/json", bytes.NewReader(answers))
	wantStatus(t, res, http.StatusCreated)
	var c struct {
		ID        string
		FollowUps []struct {
			ID      string
			Options []struct{ ID string }
		} `json:"follow_ups"`
	}
	_ = json.Unmarshal([]byte(created), &c)
	if len(c.FollowUps) != 1 || len(c.FollowUps[0].Options) < 2 {
		t.Fatalf("the back-end persona's result offers %d follow-ups, want the next one", len(c.FollowUps))
	}
	fu := c.FollowUps[0]
	followUp := fmt.Sprintf(`{"answers":{%q:%q}}`, fu.ID, fu.Options[0].ID)

	calls := []struct {
		method, path, docPath, ctype, body string
		status                             int
	}{
		{"GET", "/api/v1/roles", "/api/v1/roles", "", "", 200},
		{"GET", "/api/v1/roles?q=nurse", "/api/v1/roles", "", "", 200},
		{"GET", "/api/v1/roles?category=nowhere", "/api/v1/roles", "", "", 404},
		{"GET", "/api/v1/roles?include=occupations&category=legal", "/api/v1/roles", "", "", 200},
		{"GET", "/api/v1/roles?include=everything", "/api/v1/roles", "", "", 400},
		{"GET", "/api/v1/roles/back-end-web-developer", "/api/v1/roles/{slug}", "", "", 200},
		{"GET", "/api/v1/roles/musician", "/api/v1/roles/{slug}", "", "", 200},
		{"GET", "/api/v1/roles/nobody", "/api/v1/roles/{slug}", "", "", 404},
		{"GET", "/api/v1/dimensions", "/api/v1/dimensions", "", "", 200},
		{"GET", "/api/v1/questions", "/api/v1/questions", "", "", 200},
		{"POST", "/api/v1/assessments", "/api/v1/assessments", "application/json", string(answers), 201},
		{"POST", "/api/v1/assessments", "/api/v1/assessments", "application/json", `{"answers":{"q01":9}}`, 422},
		{"POST", "/api/v1/assessments", "/api/v1/assessments", "text/plain", `x`, 415},
		{"POST", "/api/v1/assessments", "/api/v1/assessments", "application/json", `{`, 400},
		{"GET", "/api/v1/assessments/" + c.ID, "/api/v1/assessments/{id}", "", "", 200},
		{"GET", "/api/v1/assessments/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "/api/v1/assessments/{id}", "", "", 404},
		{"POST", "/api/v1/assessments/" + c.ID + "/follow-ups", "/api/v1/assessments/{id}/follow-ups", "application/json", followUp, 200},
		{"POST", "/api/v1/assessments/" + c.ID + "/follow-ups", "/api/v1/assessments/{id}/follow-ups", "application/json", fmt.Sprintf(`{"answers":{%q:"nope","fu_nope":"x"}}`, fu.ID), 422},
		{"POST", "/api/v1/assessments/" + c.ID + "/follow-ups", "/api/v1/assessments/{id}/follow-ups", "application/json", `{"answers":{}}`, 422},
		{"POST", "/api/v1/assessments/" + c.ID + "/follow-ups", "/api/v1/assessments/{id}/follow-ups", "application/json", `{"answers":`, 400},
		{"POST", "/api/v1/assessments/" + c.ID + "/follow-ups", "/api/v1/assessments/{id}/follow-ups", "text/plain", followUp, 415},
		{"POST", "/api/v1/assessments/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/follow-ups", "/api/v1/assessments/{id}/follow-ups", "application/json", followUp, 404},
	}
	for _, call := range calls {
		res, body := a.do(t, call.method, call.path, call.ctype, strings.NewReader(call.body))
		if res.StatusCode != call.status {
			t.Errorf("%s %s: got %d, want %d", call.method, call.path, res.StatusCode, call.status)
			continue
		}
		op := paths[call.docPath].(map[string]any)[strings.ToLower(call.method)].(map[string]any)
		resp, ok := op["responses"].(map[string]any)[fmt.Sprint(call.status)].(map[string]any)
		if !ok {
			t.Errorf("%s %s: status %d not documented", call.method, call.docPath, call.status)
			continue
		}
		resp = sc.resolve(resp)
		ctype := strings.Split(res.Header.Get("Content-Type"), ";")[0]
		media, ok := resp["content"].(map[string]any)[ctype].(map[string]any)
		if !ok {
			t.Errorf("%s %s %d: content type %s not documented", call.method, call.path, call.status, ctype)
			continue
		}
		var v any
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			t.Errorf("%s %s: %v", call.method, call.path, err)
			continue
		}
		for _, e := range sc.check("$", media["schema"].(map[string]any), v) {
			t.Errorf("%s %s: %s", call.method, call.path, e)
		}
	}
}

func TestSchemaCheckerCatchesMismatches(t *testing.T) {
	sc := schemaChecker{map[string]any{}}
	schema := map[string]any{"type": "object", "required": []any{"id"}, "properties": map[string]any{
		"id": map[string]any{"type": "string"}, "fit": map[string]any{"type": "integer", "maximum": 100.0}}}
	for _, bad := range []string{`{}`, `{"id":1}`, `{"id":"a","fit":101}`, `{"id":"a","fit":1.5}`, `{"id":"a","other":1}`, `[]`} {
		var v any
		_ = json.Unmarshal([]byte(bad), &v)
		if len(sc.check("$", schema, v)) == 0 {
			t.Errorf("%s passed the schema", bad)
		}
	}
	var v any
	_ = json.Unmarshal([]byte(`{"id":"a","fit":100}`), &v)
	if errs := sc.check("$", schema, v); len(errs) != 0 {
		t.Errorf("valid value rejected: %v", errs)
	}
}
