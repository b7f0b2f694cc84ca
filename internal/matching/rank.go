package matching

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"

	"rolefit/internal/assessment"
)

// Person is what matching needs of a scored questionnaire.
type Person struct {
	Level         []float64 // mean answer per dimension, 1–5, in the bank's order
	Items         []int     // answered statements per dimension: the weight of its mean
	Mean          float64   // the person's mean over answered dimensions
	Code          string    // RIASEC code, shown beside the role's; "" when unclear
	LowConfidence bool      // the answers were flagged as careless, patterned or flat
	// Extra is the evidence of follow-up answers: levels on questionnaire
	// dimensions or follow-up scales, each weighing like one statement.
	Extra []Observation
	// FollowUps are the follow-up answers Extra came from (question id →
	// option id), so that the next question is not asked twice.
	FollowUps map[string]string
}

// Observation is one level a follow-up answer gives, at Index in a role's
// levels (a questionnaire dimension, or a follow-up scale after them).
type Observation struct {
	Index int
	Level float64
}

// WithFollowUps returns p with the evidence of follow-up answers (question
// id → option id) added. It fails on an unknown question or option.
func (ix *Index) WithFollowUps(p Person, answers map[string]string) (Person, error) {
	if len(answers) == 0 {
		return p, nil
	}
	if ix.follow == nil {
		return p, errors.New("matching: no follow-up questions")
	}
	ev, err := ix.follow.Evidence(answers)
	if err != nil {
		return p, err
	}
	q := p
	q.Extra = slices.Clone(p.Extra)
	q.FollowUps = maps.Clone(p.FollowUps)
	if q.FollowUps == nil {
		q.FollowUps = map[string]string{}
	}
	for id, o := range answers {
		q.FollowUps[id] = o
	}
	for _, e := range ev {
		i := ix.extIdx[e.Dimension]
		lv := e.Level
		if i < len(ix.dims) && p.Items[i] > 0 {
			// On a questionnaire dimension the person has answered, a
			// this-or-that choice says they lean a step further than they
			// said (or half a step less, for an option passed over), not
			// that they are at the end of the scale.
			lv = min(LevelMax, max(LevelMin, p.Level[i]+(e.Level-LevelNeutral)/2))
		}
		q.Extra = append(q.Extra, Observation{Index: i, Level: lv})
	}
	return q, nil
}

// NewPerson takes a person from an assessment result.
func NewPerson(r assessment.Result) Person {
	return Person{Level: r.Means(), Items: r.Items(), Mean: r.Mean, Code: r.Code, LowConfidence: r.LowConfidence()}
}

// Match is one role's place in a ranking.
type Match struct {
	Slug string
	// Role is the role's position in Index.Profiles, for callers that keep
	// a table per role.
	Role int
	Fit  int // calibrated 0–100; see Band
	// Tier numbers groups of roles within measurement error of each other,
	// from 1: roles of one tier are shown as tied, not in a false order.
	Tier int
	// Score is what the order comes from: minus the role's squared
	// distance from the person (higher is better).
	Score float64
	// Explanation is filled for the first n matches Rank was asked to
	// explain, nil beyond them; Index.Explain gives it for any role.
	Explanation *Explanation
}

// Band is the band of the match's fit.
func (m Match) Band() Band { return BandFor(m.Fit) }

// Ranking is every role in order of fit.
type Ranking struct {
	Matches []Match
	// LowConfidence is true when the answers were flagged or fit no
	// occupation: the order is a rough guess, every fit is capped below
	// "good" and explanations give no reasons.
	LowConfidence bool
	// Misfit is true when even the best role leaves a residual above the
	// calibration's Misfit: the answers resemble no occupation.
	Misfit bool
	// Loose is true when the residual is above the calibration's Loose but
	// not a misfit: fits are capped (see Calibration.Cap).
	Loose bool
	// Residual is the mean squared residual per statement after the best
	// role (scale points squared): about the answers' own noise for an
	// attentive person.
	Residual float64
}

