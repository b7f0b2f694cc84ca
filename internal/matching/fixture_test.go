package matching

import (
	"math/rand/v2"
	"testing"

	"rolefit/internal/assessment"
	"rolefit/internal/roles"
)

// A small hand-made world: 6 interests, 3 work styles and 4 skill
// dimensions (one of them a merged pair), and five occupations.
const fixtureBank = `
scale: [a, b, c, d, e]
sections: [{number: 1, title: One}]
dimensions:
  - {id: realistic, name: Realistic, group: interest, onet_elements: ["1.B.1.a"], like: "you like it", dislike: "you do not", noun: "NOUN"}
  - {id: investigative, name: Investigative, group: interest, onet_elements: ["1.B.1.b"], like: "you like it", dislike: "you do not", noun: "NOUN"}
  - {id: artistic, name: Artistic, group: interest, onet_elements: ["1.B.1.c"], like: "you like it", dislike: "you do not", noun: "NOUN"}
  - {id: social, name: Social, group: interest, onet_elements: ["1.B.1.d"], like: "you like it", dislike: "you do not", noun: "NOUN"}
  - {id: enterprising, name: Enterprising, group: interest, onet_elements: ["1.B.1.e"], like: "you like it", dislike: "you do not", noun: "NOUN"}
  - {id: conventional, name: Conventional, group: interest, onet_elements: ["1.B.1.f"], like: "you like it", dislike: "you do not", noun: "NOUN"}
  - {id: stress_tolerance, name: Stress tolerance, group: work_style, onet_elements: ["1.C.4.b"], like: "you like it", dislike: "you do not", noun: "NOUN"}
  - {id: innovation, name: Innovation, group: work_style, onet_elements: ["1.C.7.a"], like: "you like it", dislike: "you do not", noun: "NOUN"}
  - {id: analytical_thinking, name: Analytical thinking, group: work_style, desirable: true, onet_elements: ["1.C.7.b"], like: "you like it", dislike: "you do not", noun: "NOUN"}
  - {id: programming, name: Programming, group: skill, onet_elements: ["2.B.3.e"], like: "you like it", dislike: "you do not", noun: "NOUN"}
  - {id: technology_design, name: Technology design, group: skill, onet_elements: ["2.B.3.b"], like: "you like it", dislike: "you do not", noun: "NOUN"}
  - {id: speaking, name: Speaking, group: skill, onet_elements: ["2.A.1.d"], like: "you like it", dislike: "you do not", noun: "NOUN"}
  - {id: equipment_maintenance, name: Equipment maintenance, group: skill, onet_elements: ["2.B.3.j", "2.B.3.l"], like: "you like it", dislike: "you do not", noun: "NOUN"}
questions:
  - {id: q1, section: 1, dimension: realistic, reverse: false, text: x}
  - {id: q2, section: 1, dimension: investigative, reverse: false, text: x}
  - {id: q3, section: 1, dimension: artistic, reverse: false, text: x}
  - {id: q4, section: 1, dimension: social, reverse: false, text: x}
  - {id: q5, section: 1, dimension: enterprising, reverse: false, text: x}
  - {id: q6, section: 1, dimension: conventional, reverse: false, text: x}
  - {id: q7, section: 1, dimension: stress_tolerance, reverse: false, text: x}
  - {id: q8, section: 1, dimension: innovation, reverse: false, text: x}
  - {id: q9, section: 1, dimension: analytical_thinking, reverse: true, text: x}
  - {id: q10, section: 1, dimension: programming, reverse: false, text: x}
  - {id: q11, section: 1, dimension: technology_design, reverse: false, text: x}
  - {id: q12, section: 1, dimension: speaking, reverse: false, text: x}
  - {id: q13, section: 1, dimension: equipment_maintenance, reverse: false, text: x}
`

var fixtureElements = []roles.Element{
	{ID: "1.B.1.a", Name: "Realistic", Block: roles.BlockInterest},
	{ID: "1.B.1.b", Name: "Investigative", Block: roles.BlockInterest},
	{ID: "1.B.1.c", Name: "Artistic", Block: roles.BlockInterest},
	{ID: "1.B.1.d", Name: "Social", Block: roles.BlockInterest},
	{ID: "1.B.1.e", Name: "Enterprising", Block: roles.BlockInterest},
	{ID: "1.B.1.f", Name: "Conventional", Block: roles.BlockInterest},
	{ID: "1.C.4.b", Name: "Stress Tolerance", Block: roles.BlockWorkStyle},
	{ID: "1.C.7.a", Name: "Innovation", Block: roles.BlockWorkStyle},
	{ID: "1.C.7.b", Name: "Analytical Thinking", Block: roles.BlockWorkStyle},
	{ID: "2.B.3.e", Name: "Programming", Block: roles.BlockSkill},
	{ID: "2.B.3.b", Name: "Technology Design", Block: roles.BlockSkill},
	{ID: "2.A.1.d", Name: "Speaking", Block: roles.BlockSkill},
	{ID: "2.B.3.j", Name: "Equipment Maintenance", Block: roles.BlockSkill},
	{ID: "2.B.3.l", Name: "Repairing", Block: roles.BlockSkill},
}

