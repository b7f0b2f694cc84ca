// Package eval owns the evaluation harness of the matching engine: synthetic
// respondents generated from every role's own profile answer the real
// question bank, are scored by internal/assessment and ranked by
// internal/matching, and the report says how often they find their own role
// and occupation, how stable their top five is, and where the calibration
// constants come from. Everything is seeded and deterministic.
package eval

import (
	"math"
	"math/rand/v2"
	"slices"
	"sync"

	"rolefit/internal/assessment"
	"rolefit/internal/matching"
)

// Config sets the size and conditions of a run.
type Config struct {
	PerRole  int       // attentive respondents per role and condition
	Noise    []float64 // answer noise SDs, in scale points
	BiasSD   float64   // SD of the per-person agree-bias in biased conditions
	Careless float64   // share of careless respondents mixed in
	Seed     uint64
}

// DefaultConfig is the configuration the bars are checked with.
func DefaultConfig() Config {
	return Config{PerRole: 10, Noise: []float64{0.7, 1.0}, BiasSD: 0.5, Careless: 0.10, Seed: 1}
}

// Condition is one way of generating answers.
type Condition struct {
	Noise float64
	Bias  bool
}

// Stats are hit rates over a group of respondents, as fractions.
type Stats struct {
	N         int
	Top1      float64 // own role ranked first
	Top5      float64 // own role in the top 5
	Own1      float64 // a role of the own O*NET occupation ranked first
	Own5      float64 // a role of the own occupation in the top 5
	Stability float64 // mean share of the top 5 two administrations share
	Flagged   float64 // share the ranking marked low-confidence
}

// ConditionReport is the outcome of one condition.
type ConditionReport struct {
	Condition
	Attentive  Stats
	Careless   Stats
	ByCategory map[string]Stats // attentive respondents only
	// Median raw scores of attentive respondents against their own role and
	// against a random role, and the fits they map to.
	SelfScore, RandScore float64
	SelfFit, RandFit     float64
}

// Report is a whole run.
type Report struct {
	Config     Config
	Weights    matching.Weights
	Conditions []ConditionReport
	// Measured is the calibration the run's scores give (pooled over all
	// conditions, attentive respondents); compare with the committed one.
	Measured matching.Calibration
}

// tally accumulates Stats.
type tally struct {
	n                            int
	top1, top5, own1, own5, flag int
	stab                         float64
}

// add counts one respondent of role prof whose first ranking's top five is
// top5 and whose two administrations share stability of their top five.
func (t *tally) add(prof matching.Profile, occOf map[string]string, top5 []matching.Match, flagged bool, stability float64) {
	t.n++
	if flagged {
		t.flag++
	}
	t.stab += stability
	ownOcc := false
	for i, m := range top5 {
		if m.Slug == prof.Slug {
			t.top5++
			if i == 0 {
				t.top1++
			}
		}
		if occOf[m.Slug] == prof.ONetCode {
			if i == 0 {
				t.own1++
			}
			ownOcc = true
		}
	}
	if ownOcc {
		t.own5++
	}
}

// overlap is the share of a's slugs that are also in b, out of 5.
func overlap(a, b []string) float64 {
	shared := 0
	for _, s := range a {
		if slices.Contains(b, s) {
			shared++
		}
	}
	return float64(shared) / 5
}

func (t *tally) stats() Stats {
	if t.n == 0 {
		return Stats{}
	}
	f := func(k int) float64 { return float64(k) / float64(t.n) }
	return Stats{N: t.n, Top1: f(t.top1), Top5: f(t.top5), Own1: f(t.own1), Own5: f(t.own5), Flagged: f(t.flag), Stability: t.stab / float64(t.n)}
}

// Run evaluates ix with respondents answering bank.
func Run(bank *assessment.Bank, ix *matching.Index, cfg Config) (Report, error) {
	var conds []Condition
	for _, n := range cfg.Noise {
		conds = append(conds, Condition{n, false}, Condition{n, true})
	}
	rep := Report{Config: cfg, Weights: ix.Weights(), Conditions: make([]ConditionReport, len(conds))}
	self := make([][]float64, len(conds))
	rnd := make([][]float64, len(conds))
	errs := make([]error, len(conds))
	var wg sync.WaitGroup
	for c, cond := range conds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rep.Conditions[c], self[c], rnd[c], errs[c] = runCondition(bank, ix, cfg, cond, cfg.Seed+uint64(c)*7919) // #nosec G115 -- c is a small non-negative condition index
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return rep, err
		}
	}
	rep.Measured = matching.Calibration{Self: median(slices.Concat(self...)), Rand: median(slices.Concat(rnd...))}
	return rep, nil
}