// scorer is one person's half of the ranking, reused across roles.
type scorer struct {
	a     []float64 // answers per dimension
	w     []float64 // statements per dimension
	W     float64
	extra []Observation
}

func (ix *Index) scorer(p Person) (scorer, error) {
	n := len(ix.dims)
	if len(p.Level) != n || len(p.Items) != n {
		return scorer{}, fmt.Errorf("matching: person has %d levels and %d item counts, want %d", len(p.Level), len(p.Items), n)
	}
	s := scorer{a: p.Level, w: make([]float64, n), extra: p.Extra}
	for _, o := range p.Extra {
		if o.Index < 0 || o.Index >= ix.stride || math.IsNaN(o.Level) {
			return scorer{}, errors.New("matching: follow-up evidence out of range")
		}
	}
	for d, x := range p.Level {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return scorer{}, errors.New("matching: person level is not a number")
		}
		if p.Items[d] < 0 {
			return scorer{}, errors.New("matching: negative item count")
		}
		s.w[d] = float64(p.Items[d])
		s.W += s.w[d]
	}
	return s, nil
}

// dist is the weighted squared distance between x and the role level l
// with the best constant offset removed: Σw(x−l)² − (Σw(x−l))²/W. Removing
// the offset makes the score blind to how much someone agrees overall,
// the way acquiescence shows.
func (s *scorer) dist(x, l []float64) float64 {
	var s1, s2 float64
	for d, wd := range s.w {
		e := x[d] - l[d]
		s1 += wd * e
		s2 += wd * e * e
	}
	return s2 - s1*s1/s.W
}

// full is dist over the questionnaire dimensions of x and l (stride-wide
// levels: dimensions, then scales) plus the follow-up evidence, each
// observation a squared gap weighted by w (the role's weights): x's own
// level at an observed position when x is a profile, the observation
// itself when x is the answers.
func (s *scorer) full(x, l, w []float64, answers bool) float64 {
	d := s.dist(x, l)
	for _, o := range s.extra {
		v := o.Level
		if !answers {
			v = x[o.Index]
		}
		e := v - l[o.Index]
		d += w[o.Index] * e * e
	}
	return d
}

// affineResidual is what is left of the answers after the best line
// c + k·l through the role levels l: like dist, but also forgiving a
// person who uses less (or more) of the scale than the levels span, as an
// agree-bias does when it pushes answers into the top of the scale. Only
// the misfit test uses it: answers with no shape (random ones) leave their
// whole variance whatever the line.
func (s *scorer) affineResidual(l []float64) float64 {
	var mx, my float64
	for d, wd := range s.w {
		mx += wd * l[d]
		my += wd * s.a[d]
	}
	mx, my = mx/s.W, my/s.W
	var sxx, sxy, syy float64
	for d, wd := range s.w {
		x, y := l[d]-mx, s.a[d]-my
		sxx += wd * x * x
		sxy += wd * x * y
		syy += wd * y * y
	}
	if sxx <= 0 || sxy <= 0 {
		return syy
	}
	return syy - sxy*sxy/sxx
}

// The ranking. For role r with levels L_r and answers a (weights w, total
// W), D_r = dist(a, L_r) is minus twice the log-likelihood of the answers
// under r, up to constants, with Gaussian noise per statement. The
// posterior over roles, with the noise variance estimated from the best
// role's residual, gives the posterior mean profile θ = Σ π_r L_r: the
// answers' best estimate of the person. Each role's squared distance is
//
//	e²_r = (1−λ)·dist(θ, L_r)/W + λ·(D_r − D_best)/W
//
// with λ the weight Direct, raised by Doubt times the posterior's doubt
// about the best role (1 − its probability), up to 1.
// and roles are ranked by it, smallest first. Both parts are zero for the
// best role and grow with how far a role is from the person; neither grows
// with the person's own noise, so neither do the fits.

