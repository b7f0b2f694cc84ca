package matching

import (
	"math/rand/v2"
	"strings"
	"testing"

	"rolefit/internal/roles"
)

// TestExplanationRules: over many random people and every fixture role,
// each point obeys the rule of its kind, and no dimension appears twice.
func TestExplanationRules(t *testing.T) {
	_, ix := fixtureIndex(t)
	rng := rand.New(rand.NewPCG(11, 12))
	shown := 0
	for range 500 {
		p := randomPerson(rng, len(ix.dims))
		for _, prof := range ix.Profiles() {
			e, err := ix.Explain(p, prof.Slug)
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			mark := func(pt Point) int {
				if seen[pt.Dimension] {
					t.Fatalf("%s: %s appears twice in %+v", prof.Slug, pt.Dimension, e)
				}
				seen[pt.Dimension] = true
				shown++
				return slicesIndex(ix, pt.Dimension)
			}
			for _, r := range e.Reasons {
				d := mark(r)
				if r.Role < RoleRelies || r.You < YouLean || r.You <= p.Mean || (ix.dims[d].Group == roles.BlockSkill && prof.IM[d] < 3) {
					t.Fatalf("%s: reason %+v breaks the rule (mean %.2f)", prof.Slug, r, p.Mean)
				}
			}
			for _, s := range e.Stretch {
				d := mark(s)
				if ix.dims[d].Group != roles.BlockSkill || s.You < YouAgainst || s.You >= YouLean || s.Role-s.You < StretchGap {
					t.Fatalf("%s: stretch %+v breaks the rule", prof.Slug, s)
				}
			}
			if m := e.Mismatch; m != nil {
				d := mark(*m)
				if ix.dims[d].Desirable {
					t.Fatalf("%s: mismatch on desirable %s", prof.Slug, m.Dimension)
				}
			}
			if len(e.Reasons) > MaxReasons || len(e.Stretch) > MaxStretch {
				t.Fatalf("%s: %d reasons, %d stretches", prof.Slug, len(e.Reasons), len(e.Stretch))
			}
		}
	}
	if shown == 0 {
		t.Fatal("no point was ever shown")
	}
}

func slicesIndex(ix *Index, id string) int {
	for d, dim := range ix.dims {
		if dim.ID == id {
			return d
		}
	}
	return -1
}

func TestExplanationContent(t *testing.T) {
	bank, ix := fixtureIndex(t)
	be, _ := ix.Profile("back-end")
	p := person(bank, map[string]float64{
		"investigative": 5, "programming": 5, "artistic": 1.5, "speaking": 3,
		"equipment_maintenance": 5, "analytical_thinking": 1, "social": 2,
	})
	e, err := ix.Explain(p, "back-end")
	if err != nil {
		t.Fatal(err)
	}
	var reasons []string
	for _, r := range e.Reasons {
		reasons = append(reasons, r.Dimension)
		if !strings.HasPrefix(r.Text, "You said you like it, and this role asks for more NOUN than ") {
			t.Errorf("reason text %q", r.Text)
		}
	}
	if strings.Join(reasons, ",") != "investigative,programming" && strings.Join(reasons, ",") != "programming,investigative" {
		t.Errorf("reasons: got %v, want investigative and programming (role levels %.2f, %.2f)", reasons,
			be.Level[bank.DimensionIndex("investigative")], be.Level[bank.DimensionIndex("programming")])
	}
	// Analytical thinking is marked desirable in the fixture: the person's
	// low answer on it must not become the mismatch.
	if e.Mismatch != nil && e.Mismatch.Dimension == "analytical_thinking" {
		t.Errorf("mismatch faults a desirable trait: %+v", e.Mismatch)
	}
	low, _ := ix.Explain(Person{Level: p.Level, Items: p.Items, Mean: p.Mean, LowConfidence: true}, "back-end")
	if len(low.Reasons)+len(low.Stretch) > 0 || low.Mismatch != nil || !low.LowConfidence {
		t.Errorf("low-confidence explanation gives points: %+v", low)
	}
	if len(low.All) != len(ix.dims) {
		t.Errorf("low-confidence explanation has %d levels, want %d", len(low.All), len(ix.dims))
	}
}

func TestShareWords(t *testing.T) {
	for _, tt := range []struct {
		level      float64
		more, less string
	}{
		{5, "almost any other occupation", "0 in 10 occupations"},
		{4.2, "8 in 10 occupations", "2 in 10 occupations"},
		{3.8, "7 in 10 occupations", "3 in 10 occupations"},
		{1, "0 in 10 occupations", "almost any other occupation"},
	} {
		if got := more(tt.level); got != tt.more {
			t.Errorf("more(%v): got %q, want %q", tt.level, got, tt.more)
		}
		if got := less(tt.level); got != tt.less {
			t.Errorf("less(%v): got %q, want %q", tt.level, got, tt.less)
		}
	}
}
