package matching

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestExplanationExact: contributions add up to the score.
func TestExplanationExact(t *testing.T) {
	_, ix := fixtureIndex(t)
	rng := rand.New(rand.NewPCG(11, 12))
	for range 200 {
		p := randomPerson(rng, len(ix.dims))
		for _, prof := range ix.Profiles() {
			e, err := ix.Explain(p, prof.Slug)
			if err != nil {
				t.Fatal(err)
			}
			var sum, shape [3]float64
			var total float64
			for _, c := range e.All {
				total += c.Total
				for b, blk := range ix.blocks {
					if blk.group == c.Group {
						sum[b] += c.Shape
					}
				}
			}
			shape = [3]float64{ix.w.Interest * e.Interest, ix.w.Style * e.Style, ix.w.Skill * e.Skill}
			for b := range sum {
				if math.Abs(sum[b]-shape[b]) > 1e-9 {
					t.Fatalf("%s block %d: shares sum to %v, want %v", prof.Slug, b, sum[b], shape[b])
				}
			}
			s, _ := ix.Score(p, prof.Slug)
			if math.Abs(total-s) > 1e-9 || math.Abs(e.Score-s) > 1e-9 {
				t.Fatalf("%s: contributions sum to %v, explanation says %v, score is %v", prof.Slug, total, e.Score, s)
			}
		}
	}
}

func TestExplanationContent(t *testing.T) {
	bank, ix := fixtureIndex(t)
	z := make([]float64, len(bank.Dimensions))
	set := map[string]float64{
		"investigative": 2, "conventional": 1, "artistic": -1, "realistic": -1, "social": -1, "enterprising": 0,
		"analytical_thinking": 2, "stress_tolerance": -1, "innovation": 0,
		"programming": 0, "technology_design": -1, "speaking": 1, "equipment_maintenance": -2,
	}
	for id, v := range set {
		z[bank.DimensionIndex(id)] = v
	}
	e, err := ix.Explain(Person{Z: z, Code: "ICE"}, "back-end")
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Reasons) < 2 || !(e.Reasons[0].Dimension == "analytical_thinking" && e.Reasons[1].Dimension == "investigative") {
		t.Fatalf("reasons: got %+v, want analytical_thinking then investigative", e.Reasons)
	}
	for _, r := range e.Reasons {
		if r.Shape <= 0 || r.Text == "" {
			t.Errorf("reason %s: shape %v text %q, want positive with text", r.Dimension, r.Shape, r.Text)
		}
	}
	// Programming: role level z 2.1, person 0 → the stretch.
	if len(e.Stretch) == 0 || e.Stretch[0].Dimension != "programming" || e.Stretch[0].Gap >= 0 {
		t.Errorf("stretch: got %+v, want programming with a negative gap", e.Stretch)
	}
	if e.Mismatch == nil || e.Mismatch.Total >= 0 || e.Mismatch.Text == "" {
		t.Fatalf("mismatch: got %+v, want a negative contribution with text", e.Mismatch)
	}
	for _, s := range e.Stretch {
		if s.Dimension == e.Mismatch.Dimension {
			t.Errorf("mismatch %s repeats a stretch", s.Dimension)
		}
	}
	if e.PersonCode != "ICE" || e.RoleCode == "" {
		t.Errorf("codes: got %q and %q", e.PersonCode, e.RoleCode)
	}
}
