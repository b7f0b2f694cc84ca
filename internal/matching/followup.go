package matching

import (
	"math"
	"slices"

	"rolefit/internal/assessment"
)

// Choosing follow-up questions. After the core questionnaire, the person's
// top candidates are the roles whose fits sit within CandidateFit of the
// best (at most MaxCandidates of them), plus the best role's siblings on
// its O*NET occupation among the first ten: roles the core statements
// cannot reliably separate. Each follow-up question is scored by how much
// its answer is expected to change the order of those candidates:
//
//	E(q) = Σ_o P(o) · change(o)
//
// with P(o) the posterior probability (over the candidates) of roles whose
// profiles would choose option o, and change(o) the change in the
// candidates' order if o were chosen: 1 when the first candidate changes,
// plus half the share of candidate pairs that swap. The question with the
// largest E is asked next; when no question reaches MinChange, or
// MaxFollowUps have been answered, the order is settled.
const (
	CandidateFit  = 6
	MaxCandidates = 6
	MinChange     = 0.1
)

// NextFollowUp returns the follow-up question to ask p next, given their
// ranking rk, or false when there is none worth asking.
func (ix *Index) NextFollowUp(p Person, rk Ranking) (assessment.FollowUp, bool) {
	if ix.follow == nil || len(p.FollowUps) >= assessment.MaxFollowUps || rk.LowConfidence {
		return assessment.FollowUp{}, false
	}
	cands := ix.candidates(rk)
	if len(cands) < 2 {
		return assessment.FollowUp{}, false
	}
	s, err := ix.scorer(p)
	if err != nil {
		return assessment.FollowUp{}, false
	}
	base := ix.candidateScores(&s, cands)
	prior := posterior(base, 2*max(rk.Residual, ix.w.MinNoise))
	order := rankOf(base)

	best, bestE := -1, MinChange
	for qi, q := range ix.follow.Questions {
		if _, done := p.FollowUps[q.ID]; done {
			continue
		}
		pOpt := ix.optionChances(q, cands, prior)
		var e float64
		for oi := range q.Options {
			if pOpt[oi] == 0 {
				continue
			}
			t, err := ix.WithFollowUps(p, map[string]string{q.ID: q.Options[oi].ID})
			if err != nil {
				continue
			}
			ts, _ := ix.scorer(t)
			e += pOpt[oi] * orderChange(order, rankOf(ix.candidateScores(&ts, cands)))
		}
		if e > bestE {
			best, bestE = qi, e
		}
	}
	if best < 0 {
		return assessment.FollowUp{}, false
	}
	return ix.follow.Questions[best], true
}

// candidates returns the profile indexes of the roles the follow-ups
// should separate.
func (ix *Index) candidates(rk Ranking) []int {
	if len(rk.Matches) == 0 {
		return nil
	}
	top := rk.Matches[0]
	lead := ix.profiles[ix.bySlug[top.Slug]].ONetCode
	var out []int
	for i, m := range rk.Matches[:min(10, len(rk.Matches))] {
		r := ix.bySlug[m.Slug]
		near := top.Fit-m.Fit <= CandidateFit && len(out) < MaxCandidates
		sibling := i > 0 && ix.profiles[r].ONetCode == lead
		if near || sibling {
			out = append(out, r)
		}
	}
	return out
}

// candidateScores is each candidate's squared distance to the person (the
// likelihood's half of the score, which follow-up answers move directly).
func (ix *Index) candidateScores(s *scorer, cands []int) []float64 {
	st := ix.stride
	out := make([]float64, len(cands))
	for i, r := range cands {
		out[i] = s.full(s.a, ix.level[r*st:(r+1)*st], ix.weight[r*st:(r+1)*st], true)
	}
	return out
}

// posterior turns squared distances into probabilities at temperature t.
func posterior(d []float64, t float64) []float64 {
	lo := slices.Min(d)
	out := make([]float64, len(d))
	var sum float64
	for i, x := range d {
		out[i] = math.Exp(-(x - lo) / t)
		sum += out[i]
	}
	for i := range out {
		out[i] /= sum
	}
	return out
}

// optionChances is the probability of each option of q: the posterior
// weight of the candidates whose levels favor it most (split on ties).
func (ix *Index) optionChances(q assessment.FollowUp, cands []int, prior []float64) []float64 {
	out := make([]float64, len(q.Options))
	st := ix.stride
	for ci, r := range cands {
		l := ix.level[r*st : (r+1)*st]
		util := make([]float64, len(q.Options))
		for oi, o := range q.Options {
			for _, sg := range o.Signals {
				v := l[ix.extIdx[sg.Dimension]] - LevelNeutral
				if sg.Direction == assessment.Low {
					v = -v
				}
				util[oi] += v / float64(len(o.Signals))
			}
		}
		hi := slices.Max(util)
		var ties []int
		for oi, u := range util {
			if hi-u < 1e-9 {
				ties = append(ties, oi)
			}
		}
		for _, oi := range ties {
			out[oi] += prior[ci] / float64(len(ties))
		}
	}
	return out
}

// rankOf returns positions in ascending order of d (ties by index).
func rankOf(d []float64) []int {
	idx := make([]int, len(d))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmpAsc(d[a], d[b]) })
	return idx
}

func cmpAsc(a, b float64) int { return -cmpDesc(a, b) }

// orderChange is 1 when the first element differs, plus half the share of
// pairs ordered differently.
func orderChange(a, b []int) float64 {
	var c float64
	if a[0] != b[0] {
		c = 1
	}
	pos := make([]int, len(b))
	for i, x := range b {
		pos[x] = i
	}
	var swaps, pairs int
	for i := range a {
		for j := i + 1; j < len(a); j++ {
			pairs++
			if pos[a[i]] > pos[a[j]] {
				swaps++
			}
		}
	}
	if pairs > 0 {
		c += 0.5 * float64(swaps) / float64(pairs)
	}
	return c
}