func runCondition(bank *assessment.Bank, ix *matching.Index, cfg Config, cond Condition, seed uint64) (ConditionReport, []float64, []float64, error) {
	rng := rand.New(rand.NewPCG(seed, 0x5eed)) // #nosec G404 -- a seeded, reproducible simulation, not security
	profiles := ix.Profiles()
	occOf := make(map[string]string, len(profiles))
	for _, p := range profiles {
		occOf[p.Slug] = p.ONetCode
	}
	var att, care tally
	byCat := map[string]*tally{}
	var selfScores, randScores []float64

	perRole := cfg.PerRole
	careless := int(math.Round(float64(perRole) * cfg.Careless / (1 - cfg.Careless)))
	for _, prof := range profiles {
		for k := 0; k < perRole+careless; k++ {
			isCareless := k >= perRole
			bias := 0.0
			if cond.Bias {
				bias = rng.NormFloat64() * cfg.BiasSD
			}
			var style carelessStyle
			if isCareless {
				style = carelessStyle(1 + rng.IntN(2))
			}
			var top [2][]string // top-5 slugs of the two administrations
			var first matching.Ranking
			for admin := range 2 {
				answers := respond(rng, bank, prof.Z, cond.Noise, bias, style)
				res, err := assessment.Score(bank, answers)
				if err != nil {
					return ConditionReport{}, nil, nil, err
				}
				rk, err := ix.Rank(matching.NewPerson(res), 0)
				if err != nil {
					return ConditionReport{}, nil, nil, err
				}
				for i := 0; i < 5 && i < len(rk.Matches); i++ {
					top[admin] = append(top[admin], rk.Matches[i].Slug)
				}
				if admin == 0 {
					first = rk
				}
			}
			top5 := first.Matches[:min(5, len(first.Matches))]
			groups := []*tally{&att}
			if isCareless {
				groups = []*tally{&care}
			} else {
				if byCat[prof.Category] == nil {
					byCat[prof.Category] = &tally{}
				}
				groups = append(groups, byCat[prof.Category])
			}
			for _, t := range groups {
				t.add(prof, occOf, top5, first.LowConfidence, overlap(top[0], top[1]))
			}
			if !isCareless {
				for _, m := range first.Matches {
					if m.Slug == prof.Slug {
						selfScores = append(selfScores, m.Score)
						break
					}
				}
				randScores = append(randScores, first.Matches[rng.IntN(len(first.Matches))].Score)
			}
		}
	}
	cr := ConditionReport{Condition: cond, Attentive: att.stats(), Careless: care.stats(), ByCategory: map[string]Stats{}}
	for c, t := range byCat {
		cr.ByCategory[c] = t.stats()
	}
	cr.SelfScore, cr.RandScore = median(selfScores), median(randScores)
	cal := ix.Calibration()
	cr.SelfFit = medianFit(cal, selfScores)
	cr.RandFit = medianFit(cal, randScores)
	return cr, selfScores, randScores, nil
}

// carelessStyle is how a careless respondent answers.
type carelessStyle int

const (
	attentive carelessStyle = iota
	random                  // uniform over the scale
	straight                // one answer throughout
)

// respond answers every question of bank as a person with profile z would:
// round(3 + z + bias + noise), clipped to 1–5. A reverse item is agreed
// with as the opposite of its dimension (3 − z), while the agree-bias still
// pushes the raw answer up, as acquiescence does.
func respond(rng *rand.Rand, bank *assessment.Bank, z []float64, noise, bias float64, style carelessStyle) map[string]int {
	a := make(map[string]int, len(bank.Questions))
	line := 1 + rng.IntN(5)
	for _, q := range bank.Questions {
		switch style {
		case random:
			a[q.ID] = 1 + rng.IntN(5)
			continue
		case straight:
			a[q.ID] = line
			continue
		}
		t := z[bank.DimensionIndex(q.Dimension)]
		if q.Reverse {
			t = -t
		}
		x := int(math.Round(3 + t + bias + rng.NormFloat64()*noise))
		a[q.ID] = min(5, max(1, x))
	}
	return a
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func medianFit(cal matching.Calibration, scores []float64) float64 {
	fits := make([]float64, len(scores))
	for i, s := range scores {
		fits[i] = float64(cal.Fit(s))
	}
	return median(fits)
}
