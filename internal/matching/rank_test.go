package matching

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"rolefit/internal/roles"
)

// level is the common-scale level of v under norm n without quantiles:
// 1 + 4·Φ((v − mean)/sd).
func level(v float64, n roles.Norm) float64 {
	return 1 + 4*0.5*(1+math.Erf((v-n.Mean)/(n.SD*math.Sqrt2)))
}

func TestBuildLevels(t *testing.T) {
	bank, ix := fixtureIndex(t)
	be, ok := ix.Profile("back-end")
	if !ok {
		t.Fatal("no back-end profile")
	}
	fe, _ := ix.Profile("front-end")
	d := func(id string) int { return bank.DimensionIndex(id) }
	n := fixtureNorms()
	oi, lv := n.Interest["1.B.1.b"], n.SkillLV["2.B.3.e"]
	tests := []struct {
		name      string
		got, want float64
	}{
		{"investigative from OI", be.Level[d("investigative")], level(6.5, oi)},
		{"analytical keeps IM (4.5) above its trait's floor (4.4)", be.Level[d("analytical_thinking")], 4.5},
		{"technology design capped by a low trait on a shared occupation", be.Level[d("technology_design")], math.Min(level(4, n.SkillLV["2.B.3.b"]), 6-3.8)},
		{"stress tolerance keeps IM", be.Level[d("stress_tolerance")], 4},
		{"programming from LV", be.Level[d("programming")], level(5, lv)},
		{"merged pair averages levels", be.Level[d("equipment_maintenance")], (level(0.5, n.SkillLV["2.B.3.j"]) + level(0.3, n.SkillLV["2.B.3.l"])) / 2},
		{"front-end artistic raised to its trait's floor", fe.Level[d("artistic")], math.Max(level(4, n.Interest["1.B.1.c"]), 4.4)},
		{"programming importance", be.IM[d("programming")], 4.5},
		{"merged importance averages", be.IM[d("equipment_maintenance")], (1.5 + 1.4) / 2},
		{"interest importance", be.IM[d("realistic")], 5},
	}
	for _, tt := range tests {
		if math.Abs(tt.got-tt.want) > 1e-12 {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	for _, p := range ix.Profiles() {
		for d, l := range p.Level {
			if l < LevelMin || l > LevelMax {
				t.Errorf("%s: %s level %v outside 1–5", p.Slug, ix.dims[d].ID, l)
			}
		}
	}
	if got := slices.IndexFunc(ix.Profiles(), func(p Profile) bool { return p.Slug == "back-end" }); got != 0 {
		t.Errorf("profiles not sorted by slug: back-end at %d", got)
	}
}

func TestBuildErrors(t *testing.T) {
	bank, _ := fixtureIndex(t)
	src := fixtureSource()
	src.Roles = append(src.Roles,
		roles.Role{Slug: "ghost", ONetCode: "99-9999.00"},
		roles.Role{Slug: "odd", ONetCode: "49-3023.00", Traits: []roles.Trait{{Dimension: "juggling", Direction: "high", Strength: 1}}})
	_, err := Build(bank, src)
	if err == nil {
		t.Fatal("Build: got no error for a missing occupation and an unknown trait dimension")
	}
	for _, want := range []string{"role ghost: no occupation 99-9999.00", `role odd: trait on unknown dimension "juggling"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

// TestIdentityRanksFirst: a person answering exactly at a role's levels
// gets it first, with the highest fit.
func TestIdentityRanksFirst(t *testing.T) {
	_, ix := fixtureIndex(t)
	for _, prof := range ix.Profiles() {
		p := Person{Level: slices.Clone(prof.Level), Items: make([]int, len(prof.Level))}
		for d := range p.Items {
			p.Items[d] = 1
		}
		rk, err := ix.Rank(withMean(p), 0)
		if err != nil {
			t.Fatal(err)
		}
		if m := rk.Matches[0]; m.Slug != prof.Slug || m.Fit != 100 {
			t.Errorf("person = %s: got %s first with fit %d, want it with 100", prof.Slug, m.Slug, m.Fit)
		}
	}
}

// TestAgreementLevelIgnored: answering every statement one step higher
// (an agree-bias) changes no role's score.
func TestAgreementLevelIgnored(t *testing.T) {
	_, ix := fixtureIndex(t)
	rng := rand.New(rand.NewPCG(3, 4))
	for range 50 {
		p := randomPerson(rng, len(ix.dims))
		for d := range p.Level {
			p.Level[d] = min(p.Level[d], 3.5)
		}
		q := Person{Level: slices.Clone(p.Level), Items: p.Items}
		for d := range q.Level {
			q.Level[d] += 1.5
		}
		a, err := ix.Rank(withMean(p), 0)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := ix.Rank(withMean(q), 0)
		for i := range a.Matches {
			if a.Matches[i].Slug != b.Matches[i].Slug || math.Abs(a.Matches[i].Score-b.Matches[i].Score) > 1e-9 {
				t.Fatalf("shifted answers reorder: %+v vs %+v", a.Matches[i], b.Matches[i])
			}
		}
	}
}

// TestMoreLikeARoleNeverHurts: moving one answer toward a role's level
// never lowers that role's direct fit to the answers.
func TestMoreLikeARoleNeverHurts(t *testing.T) {
	_, ix := fixtureIndex(t)
	rng := rand.New(rand.NewPCG(5, 6))
	for range 200 {
		p := randomPerson(rng, len(ix.dims))
		s, _ := ix.scorer(p)
		r := rng.IntN(len(ix.profiles))
		l := ix.profiles[r].Level
		before := s.dist(s.a, l)
		d := rng.IntN(len(ix.dims))
		moved := slices.Clone(p.Level)
		moved[d] += (l[d] - moved[d]) / 2
		after := s.dist(moved, l)
		// Moving one coordinate toward the role changes the offset term
		// too, so compare against the offset-free bound the move implies.
		if after > before+1e-9 && math.Abs(l[d]-p.Level[d]) > 1e-9 {
			var sum float64
			for i := range l {
				sum += p.Level[i] - l[i]
			}
			if math.Abs(sum) < 1e-9 {
				t.Fatalf("moving toward %s raised its distance: %v → %v", ix.profiles[r].Slug, before, after)
			}
		}
	}
}

func TestRankMisuse(t *testing.T) {
	_, ix := fixtureIndex(t)
	n := len(ix.dims)
	nan := Person{Level: make([]float64, n), Items: make([]int, n)}
	nan.Level[0] = math.NaN()
	for name, p := range map[string]Person{
		"short":    {Level: []float64{3}, Items: []int{1}},
		"no items": {Level: make([]float64, n)},
		"NaN":      nan,
	} {
		if _, err := ix.Rank(p, 0); err == nil {
			t.Errorf("%s: got no error", name)
		}
	}
}

// TestNothingAnswered: a person with no answers gets a low-confidence
// ranking with zero fits, not an error.
func TestNothingAnswered(t *testing.T) {
	_, ix := fixtureIndex(t)
	n := len(ix.dims)
	rk, err := ix.Rank(Person{Level: make([]float64, n), Items: make([]int, n)}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if !rk.LowConfidence || len(rk.Matches) != len(ix.profiles) {
		t.Fatalf("got low confidence %v with %d matches", rk.LowConfidence, len(rk.Matches))
	}
	for _, m := range rk.Matches {
		if m.Fit != 0 {
			t.Errorf("%s: fit %d with no answers, want 0", m.Slug, m.Fit)
		}
	}
}

// TestMisfitCapsFits: answers that resemble no role are low-confidence
// and never reach "good".
func TestMisfitCapsFits(t *testing.T) {
	bank, ix := fixtureIndex(t)
	// Everything the fixture's roles want, inverted and extreme.
	p := person(bank, map[string]float64{
		"realistic": 5, "investigative": 1, "artistic": 5, "social": 1, "enterprising": 5, "conventional": 1,
		"stress_tolerance": 1, "innovation": 5, "analytical_thinking": 1,
		"programming": 1, "technology_design": 5, "speaking": 1, "equipment_maintenance": 1,
	})
	rk, err := ix.Rank(p, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !rk.Misfit || !rk.LowConfidence {
		t.Fatalf("residual %.2f: got misfit %v, low confidence %v, want both", rk.Residual, rk.Misfit, rk.LowConfidence)
	}
	for _, m := range rk.Matches {
		if m.Fit > LowConfidenceFit {
			t.Errorf("%s: fit %d on misfit answers, want ≤ %d", m.Slug, m.Fit, LowConfidenceFit)
		}
	}
}

func TestTiersAndSlugOrder(t *testing.T) {
	bank, _ := fixtureIndex(t)
	src := fixtureSource()
	src.Roles = append(src.Roles, roles.Role{Slug: "aa-mechanic", ONetCode: "49-3023.00", Category: "trades"})
	ix, err := Build(bank, src)
	if err != nil {
		t.Fatal(err)
	}
	mech, _ := ix.Profile("mechanic")
	p := Person{Level: slices.Clone(mech.Level), Items: make([]int, len(mech.Level))}
	for d := range p.Items {
		p.Items[d] = 1
	}
	rk, err := ix.Rank(withMean(p), 0)
	if err != nil {
		t.Fatal(err)
	}
	if rk.Matches[0].Slug != "aa-mechanic" || rk.Matches[1].Slug != "mechanic" {
		t.Fatalf("identical roles: got %s, %s first; want aa-mechanic, mechanic (slug order)", rk.Matches[0].Slug, rk.Matches[1].Slug)
	}
	if rk.Matches[0].Tier != 1 || rk.Matches[1].Tier != 1 {
		t.Errorf("identical roles in tiers %d and %d, want both 1", rk.Matches[0].Tier, rk.Matches[1].Tier)
	}
	for i := 1; i < len(rk.Matches); i++ {
		a, b := rk.Matches[i-1], rk.Matches[i]
		if b.Tier < a.Tier || b.Tier > a.Tier+1 || a.Fit < b.Fit {
			t.Errorf("match %d: tier %d fit %d after tier %d fit %d", i, b.Tier, b.Fit, a.Tier, a.Fit)
		}
	}
}

func TestRankOrderAndFit(t *testing.T) {
	_, ix := fixtureIndex(t)
	rng := rand.New(rand.NewPCG(7, 8))
	for range 100 {
		rk, err := ix.Rank(randomPerson(rng, len(ix.dims)), 2)
		if err != nil {
			t.Fatal(err)
		}
		for i, m := range rk.Matches {
			if i > 0 && (m.Score > rk.Matches[i-1].Score || m.Fit > rk.Matches[i-1].Fit) {
				t.Fatalf("not sorted at %d: %+v after %+v", i, m, rk.Matches[i-1])
			}
			if (i < 2) != (m.Explanation != nil) {
				t.Fatalf("match %d: explanation %v, want one for the first 2 only", i, m.Explanation != nil)
			}
			if m.Fit < 0 || m.Fit > 100 || m.Band() != BandFor(m.Fit) {
				t.Fatalf("match %d: fit %d band %s", i, m.Fit, m.Band())
			}
		}
	}
}
