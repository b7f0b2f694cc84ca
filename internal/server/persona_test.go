package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
)

// A persona answers by dimension: 5 for what it is drawn to, 1 for what it
// avoids, 3 elsewhere; reverse-keyed items are mirrored as a person would.
type persona struct {
	high, low []string
}

// backEndPersona answers as the Back-End Web Developer's "who thrives"
// reads: comfortable in code (programming), fluent in system design
// (systems and operations analysis), calm during production incidents
// (stress tolerance), patient with iterative architecture (persistence),
// analytical, and not drawn to pure UI work (artistic low).
var backEndPersona = persona{
	high: []string{"programming", "systems_analysis", "operations_analysis", "stress_tolerance", "persistence",
		"analytical_thinking", "investigative"},
	low: []string{"artistic"},
}

// visualPersona is visual, user-facing and inventive.
var visualPersona = persona{
	high: []string{"artistic", "innovation", "technology_design", "social_perceptiveness", "active_listening", "adaptability",
		"social", "coordination", "writing", "initiative"},
	low: []string{"programming", "conventional", "realistic", "operations_analysis", "systems_analysis", "troubleshooting",
		"mathematics", "equipment_maintenance", "operation_control"},
}

func personaAnswers(t *testing.T, a *testApp, p persona) map[string]int {
	t.Helper()
	level := map[string]int{}
	for _, d := range p.high {
		if a.srv.bank.DimensionIndex(d) < 0 {
			t.Fatalf("persona names unknown dimension %q", d)
		}
		level[d] = 5
	}
	for _, d := range p.low {
		if a.srv.bank.DimensionIndex(d) < 0 {
			t.Fatalf("persona names unknown dimension %q", d)
		}
		level[d] = 1
	}
	out := map[string]int{}
	for _, q := range a.srv.bank.Questions {
		v := level[q.Dimension]
		if v == 0 {
			v = 3
		}
		if q.Reverse {
			v = 6 - v
		}
		out[q.ID] = v
	}
	return out
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
	r := submit(t, a, personaAnswers(t, a, backEndPersona))
	be := rankOf(r, "back-end-web-developer")
	if be > 3 {
		t.Errorf("back-end-web-developer ranked %d, want top 3 (top: %v)", be, r.Matches[:5])
	}
	for _, other := range []string{"front-end-web-developer", "interface-designer"} {
		if rankOf(r, other) <= be {
			t.Errorf("%s ranked %d, above back-end at %d", other, rankOf(r, other), be)
		}
	}
}

func TestPersonaVisualDesigner(t *testing.T) {
	a := newTestApp(t)
	r := submit(t, a, personaAnswers(t, a, visualPersona))
	be := rankOf(r, "back-end-web-developer")
	best := min(rankOf(r, "interface-designer"), rankOf(r, "ux-designer"))
	if best >= be {
		t.Errorf("interface/UX designer best rank %d, not above back-end at %d (top: %v)", best, be, r.Matches[:5])
	}
}
