package server

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"math/rand/v2"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"rolefit/internal/eval"
	"rolefit/internal/importer"
)

// The assessment answer as encoding/json made it from these types before
// it was written by hand (api_answer.go): the reference its bytes are
// compared with.

type apiFlag struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

type apiProfileEntry struct {
	Dimension string  `json:"dimension"`
	Name      string  `json:"name"`
	Group     string  `json:"group"`
	Score     float64 `json:"score"` // mean answer, 1–5
	Z         float64 `json:"z"`
}

type apiMatch struct {
	Slug     string     `json:"slug"`
	Title    string     `json:"title"`
	URL      string     `json:"url"`
	Category string     `json:"category"`
	JobZone  int        `json:"job_zone"`
	Fit      int        `json:"fit"`
	Band     string     `json:"band"`
	Tier     int        `json:"tier"`
	Reasons  []apiPoint `json:"reasons"`
	Stretch  []apiPoint `json:"stretch"`
	Mismatch *apiPoint  `json:"mismatch,omitempty"`
	RoleCode string     `json:"riasec"`
}

type apiPoint struct {
	Dimension string  `json:"dimension"`
	Text      string  `json:"text"`
	You       float64 `json:"you"`
	Role      float64 `json:"role"`
}

func apiPoints(ps []pointView) []apiPoint {
	out := make([]apiPoint, 0, len(ps))
	for _, p := range ps {
		out = append(out, apiPoint{Dimension: p.Dimension, Text: p.Text, You: round2(p.You), Role: round2(p.Role)})
	}
	return out
}

type apiAssessment struct {
	ID              string            `json:"id"`
	URL             string            `json:"url"`
	Created         string            `json:"created"`
	Code            string            `json:"riasec"`
	LowConfidence   bool              `json:"low_confidence"`
	Flags           []apiFlag         `json:"flags"`
	Profile         []apiProfileEntry `json:"profile"`
	Hidden          []string          `json:"hidden"`
	Matches         []apiMatch        `json:"matches"`
	FollowUps       []apiFollowUp     `json:"follow_ups"`
	FollowUpAnswers map[string]string `json:"follow_up_answers"`
}

func referenceAssessment(s *Server, ev *evaluation) apiAssessment {
	out := apiAssessment{ID: ev.Result.ID, URL: "/results/" + ev.Result.ID, Created: ev.Result.CreatedAt.Format("2006-01-02T15:04:05Z07:00"),
		Code: ev.Score.Code, LowConfidence: ev.Ranking.LowConfidence, Flags: []apiFlag{}, Hidden: ev.Result.Hidden,
		Matches: make([]apiMatch, 0, len(ev.Ranking.Matches))}
	if out.Hidden == nil {
		out.Hidden = []string{}
	}
	for _, f := range ev.Score.Flags {
		out.Flags = append(out.Flags, apiFlag{Code: string(f.Code), Message: f.Message})
	}
	for i, d := range ev.Score.Dimensions {
		out.Profile = append(out.Profile, apiProfileEntry{Dimension: d.ID, Name: s.bank.Dimensions[i].Name, Group: string(d.Group), Score: round2(d.Mean), Z: round2(d.Z)})
	}
	explain, err := s.index.Explainer(ev.Person)
	for i, m := range ev.Ranking.Matches {
		t := s.targets[m.Slug]
		mv := matchView{target: t}
		if err == nil && i < apiExplained {
			if ex, err := explain(m.Slug); err == nil {
				s.fillExplanation(&mv, ex)
			}
		}
		am := apiMatch{Slug: m.Slug, Title: t.Title, URL: t.Href, Category: t.Category, JobZone: t.JobZone, Fit: m.Fit,
			Band: string(m.Band()), Tier: m.Tier, Reasons: apiPoints(mv.Reasons), Stretch: apiPoints(mv.Stretch), RoleCode: mv.RoleCode}
		if mv.Mismatch != nil {
			am.Mismatch = &apiPoints([]pointView{*mv.Mismatch})[0]
		}
		out.Matches = append(out.Matches, am)
	}
	out.FollowUps, out.FollowUpAnswers = []apiFollowUp{}, map[string]string{}
	if ev.Next != nil {
		out.FollowUps = append(out.FollowUps, newAPIFollowUp(*ev.Next))
	}
	_, out.FollowUpAnswers = s.bank.FollowUps.Split(ev.Result.Answers)
	return out
}