// Rank scores every role against p and returns them best first, ties broken
// by slug. The first explain matches carry an Explanation. It fails only on
// misuse (vectors of the wrong length or not-a-number levels); flat or
// careless answers give a low-confidence ranking, never an error.
func (ix *Index) Rank(p Person, explain int) (Ranking, error) {
	s, err := ix.scorer(p)
	if err != nil {
		return Ranking{}, err
	}
	n, nd, st := len(ix.profiles), len(ix.dims), ix.stride
	rk := Ranking{Matches: make([]Match, n), LowConfidence: p.LowConfidence}
	if n == 0 {
		return rk, nil
	}
	if s.W == 0 {
		rk.LowConfidence = true
		for r, prof := range ix.profiles {
			rk.Matches[r] = Match{Slug: prof.Slug, Role: r, Tier: 1}
		}
		return rk, nil
	}

	D := make([]float64, n)
	best := 0
	for r := range n {
		D[r] = s.full(s.a, ix.level[r*st:(r+1)*st], ix.weight[r*st:(r+1)*st], true)
		if D[r] < D[best] {
			best = r
		}
	}
	rk.Residual = s.affineResidual(ix.level[best*st:best*st+nd]) / s.W
	switch {
	case rk.Residual > ix.cal.Misfit:
		rk.Misfit, rk.LowConfidence = true, true
	case rk.Residual > ix.cal.Loose:
		rk.Loose = true
	}

	// Posterior mean profile; roles more than e^-40 less likely than the
	// best add nothing measurable and are skipped.
	temp := 2 * max(rk.Residual, ix.w.MinNoise)
	theta := make([]float64, st)
	var wsum float64
	for r := range n {
		x := (D[r] - D[best]) / temp
		if x > 40 {
			continue
		}
		pr := math.Exp(-x)
		wsum += pr
		for d, l := range ix.level[r*st : (r+1)*st] {
			theta[d] += pr * l
		}
	}
	for d := range theta {
		theta[d] /= wsum
	}

	// The best role's posterior probability is 1/wsum. The less sure the
	// posterior is of it, the more the ranking leans on each role's own
	// likelihood instead of on its closeness to the best one: a noisy
	// person's best role is often a neighbor of their own, and the own
	// must not fall out of the list with the neighbor's family.
	lam := max(ix.w.Direct, min(1, ix.w.Doubt*(1-1/wsum)))
	limit := ix.cal.Cap(rk.Residual)
	if rk.LowConfidence {
		limit = min(limit, LowConfidenceFit)
	}
	// Sort role indexes rather than Matches: the order is total (score,
	// then index, which is slug order), so an unstable sort gives the same
	// result as a stable one, and moving ints is cheaper than structs.
	e2, dBest := D, D[best] // D is not needed past here: reuse it
	for r := range ix.profiles {
		e2[r] = ((1-lam)*s.full(theta, ix.level[r*st:(r+1)*st], ix.weight[r*st:(r+1)*st], false) + lam*(D[r]-dBest)) / s.W
	}
	order := make([]int32, n)
	for r := range order {
		order[r] = int32(r) // #nosec G115 -- a catalog has far fewer than 2^31 roles
	}
	slices.SortFunc(order, func(a, b int32) int {
		if c := cmpAsc(e2[a], e2[b]); c != 0 {
			return c
		}
		return int(a - b)
	})
	for i, r := range order {
		rk.Matches[i] = Match{Slug: ix.profiles[r].Slug, Role: int(r), Fit: min(ix.cal.Fit(e2[r]), limit), Score: -e2[r]}
	}
	tier, lead := 1, rk.Matches[0].Fit
	for i := range rk.Matches {
		m := &rk.Matches[i]
		if lead-m.Fit > TieFit {
			tier, lead = tier+1, m.Fit
		}
		m.Tier = tier
		if i < explain {
			e := ix.explain(p, ix.bySlug[m.Slug], rk.LowConfidence)
			m.Explanation = &e
		}
	}
	return rk, nil
}
