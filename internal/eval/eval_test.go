package eval

import (
	"bytes"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"rolefit/data"
	"rolefit/internal/assessment"
	"rolefit/internal/catalog"
	"rolefit/internal/matching"
)

func setup(t testing.TB) (*assessment.Bank, *matching.Index, matching.Source) {
	t.Helper()
	cat, err := catalog.Load(data.FS)
	if err != nil {
		t.Fatalf("catalog.Load: %v", err)
	}
	bank, err := assessment.LoadBank(data.FS, "questions.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := matching.Source{Roles: cat.Roles, Occupations: cat.Occupations, Elements: cat.Elements, Norms: cat.Norms}
	ix, err := matching.Build(bank, src)
	if err != nil {
		t.Fatal(err)
	}
	return bank, ix, src
}

// TestBars fails when matching falls below what issue 8 asks of it. The
// sample is smaller than make eval's, so the bars leave room for its
// sampling error only where a figure sits close to them.
func TestBars(t *testing.T) {
	bank, ix, src := setup(t)
	cfg := DefaultConfig()
	rep, err := Run(bank, ix, src, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rep.Write(&buf); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + buf.String())

	for _, r := range rep.Retrieval {
		if r.Noise == 1.0 && r.Bias == 0 && r.Own5 < 0.97 {
			t.Errorf("%s, noise 1.0: own occupation in the top 5 for %s, want ≥ 97%%", r.Source, pct(r.Own5))
		}
	}
	for _, s := range rep.Stability {
		if s.Overlap < 4 {
			t.Errorf("%s: two takes share %.2f of their top 5, want ≥ 4", s.Source, s.Overlap)
		}
		if s.FitMove >= 3 {
			t.Errorf("%s: fits move %.2f points between takes, want < 3", s.Source, s.FitMove)
		}
		if s.BandChange > 0.10 {
			t.Errorf("%s: %s of top-5 bands change between takes, want ≤ 10%%", s.Source, pct(s.BandChange))
		}
		// make eval (30 a role) measures the #1 of role-profile
		// respondents staying first in at least 97% of retakes; this
		// smaller sample has a standard error of about half a point.
		if s.Source == FromRole && s.Same1 < 0.96 {
			t.Errorf("%s: #1 the same in %s of retakes, want ≥ 96%% here (97%% in make eval)", s.Source, pct(s.Same1))
		}
	}
	if n := len(rep.Explanations.Violations); n > 0 {
		t.Errorf("explanation rules broken: %v; e.g. %v", rep.Explanations.Violations, rep.Explanations.Examples)
	}
	if rep.Explanations.Reasons == 0 || rep.Explanations.Stretches == 0 || rep.Explanations.Mismatches == 0 {
		t.Errorf("explanations gave %d reasons, %d stretches, %d mismatches: each kind must occur", rep.Explanations.Reasons, rep.Explanations.Stretches, rep.Explanations.Mismatches)
	}
	for _, f := range rep.Flags {
		switch {
		case f.Kind == "uniformly random":
			if f.Flagged < 0.90 || f.Good > 0 {
				t.Errorf("random answers: %s flagged, %s at good or better; want ≥ 90%% and none", pct(f.Flagged), pct(f.Good))
			}
		case f.Kind == "one answer throughout":
			if f.Flagged < 1 {
				t.Errorf("one answer throughout: %s flagged, want all", pct(f.Flagged))
			}
		case strings.HasPrefix(f.Kind, "attentive") && !strings.Contains(f.Kind, "bias"):
			if f.Flagged > 0.03 {
				t.Errorf("%s: %s flagged, want ≤ 3%%", f.Kind, pct(f.Flagged))
			}
		}
	}
	for _, s := range rep.Strong {
		if s.Median < 1 || s.Median > 6 {
			t.Errorf("noise %.2f: median %v strong roles, want 1–6", s.Noise, s.Median)
		}
	}
	if c := ix.Calibration(); math.Abs(c.Rand-rep.Measured.Rand) > 0.05*c.Rand {
		t.Errorf("committed calibration Rand %.4f drifted from measured %.4f: run go run ./cmd/eval -write-calibration internal/matching/calibration.go", c.Rand, rep.Measured.Rand)
	}
}

// TestExplanationRules checks every top-10 card of a few hundred
// respondents of several kinds against the rules, independently restated.
func TestExplanationRules(t *testing.T) {
	bank, ix, src := setup(t)
	resp := newRespondent(bank)
	onet := onetLevels(bank, ix, src)
	rng := rand.New(rand.NewPCG(42, 7))
	cards := 0
	check := func(a map[string]int) {
		t.Helper()
		vs, err := CheckCards(bank, ix, a)
		if err != nil {
			t.Fatal(err)
		}
		cards += 10
		for _, v := range vs {
			t.Errorf("rule broken: %v", v)
		}
	}
	for r, p := range ix.Profiles() {
		check(resp.answer(rng, p.Level, 0.3+rng.Float64(), rng.NormFloat64()*0.5))
		if r%2 == 0 {
			check(resp.answer(rng, onet[r], 1, rng.NormFloat64()*0.5))
		}
	}
	for range 50 {
		// People like no occupation: a random profile answered carefully.
		lv := make([]float64, len(bank.Dimensions))
		for d := range lv {
			lv[d] = 1 + 4*rng.Float64()
		}
		check(resp.answer(rng, lv, 0.5, 0))
	}
	if cards < 300*10 {
		t.Errorf("checked %d cards, want at least 3000", cards)
	}
}

// TestCheckExplanationCatches proves the checker can fail: each broken
// rule in a hand-made explanation is reported.
func TestCheckExplanationCatches(t *testing.T) {
	bank, ix, _ := setup(t)
	prof, _ := ix.Profile("back-end-web-developer")
	n := len(bank.Dimensions)
	p := matching.Person{Level: make([]float64, n), Items: bank.DimensionItems(), Mean: 3}
	for d := range p.Level {
		p.Level[d] = 3
	}
	prog := bank.DimensionIndex("programming")
	integ := bank.DimensionIndex("integrity")
	pt := func(d int, text string) matching.Point {
		return matching.Point{Dimension: bank.Dimensions[d].ID, You: p.Level[d], Role: prof.Level[d], Text: text}
	}
	ex := matching.Explanation{
		Reasons:  []matching.Point{pt(prog, "programming")}, // the person is neutral: not a reason
		Stretch:  []matching.Point{pt(prog, "programming")}, // and it is a reason too
		Mismatch: &matching.Point{Dimension: "integrity", Text: "nothing", You: 3, Role: prof.Level[integ]},
	}
	got := map[string]bool{}
	for _, v := range CheckExplanation(bank, ix.Weights(), prof, p, ex) {
		got[v.Rule] = true
	}
	for _, rule := range []string{RuleReasonPerson, RuleContradiction, RuleMismatchVirtue, RuleMismatchTrue, RuleText} {
		if !got[rule] {
			t.Errorf("checker missed %q; got %v", rule, got)
		}
	}
}

func TestRunDeterministic(t *testing.T) {
	bank, ix, src := setup(t)
	cfg := Config{PerRole: 1, Seed: 3}
	write := func(cfg Config) string {
		rep, err := Run(bank, ix, src, cfg)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := rep.Write(&b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	a, b := write(cfg), write(cfg)
	if a != b {
		t.Error("two runs with the same seed differ")
	}
	cfg.Seed++
	if a == write(cfg) {
		t.Error("runs with different seeds are identical")
	}
}

func TestRespondent(t *testing.T) {
	bank, _, _ := setup(t)
	resp := newRespondent(bank)
	rng := rand.New(rand.NewPCG(1, 1))
	lv := make([]float64, len(bank.Dimensions))
	for i := range lv {
		lv[i] = 4.9 // rounds to 5 for forward statements, 1 for their opposites
	}
	a := resp.answer(rng, lv, 0, 0)
	for _, q := range bank.Questions {
		want := 5
		if q.Reverse {
			want = 1
		}
		if a[q.ID] != want {
			t.Errorf("%s (reverse %v): got %d, want %d", q.ID, q.Reverse, a[q.ID], want)
		}
	}
	res, err := assessment.Score(bank, a)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Dimensions {
		if d.Mean != 5 {
			t.Errorf("%s: got mean %v, want 5", d.ID, d.Mean)
		}
	}
	// An agree-bias pushes raw answers up on opposite statements too.
	for i := range lv {
		lv[i] = 3
	}
	for id, x := range resp.answer(rng, lv, 0, 1) {
		if x != 4 {
			t.Errorf("%s with bias 1: got %d, want 4", id, x)
		}
	}
	for id, x := range resp.straight(2) {
		if x != 2 {
			t.Fatalf("one answer throughout: %s got %d", id, x)
		}
	}
	seen := map[int]bool{}
	for _, x := range resp.random(rng) {
		seen[x] = true
	}
	if len(seen) < 4 {
		t.Errorf("random answers use %d scale points, want at least 4", len(seen))
	}
}

func TestCalibrationSource(t *testing.T) {
	src := string(CalibrationSource(matching.Calibration{Rand: 1.23456, Misfit: 1.1, Loose: 0.8}))
	for _, want := range []string{"DO NOT EDIT", "package matching", "Calibration{Rand: 1.2346, Misfit: 1.1000, Loose: 0.8000}"} {
		if !strings.Contains(src, want) {
			t.Errorf("generated source lacks %q:\n%s", want, src)
		}
	}
}

func position(rk matching.Ranking, slug string) int {
	for i, m := range rk.Matches {
		if m.Slug == slug {
			return i
		}
	}
	return len(rk.Matches)
}

// TestPersonaBackEnd: someone who loves programming, systems and turning
// requirements into designs, stays calm in incidents and is not drawn to
// visual work finds Back-End in the top 3, above Front-End and both
// designer roles.
func TestPersonaBackEnd(t *testing.T) {
	bank, ix, _ := setup(t)
	ev, asked, err := BackEnd.Take(bank, ix)
	if err != nil {
		t.Fatal(err)
	}
	rk := ev.Ranking
	t.Logf("follow-ups asked: %v", asked)
	be := position(rk, "back-end-web-developer")
	if be > 2 || rk.LowConfidence {
		t.Errorf("back-end persona: back-end-web-developer at %d (low confidence %v), want the top 3", be+1, rk.LowConfidence)
	}
	for _, other := range []string{"front-end-web-developer", "interface-designer", "ux-designer"} {
		if position(rk, other) < be {
			t.Errorf("back-end persona: %s at %d, above back-end at %d", other, position(rk, other)+1, be+1)
		}
	}
	logTop(t, rk)
}

func TestPersonaVisual(t *testing.T) {
	bank, ix, _ := setup(t)
	ev, asked, err := Visual.Take(bank, ix)
	if err != nil {
		t.Fatal(err)
	}
	rk := ev.Ranking
	t.Logf("follow-ups asked: %v", asked)
	// The reverse of the back-end persona: a designer in the top 3, above
	// back-end and front-end.
	best := min(position(rk, "interface-designer"), position(rk, "ux-designer"))
	be, fe := position(rk, "back-end-web-developer"), position(rk, "front-end-web-developer")
	if best > 2 || best > be || best > fe || rk.LowConfidence {
		t.Errorf("visual persona: best designer at %d, back-end at %d, front-end at %d (low confidence %v); want a designer in the top 3 above both", best+1, be+1, fe+1, rk.LowConfidence)
	}
	logTop(t, rk)
}

func logTop(t *testing.T, rk matching.Ranking) {
	t.Helper()
	for i, m := range rk.Matches[:min(8, len(rk.Matches))] {
		t.Logf("%2d %-32s fit %3d tier %d", i+1, m.Slug, m.Fit, m.Tier)
	}
}