// wantReferenceAnswer fails unless body is, byte for byte, what Echo's
// c.JSON (encoding/json's Encoder) makes of result id's reference shape.
func wantReferenceAnswer(t *testing.T, a *testApp, id, body, indent string) {
	t.Helper()
	ev, err := a.srv.loadEvaluation(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetIndent("", indent)
	if err := enc.Encode(referenceAssessment(a.srv, ev)); err != nil {
		t.Fatal(err)
	}
	if body != want.String() {
		i := 0
		for i < min(len(body), want.Len()) && body[i] == want.String()[i] {
			i++
		}
		t.Fatalf("result %s: the answer differs from encoding/json's at byte %d of %d:\ngot  …%.120s\nwant …%.120s",
			id, i, want.Len(), body[i:], want.String()[i:])
	}
}

// TestAssessmentAnswerIsEncodingJSONs: for answers of every kind (random,
// patterned, flagged, a persona through its follow-ups, with hidden roles),
// every endpoint that returns a result sends exactly the bytes encoding/json
// made of the documented shape, with ?pretty too.
func TestAssessmentAnswerIsEncodingJSONs(t *testing.T) {
	a := newTestApp(t)
	rng := rand.New(rand.NewPCG(1, 2))
	var sets []map[string]int
	for v := range 5 {
		m := map[string]int{}
		for id, x := range fullAnswers(a, v) {
			m[id] = x.(int)
		}
		sets = append(sets, m)
	}
	for _, fixed := range []int{1, 3, 5} {
		m := map[string]int{}
		for _, q := range a.srv.bank.Questions {
			m[q.ID] = fixed
		}
		sets = append(sets, m)
	}
	for range 12 {
		m := map[string]int{}
		for _, q := range a.srv.bank.Questions {
			m[q.ID] = 1 + rng.IntN(5)
		}
		sets = append(sets, m)
	}
	sets = append(sets, personaAnswers(t, a, eval.BackEnd))
	followed := 0
	for i, answers := range sets {
		b, _ := json.Marshal(map[string]any{"answers": answers})
		res, body := postJSON(t, a, string(b))
		wantStatus(t, res, http.StatusCreated)
		id := createdIDRE.FindStringSubmatch(body)[1]
		wantReferenceAnswer(t, a, id, body, "")
		if i%4 == 0 {
			if err := a.db.SetHidden(context.Background(), id, "software-developer", true); err != nil {
				t.Fatal(err)
			}
		}
		_, body = a.get(t, "/api/v1/assessments/"+id)
		wantReferenceAnswer(t, a, id, body, "")
		_, body = a.get(t, "/api/v1/assessments/"+id+"?pretty")
		wantReferenceAnswer(t, a, id, body, "  ")
		_, download := a.get(t, "/results/"+id+"/download")
		wantReferenceAnswer(t, a, id, download, "")
		// Each follow-up offered, answered, until none is.
		for n := 0; ; n++ {
			var cur struct {
				FollowUps []struct{ ID string } `json:"follow_ups"`
			}
			if err := json.Unmarshal([]byte(body), &cur); err != nil {
				t.Fatal(err)
			}
			if len(cur.FollowUps) == 0 || n > 6 {
				break
			}
			q, _ := a.srv.bank.FollowUps.Question(cur.FollowUps[0].ID)
			fb, _ := json.Marshal(map[string]any{"answers": map[string]string{q.ID: q.Options[n%len(q.Options)].ID}})
			res, body = a.do(t, http.MethodPost, "/api/v1/assessments/"+id+"/follow-ups", "application/json", bytes.NewReader(fb))
			wantStatus(t, res, http.StatusOK)
			wantReferenceAnswer(t, a, id, body, "")
			followed++
		}
	}
	if followed == 0 {
		t.Error("no answers were offered a follow-up: the test missed them")
	}
}

// TestAssessmentAnswerAfterImport: with every imported occupation matched
// beside the roles, the answer is still encoding/json's.
func TestAssessmentAnswerAfterImport(t *testing.T) {
	ref := referenceDir(t)
	ds, err := importer.Load(filepath.Join(ref, "onet"), filepath.Join(ref, "bls"), nil)
	if err != nil {
		t.Fatal(err)
	}
	a := newTestAppTB(t, appSetup{extra: ds.Occupations})
	for v := range 3 {
		b, _ := json.Marshal(map[string]any{"answers": fullAnswers(a, v)})
		res, body := postJSON(t, a, string(b))
		wantStatus(t, res, http.StatusCreated)
		wantReferenceAnswer(t, a, createdIDRE.FindStringSubmatch(body)[1], body, "")
	}
}

// FuzzAppendJSONString: any string is quoted exactly as encoding/json
// quotes it.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", `"quoted" \ back`, "<b>&amp;</b>", "\x00\x01\b\f\n\r\t\x1f\x7f", "é ﬁ 日本",
		"\xff\xfe bad", "\u2028\u2029", "a\xe2\x80", strings.Repeat("x", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	})
}

// FuzzAppendJSONFloat: any float is written exactly as encoding/json
// writes it, and NaN and infinities are refused as it refuses them.
func FuzzAppendJSONFloat(f *testing.F) {
	for _, x := range []float64{0, math.Copysign(0, -1), 1, -2.5, 3.45, 0.01, 1e-7, 1.5e-300, 1e20, 1e21, 123456789e15, math.MaxFloat64,
		math.SmallestNonzeroFloat64, math.NaN(), math.Inf(1), math.Inf(-1)} {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, x float64) {
		want, wantErr := json.Marshal(x)
		got, err := appendJSONFloat(nil, x)
		if (err != nil) != (wantErr != nil) || err == nil && !bytes.Equal(got, want) {
			t.Errorf("appendJSONFloat(%v) = %s, %v; want %s, %v", x, got, err, want, wantErr)
		}
	})
}
