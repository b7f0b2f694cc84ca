package matching

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"rolefit/internal/roles"
)

func TestBuildProfiles(t *testing.T) {
	bank, ix := fixtureIndex(t)
	be, ok := ix.Profile("back-end")
	if !ok {
		t.Fatal("no back-end profile")
	}
	fe, _ := ix.Profile("front-end")
	d := func(id string) int { return bank.DimensionIndex(id) }
	k := DefaultWeights().EmphasisScale
	tests := []struct {
		name      string
		got, want float64
	}{
		{"investigative OI z", be.Z[d("investigative")], (6.5 - 3.5) / 1.5},
		{"analytical IM z + emphasis", be.Z[d("analytical_thinking")], (4.5-3.5)/0.6 + 0.8*k},
		{"programming LV z", be.Z[d("programming")], (5 - 2.9) / 1.0},
		{"merged pair averages LV z", be.Z[d("equipment_maintenance")], ((0.5-2.9)/1.0 + (0.3-2.9)/1.0) / 2},
		{"front-end artistic emphasis", fe.Z[d("artistic")], (4-3.5)/1.5 + 1*k},
		{"programming weight (IM−1)/4", be.Weight[d("programming")], (4.5 - 1) / 4},
		{"technology design, negative emphasis keeps weight", be.Weight[d("technology_design")], (3.5 - 1) / 4},
		{"merged weight averages IM", be.Weight[d("equipment_maintenance")], ((1.5+1.4)/2 - 1) / 4},
		{"interest weight", be.Weight[d("realistic")], 1},
	}
	for _, tt := range tests {
		if math.Abs(tt.got-tt.want) > 1e-12 {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	if !be.Important[d("speaking")] || be.Important[d("equipment_maintenance")] || be.Important[d("stress_tolerance")] {
		t.Errorf("important: got speaking %v, maintenance %v, stress %v; want true, false, false",
			be.Important[d("speaking")], be.Important[d("equipment_maintenance")], be.Important[d("stress_tolerance")])
	}
	if got := slices.IndexFunc(ix.Profiles(), func(p Profile) bool { return p.Slug == "back-end" }); got != 0 {
		t.Errorf("profiles not sorted by slug: back-end at %d", got)
	}
}

func TestBuildMergedEmphasis(t *testing.T) {
	bank, _ := fixtureIndex(t)
	src := fixtureSource()
	src.Roles = []roles.Role{
		{Slug: "one", ONetCode: "49-3023.00"},
		{Slug: "two", ONetCode: "49-3023.00", Emphasis: []roles.Emphasis{{Descriptor: "Repairing", Weight: 0.6}, {Descriptor: "Equipment Maintenance", Weight: 1.0}}},
	}
	w := DefaultWeights()
	w.EmphasisScale = 1
	ix, err := BuildWith(bank, src, w, DefaultCalibration())
	if err != nil {
		t.Fatal(err)
	}
	one, _ := ix.Profile("one")
	two, _ := ix.Profile("two")
	d := bank.DimensionIndex("equipment_maintenance")
	if got := two.Z[d] - one.Z[d]; math.Abs(got-0.8) > 1e-12 {
		t.Errorf("shift on merged pair: got %v, want the mean of the two emphases 0.8", got)
	}
}

func TestBuildErrors(t *testing.T) {
	bank, _ := fixtureIndex(t)
	tests := []struct {
		name string
		role roles.Role
		want string
	}{
		{"unknown occupation", roles.Role{Slug: "x", ONetCode: "99-9999.00"}, "no occupation 99-9999.00"},
		{"unmeasured descriptor", roles.Role{Slug: "x", ONetCode: "49-3023.00", Emphasis: []roles.Emphasis{{Descriptor: "Mathematics", Weight: 1}}}, `emphasis "Mathematics"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := fixtureSource()
			src.Roles = append(src.Roles, tt.role)
			_, err := Build(bank, src)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

// naivePearson is the textbook weighted correlation, for checking the
// packed one-pass version.
func naivePearson(p, q, w []float64) float64 {
	var W, mp, mq float64
	for i := range p {
		W += w[i]
		mp += w[i] * p[i]
		mq += w[i] * q[i]
	}
	mp, mq = mp/W, mq/W
	var c, vp, vq float64
	for i := range p {
		c += w[i] * (p[i] - mp) * (q[i] - mq)
		vp += w[i] * (p[i] - mp) * (p[i] - mp)
		vq += w[i] * (q[i] - mq) * (q[i] - mq)
	}
	return c / math.Sqrt(vp*vq)
}

func TestCorrelationExact(t *testing.T) {
	_, ix := fixtureIndex(t)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		p := randomPerson(rng, len(ix.dims))
		for _, prof := range ix.Profiles() {
			e, err := ix.Explain(p, prof.Slug)
			if err != nil {
				t.Fatal(err)
			}
			for b, got := range []float64{e.Interest, e.Style, e.Skill} {
				var ps, qs, ws []float64
				for _, d := range ix.blocks[b].dims {
					ps, qs, ws = append(ps, p.Z[d]), append(qs, prof.Z[d]), append(ws, 1)
				}
				want := naivePearson(ps, qs, ws)
				if math.IsNaN(want) {
					want = 0
				}
				if math.Abs(got-want) > 1e-9 {
					t.Fatalf("%s block %d: got r %v, want %v", prof.Slug, b, got, want)
				}
			}
		}
	}
}

// TestIdentityRanksFirst: a person whose scores equal a role's profile ranks
// that role first.
func TestIdentityRanksFirst(t *testing.T) {
	_, ix := fixtureIndex(t)
	for _, prof := range ix.Profiles() {
		rk, err := ix.Rank(Person{Z: prof.Z}, 1)
		if err != nil {
			t.Fatal(err)
		}
		if got := rk.Matches[0].Slug; got != prof.Slug {
			t.Errorf("person = %s: got %s first, want %s", prof.Slug, got, prof.Slug)
		}
		if rk.LowConfidence {
			t.Errorf("person = %s: low confidence", prof.Slug)
		}
	}
}

// TestShiftLeavesShape: adding a constant to every score leaves every block
// correlation, and so the shape of every match, unchanged.
func TestShiftLeavesShape(t *testing.T) {
	_, ix := fixtureIndex(t)
	rng := rand.New(rand.NewPCG(3, 4))
	for range 100 {
		p := randomPerson(rng, len(ix.dims))
		c := rng.Float64()*2 - 1
		q := Person{Z: make([]float64, len(p.Z))}
		for i, z := range p.Z {
			q.Z[i] = z + c
		}
		for _, prof := range ix.Profiles() {
			a, _ := ix.Explain(p, prof.Slug)
			b, _ := ix.Explain(q, prof.Slug)
			if math.Abs(a.Interest-b.Interest)+math.Abs(a.Style-b.Style)+math.Abs(a.Skill-b.Skill) > 1e-9 {
				t.Fatalf("%s shifted by %.2f: got r (%v %v %v), want (%v %v %v)", prof.Slug, c, b.Interest, b.Style, b.Skill, a.Interest, a.Style, a.Skill)
			}
		}
	}
}

// TestRaisingSkillNeverAddsShortfall: a higher skill score never increases
// the shortfall on any role.
func TestRaisingSkillNeverAddsShortfall(t *testing.T) {
	_, ix := fixtureIndex(t)
	rng := rand.New(rand.NewPCG(5, 6))
	for range 200 {
		p := randomPerson(rng, len(ix.dims))
		for _, d := range ix.blocks[2].dims {
			up := Person{Z: slices.Clone(p.Z)}
			up.Z[d] += 0.5
			for _, prof := range ix.Profiles() {
				a, _ := ix.Explain(p, prof.Slug)
				b, _ := ix.Explain(up, prof.Slug)
				if b.Under > a.Under+1e-12 {
					t.Fatalf("%s: raising %s raised the shortfall from %v to %v", prof.Slug, ix.dims[d].ID, a.Under, b.Under)
				}
			}
		}
	}
}

func TestFlatPerson(t *testing.T) {
	_, ix := fixtureIndex(t)
	for _, c := range []float64{-2, 0, 1.5} {
		z := make([]float64, len(ix.dims))
		for i := range z {
			z[i] = c
		}
		rk, err := ix.Rank(Person{Z: z}, len(ix.Profiles()))
		if err != nil {
			t.Fatalf("flat %v: got error %v, want none", c, err)
		}
		if !rk.LowConfidence || len(rk.Undefined) != 3 {
			t.Errorf("flat %v: got low confidence %v, undefined %v; want true and all 3 blocks", c, rk.LowConfidence, rk.Undefined)
		}
		for _, m := range rk.Matches {
			if math.IsNaN(m.Score) || m.Explanation == nil || math.IsNaN(m.Explanation.Score) {
				t.Errorf("flat %v: %s has a NaN or missing score", c, m.Slug)
			}
			for _, part := range m.Explanation.All {
				if part.Shape != 0 {
					t.Errorf("flat %v: %s %s has shape %v, want 0", c, m.Slug, part.Dimension, part.Shape)
				}
			}
		}
	}
}

func TestRankMisuse(t *testing.T) {
	_, ix := fixtureIndex(t)
	if _, err := ix.Rank(Person{Z: []float64{1, 2}}, 0); err == nil {
		t.Error("short vector: got nil error")
	}
	z := make([]float64, len(ix.dims))
	z[3] = math.NaN()
	if _, err := ix.Rank(Person{Z: z}, 0); err == nil {
		t.Error("NaN score: got nil error")
	}
	if _, err := ix.Explain(Person{Z: make([]float64, len(ix.dims))}, "nope"); err == nil {
		t.Error("unknown slug: got nil error")
	}
}

func TestTiesBySlug(t *testing.T) {
	bank, _ := fixtureIndex(t)
	src := fixtureSource()
	src.Roles = []roles.Role{{Slug: "zeta", ONetCode: "49-3023.00"}, {Slug: "alpha", ONetCode: "49-3023.00"}, {Slug: "mid", ONetCode: "49-3023.00"}}
	ix, err := Build(bank, src)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 8))
	rk, _ := ix.Rank(randomPerson(rng, len(bank.Dimensions)), 0)
	var got []string
	for _, m := range rk.Matches {
		got = append(got, m.Slug)
	}
	if want := []string{"alpha", "mid", "zeta"}; !slices.Equal(got, want) {
		t.Errorf("order of equal scores: got %v, want %v", got, want)
	}
}

func TestRankOrderAndFit(t *testing.T) {
	_, ix := fixtureIndex(t)
	rng := rand.New(rand.NewPCG(9, 10))
	for range 50 {
		p := randomPerson(rng, len(ix.dims))
		rk, err := ix.Rank(p, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(rk.Matches) != len(ix.Profiles()) {
			t.Fatalf("got %d matches, want %d", len(rk.Matches), len(ix.Profiles()))
		}
		for i, m := range rk.Matches {
			if i > 0 && m.Score > rk.Matches[i-1].Score {
				t.Fatalf("match %d scores %v above match %d's %v", i, m.Score, i-1, rk.Matches[i-1].Score)
			}
			if (m.Explanation != nil) != (i < 2) {
				t.Errorf("match %d: explanation present %v, want %v", i, m.Explanation != nil, i < 2)
			}
			s, _ := ix.Score(p, m.Slug)
			if s != m.Score || m.Fit != ix.Calibration().Fit(s) || m.Band() != BandFor(m.Fit) {
				t.Errorf("%s: score %v fit %d band %s disagree with Score %v", m.Slug, m.Score, m.Fit, m.Band(), s)
			}
		}
	}
}
