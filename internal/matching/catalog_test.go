package matching

import (
	"fmt"
	"math"
	"math/rand/v2"
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

// syntheticSource makes n roles over the catalog's occupations, each with a
// few random traits on questionnaire dimensions, for benchmarking at scale.
func syntheticSource(bank *assessment.Bank, cat *catalog.Catalog, n int) Source {
	rng := rand.New(rand.NewPCG(42, 42))
	var dims []string
	for _, d := range bank.Dimensions {
		dims = append(dims, d.ID)
	}
	rs := make([]roles.Role, n)
	for i := range rs {
		base := cat.Roles[i%len(cat.Roles)]
		rs[i] = roles.Role{Slug: fmt.Sprintf("role-%04d", i), ONetCode: base.ONetCode, Category: base.Category}
		for range 3 {
			rs[i].Traits = append(rs[i].Traits, roles.Trait{Dimension: dims[rng.IntN(len(dims))], Direction: "high", Strength: 1 + rng.IntN(2)})
		}
	}
	return Source{Roles: rs, Occupations: cat.Occupations, Elements: cat.Elements, Norms: cat.Norms}
}

func BenchmarkRank(b *testing.B) {
	bank, cat, ix := catalogIndex(b)
	big, err := Build(bank, syntheticSource(bank, cat, 1000))
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
