package matching

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"rolefit/data"
	"rolefit/internal/assessment"
	"rolefit/internal/catalog"
	"rolefit/internal/roles"
)

// catalogIndex builds the index of the embedded catalog and question bank.
func catalogIndex(t testing.TB) (*assessment.Bank, *catalog.Catalog, *Index) {
	t.Helper()
	cat, err := catalog.Load(data.FS)
	if err != nil {
		t.Fatalf("catalog.Load: %v", err)
	}
	bank, err := assessment.LoadBank(data.FS, "questions.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Build(bank, Source{Roles: cat.Roles, Occupations: cat.Occupations, Elements: cat.Elements, Norms: cat.Norms})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return bank, cat, ix
}

// persona is a person answering one statement per dimension at the given
// levels, 3 elsewhere.
func persona(bank *assessment.Bank, levels map[string]float64) Person { return person(bank, levels) }

func position(rk Ranking, slug string) int {
	return slices.IndexFunc(rk.Matches, func(m Match) bool { return m.Slug == slug })
}

func TestCatalogIdentityRanksFirst(t *testing.T) {
	_, _, ix := catalogIndex(t)
	for _, prof := range ix.Profiles() {
		p := Person{Level: prof.Level, Items: make([]int, len(prof.Level))}
		for d := range p.Items {
			p.Items[d] = 1
		}
		rk, err := ix.Rank(withMean(p), 0)
		if err != nil {
			t.Fatal(err)
		}
		if got := rk.Matches[0].Slug; got != prof.Slug {
			t.Errorf("person = %s: got %s first", prof.Slug, got)
		}
	}
}

// TestPersonaBackEnd: someone who loves programming, systems and turning
// requirements into designs, stays calm in incidents and is not drawn to
// visual work finds Back-End in the top 3, above Front-End and designers.
func TestPersonaBackEnd(t *testing.T) {
	bank, _, ix := catalogIndex(t)
	p := persona(bank, backEndPersona)
	rk, err := ix.Rank(p, 5)
	if err != nil {
		t.Fatal(err)
	}
	be := position(rk, "back-end-web-developer")
	fe := position(rk, "front-end-web-developer")
	ui := position(rk, "interface-designer")
	ux := position(rk, "ux-designer")
	if be < 0 || be > 2 || be > fe || be > ui || be > ux {
		t.Errorf("back-end persona: back-end at %d, front-end at %d, interface designer at %d, UX at %d; want back-end in the top 3 above all three", be+1, fe+1, ui+1, ux+1)
	}
	logTop(t, rk, 8)
}

// backEndPersona is how someone who loves server-side systems and APIs
// answers every statement: programming, systems and requirements work,
// calm in incidents, happier alone with a hard problem than selling or
// leading, not drawn to visual design.
var backEndPersona = map[string]float64{
	"realistic": 2, "investigative": 4.5, "artistic": 2.5, "social": 2.5, "enterprising": 2.5, "conventional": 3.5,
	"achievement_effort": 4, "persistence": 4.5, "initiative": 4, "leadership": 2.5, "cooperation": 3.5,
	"concern_for_others": 3, "social_orientation": 2.5, "self_control": 4, "stress_tolerance": 4.5,
	"adaptability": 3.5, "dependability": 4, "attention_to_detail": 4.5, "integrity": 4, "independence": 4.5,
	"innovation": 4, "analytical_thinking": 5,
	"reading_comprehension": 4.5, "active_listening": 3.5, "writing": 3.5, "speaking": 3, "mathematics": 4,
	"science": 3, "critical_thinking": 4.5, "active_learning": 4.5, "learning_strategies": 3.5, "monitoring": 3.5,
	"social_perceptiveness": 2.5, "coordination": 3, "persuasion": 2.5, "negotiation": 2.5, "instructing": 3,
	"service_orientation": 2.5, "complex_problem_solving": 5, "operations_analysis": 4.5, "technology_design": 2.5,
	"installation": 3.5, "programming": 5, "operation_control": 2.5, "equipment_maintenance": 2,
	"troubleshooting": 5, "quality_control": 4, "judgment_decision_making": 4, "systems_analysis": 5,
	"systems_evaluation": 4, "time_management": 3.5, "financial_resources": 2.5, "material_resources": 2.5,
	"personnel_resources": 2,
}

func TestPersonaVisual(t *testing.T) {
	bank, _, ix := catalogIndex(t)
	p := persona(bank, map[string]float64{
		"artistic": 5, "innovation": 4.5, "technology_design": 4.5, "social_perceptiveness": 4.5, "programming": 1.5,
	})
	rk, err := ix.Rank(p, 5)
	if err != nil {
		t.Fatal(err)
	}
	ui, ux, be := position(rk, "interface-designer"), position(rk, "ux-designer"), position(rk, "back-end-web-developer")
	if !(ui >= 0 && ui < be) && !(ux >= 0 && ux < be) {
		t.Errorf("visual persona: interface-designer at %d, ux-designer at %d, back-end at %d; want a designer above back-end", ui+1, ux+1, be+1)
	}
	logTop(t, rk, 8)
}

func logTop(t *testing.T, rk Ranking, n int) {
	t.Helper()
	for i, m := range rk.Matches[:min(n, len(rk.Matches))] {
		t.Logf("%2d %-32s fit %3d %s", i+1, m.Slug, m.Fit, m.Band())
	}
}

// syntheticSource makes n roles over the catalog's occupations, each with a
// few random emphases, for benchmarking at scale.
func syntheticSource(cat *catalog.Catalog, n int) Source {
	rng := rand.New(rand.NewPCG(42, 42))
	var names []string
	for _, e := range cat.Elements {
		names = append(names, e.Name)
	}
	rs := make([]roles.Role, n)
	for i := range rs {
		base := cat.Roles[i%len(cat.Roles)]
		rs[i] = roles.Role{Slug: fmt.Sprintf("role-%04d", i), ONetCode: base.ONetCode, Category: base.Category}
		for range 3 {
			rs[i].Emphasis = append(rs[i].Emphasis, roles.Emphasis{Descriptor: names[rng.IntN(len(names))], Weight: rng.Float64()*2 - 1})
		}
	}
	return Source{Roles: rs, Occupations: cat.Occupations, Elements: cat.Elements, Norms: cat.Norms}
}

func BenchmarkRank(b *testing.B) {
	bank, cat, ix := catalogIndex(b)
	big, err := Build(bank, syntheticSource(cat, 1000))
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 1))
	p := randomPerson(rng, len(bank.Dimensions))
	for d := range p.Items {
		p.Items[d] = bank.DimensionItems()[d]
	}
	for _, bc := range []struct {
		name    string
		ix      *Index
		explain int
	}{
		{fmt.Sprintf("catalog-%d", len(ix.Profiles())), ix, 0},
		{fmt.Sprintf("catalog-%d-explain10", len(ix.Profiles())), ix, 10},
		{"synthetic-1000", big, 0},
		{"synthetic-1000-explain10", big, 10},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := bc.ix.Rank(p, bc.explain); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDotFloor is a yardstick for BenchmarkRank on the machine at
// hand: 1,000 plain dot products of 54 floats. Rank does about two such
// passes per role (the distance to the answers, then to the posterior
// mean profile).
func BenchmarkDotFloor(b *testing.B) {
	x, y := make([]float64, 54), make([]float64, 54*1000)
	for i := range x {
		x[i] = float64(i%7) - 3
	}
	for i := range y {
		y[i] = float64(i%5) - 2
	}
	var sink float64
	for b.Loop() {
		for r := range 1000 {
			row := y[r*54 : (r+1)*54]
			var s0, s1, s2, s3 float64
			i := 0
			for ; i+3 < len(x); i += 4 {
				s0 += row[i] * x[i]
				s1 += row[i+1] * x[i+1]
				s2 += row[i+2] * x[i+2]
				s3 += row[i+3] * x[i+3]
			}
			for ; i < len(x); i++ {
				s0 += row[i] * x[i]
			}
			sink += s0 + s1 + s2 + s3
		}
	}
	if math.IsNaN(sink) {
		b.Fatal("NaN")
	}
}
