package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"

	"rolefit/internal/eval"
)

// personaAnswers answers the whole questionnaire as a hand-written
// persona of internal/eval would.
func personaAnswers(t *testing.T, a *testApp, p eval.Persona) map[string]int {
	t.Helper()
	for d := range p {
		if _, ok := a.srv.index.Position(d); !ok {
			t.Fatalf("persona names unknown dimension or scale %q", d)
		}
	}
	return p.Answers(a.srv.bank)
}

type apiResult struct {
	ID      string `json:"id"`
	Matches []struct {
		Slug string `json:"slug"`
		Fit  int    `json:"fit"`
	} `json:"matches"`
}

func submit(t *testing.T, a *testApp, answers map[string]int) apiResult {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"answers": answers})
	res, body := a.do(t, http.MethodPost, "/api/v1/assessments", "application/json", bytes.NewReader(b))
	wantStatus(t, res, http.StatusCreated)
	var out apiResult
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func rankOf(r apiResult, slug string) int {
	for i, m := range r.Matches {
		if m.Slug == slug {
			return i + 1
		}
	}
	return 1 << 30
}

func TestPersonaBackEndDeveloper(t *testing.T) {
	a := newTestApp(t)
	r := submit(t, a, personaAnswers(t, a, eval.BackEnd))
	be := rankOf(r, "back-end-web-developer")
	if be > 3 {
		t.Errorf("back-end-web-developer ranked %d, want top 3 (top: %v)", be, r.Matches[:5])
	}
	for _, other := range []string{"front-end-web-developer", "interface-designer", "ux-designer"} {
		if rankOf(r, other) <= be {
			t.Errorf("%s ranked %d, above back-end at %d", other, rankOf(r, other), be)
		}
	}
}

func TestPersonaVisualDesigner(t *testing.T) {
	a := newTestApp(t)
	r := submit(t, a, personaAnswers(t, a, eval.Visual))
	be := rankOf(r, "back-end-web-developer")
	best := min(rankOf(r, "interface-designer"), rankOf(r, "ux-designer"))
	if best >= be {
		t.Errorf("interface/UX designer best rank %d, not above back-end at %d (top: %v)", best, be, r.Matches[:5])
	}
}