// occ builds an occupation from RIASEC OI values, style IMs and skill
// (IM, LV) pairs in fixture order.
func occ(code string, oi [6]float64, styles [3]float64, skills [5][2]float64) roles.Occupation {
	o := roles.Occupation{ONetCode: code, Interests: map[string]float64{}, WorkStyles: map[string]float64{}, Skills: map[string]roles.SkillRating{}}
	for i, e := range fixtureElements[:6] {
		o.Interests[e.ID] = oi[i]
	}
	for i, e := range fixtureElements[6:9] {
		o.WorkStyles[e.ID] = styles[i]
	}
	for i, e := range fixtureElements[9:] {
		o.Skills[e.ID] = roles.SkillRating{IM: skills[i][0], LV: skills[i][1]}
	}
	return o
}

func fixtureNorms() roles.Norms {
	n := roles.Norms{Interest: map[string]roles.Norm{}, WorkStyle: map[string]roles.Norm{}, SkillIM: map[string]roles.Norm{}, SkillLV: map[string]roles.Norm{}}
	for _, e := range fixtureElements {
		switch e.Block {
		case roles.BlockInterest:
			n.Interest[e.ID] = roles.Norm{Mean: 3.5, SD: 1.5}
		case roles.BlockWorkStyle:
			n.WorkStyle[e.ID] = roles.Norm{Mean: 3.5, SD: 0.6}
		case roles.BlockSkill:
			n.SkillIM[e.ID] = roles.Norm{Mean: 2.8, SD: 0.6}
			n.SkillLV[e.ID] = roles.Norm{Mean: 2.9, SD: 1.0}
		}
	}
	return n
}

func fixtureSource() Source {
	occs := map[string]roles.Occupation{
		"15-1254.00": occ("15-1254.00", [6]float64{2, 6.5, 4, 2, 3, 5}, [3]float64{4, 4, 4.5},
			[5][2]float64{{4.5, 5}, {3.5, 4}, {3.2, 3.5}, {1.5, 0.5}, {1.4, 0.3}}),
		"49-3023.00": occ("49-3023.00", [6]float64{7, 4, 1, 2, 3, 3}, [3]float64{3.5, 3, 4},
			[5][2]float64{{1.2, 0.2}, {2, 1}, {3, 3}, {4.5, 5}, {4.6, 5.2}}),
		"27-1024.00": occ("27-1024.00", [6]float64{2, 3, 7, 3, 4, 3}, [3]float64{3.8, 4.8, 3.5},
			[5][2]float64{{1.5, 0.5}, {3.2, 3}, {3.5, 3.8}, {1, 0}, {1, 0}}),
		"41-3091.00": occ("41-3091.00", [6]float64{1.5, 2, 2, 4.5, 7, 4}, [3]float64{4.3, 3.5, 3.5},
			[5][2]float64{{1, 0}, {1.5, 0.5}, {4.5, 5}, {1, 0}, {1, 0}}),
	}
	rs := []roles.Role{
		{Slug: "mechanic", ONetCode: "49-3023.00", Category: "trades"},
		{Slug: "back-end", ONetCode: "15-1254.00", Category: "tech", Traits: []roles.Trait{
			{Dimension: "analytical_thinking", Direction: "high", Strength: 2}, {Dimension: "technology_design", Direction: "low", Strength: 1}}},
		{Slug: "front-end", ONetCode: "15-1254.00", Category: "tech", Traits: []roles.Trait{
			{Dimension: "artistic", Direction: "high", Strength: 2}, {Dimension: "technology_design", Direction: "high", Strength: 2}}},
		{Slug: "designer", ONetCode: "27-1024.00", Category: "arts"},
		{Slug: "sales", ONetCode: "41-3091.00", Category: "business"},
	}
	return Source{Roles: rs, Occupations: occs, Elements: fixtureElements, Norms: fixtureNorms()}
}

func fixtureIndex(t testing.TB) (*assessment.Bank, *Index) {
	t.Helper()
	bank, err := assessment.ParseBank([]byte(fixtureBank))
	if err != nil {
		t.Fatalf("ParseBank: %v", err)
	}
	ix, err := Build(bank, fixtureSource())
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return bank, ix
}

// person answers one statement per dimension at the given levels (3
// elsewhere).
func person(bank *assessment.Bank, levels map[string]float64) Person {
	p := Person{Level: make([]float64, len(bank.Dimensions)), Items: make([]int, len(bank.Dimensions))}
	for d := range p.Level {
		p.Level[d], p.Items[d] = 3, 1
	}
	for id, v := range levels {
		d := bank.DimensionIndex(id)
		if d < 0 {
			panic("unknown dimension " + id)
		}
		p.Level[d] = v
	}
	return withMean(p)
}

// withMean sets the person's mean over answered dimensions.
func withMean(p Person) Person {
	var sum, n float64
	for d, x := range p.Level {
		if p.Items[d] > 0 {
			sum += x
			n++
		}
	}
	if n > 0 {
		p.Mean = sum / n
	}
	return p
}

// randomPerson answers every dimension at a random whole or half level.
func randomPerson(rng *rand.Rand, n int) Person {
	p := Person{Level: make([]float64, n), Items: make([]int, n)}
	for i := range p.Level {
		p.Level[i], p.Items[i] = 1+float64(rng.IntN(9))/2, 1
	}
	return withMean(p)
}
