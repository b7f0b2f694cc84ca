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

// Bars on own-occupation top-5 retrieval at noise SD 1.0, attentive
// respondents only (careless ones are reported, not held to a bar).
const (
	barNoBias = 0.90
	barBias   = 0.85
	// calibrationDrift is how far the committed calibration may sit from
	// the one this run measures before it must be regenerated.
	calibrationDrift = 0.03
)

func setup(t testing.TB) (*assessment.Bank, *matching.Index) {
	t.Helper()
	cat, err := catalog.Load(data.FS)
	if err != nil {
		t.Fatalf("catalog.Load: %v", err)
	}
	bank, err := assessment.LoadBank(data.FS, "questions.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ix, err := matching.Build(bank, matching.Source{Roles: cat.Roles, Occupations: cat.Occupations, Elements: cat.Elements, Norms: cat.Norms})
	if err != nil {
		t.Fatal(err)
	}
	return bank, ix
}

// TestSelfRetrieval fails when matching falls below the bars.
func TestSelfRetrieval(t *testing.T) {
	bank, ix := setup(t)
	rep, err := Run(bank, ix, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rep.Write(&buf); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + buf.String())

	checked := 0
	for _, cr := range rep.Conditions {
		if cr.Noise != 1.0 {
			continue
		}
		bar := barNoBias
		if cr.Bias {
			bar = barBias
		}
		checked++
		if cr.Attentive.Own5 < bar {
			t.Errorf("noise %.1f bias %v: own occupation in top 5 for %.1f%% of attentive respondents, want ≥ %.0f%%",
				cr.Noise, cr.Bias, 100*cr.Attentive.Own5, 100*bar)
		}
		if cr.Careless.N == 0 || cr.Attentive.N == 0 {
			t.Errorf("noise %.1f bias %v: got %d attentive and %d careless respondents, want both", cr.Noise, cr.Bias, cr.Attentive.N, cr.Careless.N)
		}
	}
	if checked != 2 {
		t.Fatalf("checked %d conditions at noise 1.0, want 2", checked)
	}

	c := ix.Calibration()
	if math.Abs(c.Self-rep.Measured.Self) > calibrationDrift || math.Abs(c.Rand-rep.Measured.Rand) > calibrationDrift {
		t.Errorf("committed calibration %+v drifted from measured %+v: run go run ./cmd/eval -write-calibration internal/matching/calibration.go",
			c, rep.Measured)
	}
}

func TestRunDeterministic(t *testing.T) {
	bank, ix := setup(t)
	cfg := DefaultConfig()
	cfg.PerRole, cfg.Noise = 2, []float64{1.0}
	a, err := Run(bank, ix, cfg)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Run(bank, ix, cfg)
	var wa, wb bytes.Buffer
	a.Write(&wa)
	b.Write(&wb)
	if wa.String() != wb.String() {
		t.Error("two runs with the same seed differ")
	}
	cfg.Seed++
	c, _ := Run(bank, ix, cfg)
	var wc bytes.Buffer
	c.Write(&wc)
	if wa.String() == wc.String() {
		t.Error("runs with different seeds are identical")
	}
}

func TestRespond(t *testing.T) {
	bank, _ := setup(t)
	rng := rand.New(rand.NewPCG(1, 1))
	z := make([]float64, len(bank.Dimensions))
	for i := range z {
		z[i] = 1.6 // rounds to 5 for forward items, 1 for reverse ones
	}
	a := respond(rng, bank, z, 0, 0, attentive)
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
		if d.Z != 2 {
			t.Errorf("%s: got z %v, want 2 (clipped)", d.ID, d.Z)
		}
	}
	// Agree-bias pushes raw answers up on reverse items too.
	for i := range z {
		z[i] = 0
	}
	a = respond(rng, bank, z, 0, 1, attentive)
	for _, q := range bank.Questions {
		if a[q.ID] != 4 {
			t.Errorf("%s with bias 1: got %d, want 4", q.ID, a[q.ID])
		}
	}
	a = respond(rng, bank, z, 1, 0, straight)
	first := a[bank.Questions[0].ID]
	for _, q := range bank.Questions {
		if a[q.ID] != first {
			t.Fatalf("straight-lined answers differ: %d and %d", first, a[q.ID])
		}
	}
	a = respond(rng, bank, z, 0, 0, random)
	seen := map[int]bool{}
	for _, x := range a {
		seen[x] = true
	}
	if len(seen) < 4 {
		t.Errorf("random answers use %d scale points, want at least 4", len(seen))
	}
}

func TestReportWrite(t *testing.T) {
	rep := Report{
		Config:     DefaultConfig(),
		Weights:    matching.DefaultWeights(),
		Conditions: []ConditionReport{{Condition: Condition{Noise: 1, Bias: true}, Attentive: Stats{N: 10, Own5: 0.9}, ByCategory: map[string]Stats{"technology": {N: 10, Top1: 0.5}}}},
		Measured:   matching.Calibration{Self: 0.6, Rand: -0.1},
	}
	var buf bytes.Buffer
	if err := rep.Write(&buf); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"top-5 occ", "90.0%", "technology", "self 0.6000, random -0.1000"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, buf.String())
		}
	}
}

func TestCalibrationSource(t *testing.T) {
	src := string(CalibrationSource(matching.Calibration{Self: 0.61234, Rand: -0.1}))
	for _, want := range []string{"DO NOT EDIT", "package matching", "Calibration{Self: 0.6123, Rand: -0.1000}"} {
		if !strings.Contains(src, want) {
			t.Errorf("generated source lacks %q:\n%s", want, src)
		}
	}
}
