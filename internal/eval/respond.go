// Package eval owns the evaluation harness of the matching engine.
// Synthetic respondents answer the real question bank, are scored by
// internal/assessment and ranked by internal/matching, and the report says
// how often they find their own role and occupation, how their matches
// hold when they answer again, how often each explanation rule is broken,
// how often careless and patterned answers are caught, and how many roles
// count as strong fits. Respondents come from two sources, so the harness
// is not circular: from each role's own profile (what matching ranks on,
// traits included) and straight from O*NET ratings of the role's
// occupation (no traits, computed here). Everything is seeded and
// deterministic.
package eval

import (
	"math"
	"math/rand/v2"

	"rolefit/internal/assessment"
	"rolefit/internal/matching"
	"rolefit/internal/roles"
)

// Source is where a respondent's true profile comes from.
type Source string

// The two sources.
const (
	FromRole Source = "role profile"
	FromONet Source = "O*NET ratings"
)

// respondent answers the bank as a person with true levels (1–5 scale)
// would: round(level + bias + noise) for a statement, and round(6 − level
// + bias + noise) for a statement worded as the opposite (the agree-bias
// still pushes the raw answer up, as acquiescence does), clipped to 1–5.
type respondent struct {
	bank *assessment.Bank
	dim  []int // per question
}

func newRespondent(bank *assessment.Bank) respondent {
	r := respondent{bank: bank, dim: make([]int, len(bank.Questions))}
	for i, q := range bank.Questions {
		r.dim[i] = bank.DimensionIndex(q.Dimension)
	}
	return r
}

func (r respondent) answer(rng *rand.Rand, level []float64, noise, bias float64) map[string]int {
	a := make(map[string]int, len(r.bank.Questions))
	for i, q := range r.bank.Questions {
		t := level[r.dim[i]]
		if q.Reverse {
			t = assessment.ScaleMin + assessment.ScaleMax - t
		}
		x := int(math.Round(t + bias + rng.NormFloat64()*noise))
		a[q.ID] = min(assessment.ScaleMax, max(assessment.ScaleMin, x))
	}
	return a
}

// random answers uniformly over the scale.
func (r respondent) random(rng *rand.Rand) map[string]int {
	a := make(map[string]int, len(r.bank.Questions))
	for _, q := range r.bank.Questions {
		a[q.ID] = assessment.ScaleMin + rng.IntN(assessment.ScaleMax-assessment.ScaleMin+1)
	}
	return a
}

// straight gives one answer throughout.
func (r respondent) straight(x int) map[string]int {
	a := make(map[string]int, len(r.bank.Questions))
	for _, q := range r.bank.Questions {
		a[q.ID] = x
	}
	return a
}

// onetLevels places each profile's occupation's own O*NET ratings on the
// common scale, with no role traits, computed here rather than taken
// from matching's profiles.
func onetLevels(bank *assessment.Bank, ix *matching.Index, src matching.Source) [][]float64 {
	out := make([][]float64, len(ix.Profiles()))
	for i, p := range ix.Profiles() {
		occ := src.Occupations[p.ONetCode]
		lv := make([]float64, len(bank.Dimensions))
		for d, dim := range bank.Dimensions {
			var sum float64
			for _, e := range dim.ONetElements {
				var v float64
				var nm roles.Norm
				switch dim.Group {
				case roles.BlockInterest:
					nm = src.Norms.Interest[e]
					v = occ.Interests[e]
				case roles.BlockWorkStyle:
					nm = src.Norms.WorkStyle[e]
					v = occ.WorkStyles[e]
				default:
					nm = src.Norms.SkillLV[e]
					v = occ.Skills[e].LV
				}
				sum += matching.ScaleLevel(dim.Group, v, nm)
			}
			lv[d] = sum / float64(len(dim.ONetElements))
		}
		out[i] = lv
	}
	return out
}

// person scores answers and ranks them the way the web layer does.
func person(bank *assessment.Bank, ix *matching.Index, answers map[string]int, explain int) (assessment.Result, matching.Person, matching.Ranking, error) {
	ev, err := ix.Evaluate(bank, answers, 0, explain)
	return ev.Result, ev.Person, ev.Ranking, err
}
