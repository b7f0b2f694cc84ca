package eval

import (
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"sync"

	"rolefit/internal/assessment"
	"rolefit/internal/matching"
)

// Config sets the size and conditions of a run.
type Config struct {
	PerRole int // respondents per role and condition
	Seed    uint64
}

// DefaultConfig is the configuration the tests check the bars with.
func DefaultConfig() Config { return Config{PerRole: 6, Seed: 1} }

// Retrieval is how often respondents of one condition find their own role.
type Retrieval struct {
	Source      Source
	Noise, Bias float64 // answer noise SD; SD of the per-person agree-bias
	N           int
	Top1, Top5  float64 // own role ranked first / in the top 5
	Own1, Own5  float64 // a role of the own O*NET occupation first / in the top 5
	Flagged     float64 // share whose result was low-confidence
}

// Siblings is how often the right role comes first among the roles that
// share its O*NET occupation, from the core questionnaire alone and after
// the follow-up questions the engine chose, answered from the same profile.
type Siblings struct {
	Occupation  string
	Roles       []string
	N           int
	CoreFirst   float64            // right sibling first, core questionnaire only
	First       float64            // right sibling first, after follow-ups
	ByRole      map[string]float64 // after follow-ups, per role
	CoreByRole  map[string]float64
	FollowUps   float64 // mean follow-ups asked
	MaxFollowUp int
}

// FollowUpStats are the follow-ups asked of every attentive respondent
// (role profiles, noise 0.7).
type FollowUpStats struct {
	N                     int
	Mean                  float64
	Max                   int
	None                  float64 // share asked none
	NoneWhenClear         float64 // of respondents whose core #1 led by more than CandidateFit, share asked none
	Top1Before, Top1After float64 // own role first, before and after follow-ups
}

// Stability compares two takes by the same simulated person.
type Stability struct {
	Source     Source
	Noise      float64
	N          int
	Overlap    float64 // mean number of top-5 roles the takes share (of 5)
	Same1      float64 // share whose #1 role is the same
	Same1Tier  float64 // share whose first take's #1 is in the second take's first tier
	FitMove    float64 // mean |fit change| of the first take's top 5
	BandChange float64 // share of the first take's top 5 whose band changes
}

// Explanations counts broken explanation rules over top-10 cards.
type Explanations struct {
	Cards, Reasons, Stretches, Mismatches int
	Violations                            map[string]int
	Examples                              []Violation // the first few, to read
}

// Flags is how often one kind of respondent gets a low-confidence result.
type Flags struct {
	Kind    string
	N       int
	Flagged float64 // share flagged low-confidence
	Good    float64 // share with any role at "good" or better
	TopFit  float64 // median fit of their #1 role
}

// Strong is how many roles count as strong fits for attentive respondents.
type Strong struct {
	Noise            float64
	Median, P10, P90 float64
	TopFit           float64 // median fit of the #1 role
}

// Report is a whole run.
type Report struct {
	Config       Config
	Weights      matching.Weights
	Retrieval    []Retrieval
	Siblings     []Siblings
	FollowUps    FollowUpStats
	Stability    []Stability
	Explanations Explanations
	Flags        []Flags
	Strong       []Strong
	// Measured is the calibration this run's respondents give: Rand, the
	// median squared distance of attentive respondents to a random role;
	// Misfit is kept from the committed calibration, with the residuals
	// it separates reported beside it.
	Measured matching.Calibration
	// Residuals are percentiles (10, 50, 90, 97, 99) of the best role's
	// residual for attentive respondents at noise 1.0 and for random ones.
	ResidualAttentive, ResidualRandom [5]float64
}

// harness holds what every part of a run shares.
type harness struct {
	bank  *assessment.Bank
	ix    *matching.Index
	resp  respondent
	cfg   Config
	roleL [][]float64
	onetL [][]float64
	occOf map[string]string
}

// Run evaluates ix with respondents answering bank; src must be the
// catalog ix was built from (for the O*NET-sourced respondents).
func Run(bank *assessment.Bank, ix *matching.Index, src matching.Source, cfg Config) (Report, error) {
	h := &harness{bank: bank, ix: ix, resp: newRespondent(bank), cfg: cfg, occOf: map[string]string{}}
	for _, p := range ix.Profiles() {
		h.roleL = append(h.roleL, slices.Concat(p.Level, p.Scale))
		h.occOf[p.Slug] = p.ONetCode
	}
	h.onetL = onetLevels(bank, ix, src)
	rep := Report{Config: cfg, Weights: ix.Weights(), Measured: ix.Calibration()}

	type job func(rng *rand.Rand) error
	var jobs []job
	var mu sync.Mutex
	for _, s := range []Source{FromRole, FromONet} {
		for _, noise := range []float64{0.7, 1.0} {
			for _, bias := range []float64{0, 0.5} {
				jobs = append(jobs, func(rng *rand.Rand) error {
					r, err := h.retrieval(rng, s, noise, bias)
					mu.Lock()
					rep.Retrieval = append(rep.Retrieval, r)
					mu.Unlock()
					return err
				})
			}
		}
		jobs = append(jobs, func(rng *rand.Rand) error {
			st, err := h.stability(rng, s, 0.5)
			mu.Lock()
			rep.Stability = append(rep.Stability, st)
			mu.Unlock()
			return err
		})
	}
	jobs = append(jobs,
		func(rng *rand.Rand) error {
			sib, fs, err := h.siblings(rng, 0.7)
			rep.Siblings, rep.FollowUps = sib, fs
			return err
		},
		func(rng *rand.Rand) error {
			ex, err := h.explanations(rng)
			rep.Explanations = ex
			return err
		},
		func(rng *rand.Rand) error {
			fl, ra, rr, err := h.flags(rng)
			rep.Flags, rep.ResidualAttentive, rep.ResidualRandom = fl, ra, rr
			return err
		},
		func(rng *rand.Rand) error {
			st, rnd, err := h.strong(rng)
			rep.Strong, rep.Measured.Rand = st, rnd
			return err
		},
	)
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			errs[i] = j(rand.New(rand.NewPCG(cfg.Seed, uint64(i)*7919+1))) // #nosec G404 G115 -- a seeded, reproducible simulation; i is a small job index
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return rep, err
		}
	}
	slices.SortFunc(rep.Retrieval, func(a, b Retrieval) int {
		return cmpKeys([]float64{srcKey(a.Source), a.Noise, a.Bias}, []float64{srcKey(b.Source), b.Noise, b.Bias})
	})
	slices.SortFunc(rep.Stability, func(a, b Stability) int { return cmpKeys([]float64{srcKey(a.Source)}, []float64{srcKey(b.Source)}) })
	return rep, nil
}

func srcKey(s Source) float64 {
	if s == FromRole {
		return 0
	}
	return 1
}

func cmpKeys(a, b []float64) int {
	for i := range a {
		switch {
		case a[i] < b[i]:
			return -1
		case a[i] > b[i]:
			return 1
		}
	}
	return 0
}

func (h *harness) levels(s Source) [][]float64 {
	if s == FromONet {
		return h.onetL
	}
	return h.roleL
}

func (h *harness) retrieval(rng *rand.Rand, s Source, noise, biasSD float64) (Retrieval, error) {
	out := Retrieval{Source: s, Noise: noise, Bias: biasSD}
	var top1, top5, own1, own5, flagged int
	for r, prof := range h.ix.Profiles() {
		for range h.cfg.PerRole {
			a := h.resp.answer(rng, h.levels(s)[r], noise, rng.NormFloat64()*biasSD)
			_, _, rk, err := person(h.bank, h.ix, a, 0)
			if err != nil {
				return out, err
			}
			out.N++
			if rk.LowConfidence {
				flagged++
			}
			own := false
			for i, m := range rk.Matches[:min(5, len(rk.Matches))] {
				if m.Slug == prof.Slug {
					top5++
					if i == 0 {
						top1++
					}
				}
				if h.occOf[m.Slug] == prof.ONetCode {
					if i == 0 {
						own1++
					}
					own = true
				}
			}
			if own {
				own5++
			}
		}
	}
	f := func(k int) float64 { return float64(k) / float64(max(1, out.N)) }
	out.Top1, out.Top5, out.Own1, out.Own5, out.Flagged = f(top1), f(top5), f(own1), f(own5), f(flagged)
	return out, nil
}

func (h *harness) siblings(rng *rand.Rand, noise float64) ([]Siblings, FollowUpStats, error) {
	groups := map[string][]int{}
	var order []string
	for r, p := range h.ix.Profiles() {
		if _, ok := groups[p.ONetCode]; !ok {
			order = append(order, p.ONetCode)
		}
		groups[p.ONetCode] = append(groups[p.ONetCode], r)
	}
	first := func(rk matching.Ranking, in map[string]bool) string {
		for _, m := range rk.Matches {
			if in[m.Slug] {
				return m.Slug
			}
		}
		return ""
	}
	var out []Siblings
	var fs FollowUpStats
	var asked, clear, clearNone, top1b, top1a int
	for _, code := range order {
		members := groups[code]
		sib := Siblings{Occupation: code, ByRole: map[string]float64{}, CoreByRole: map[string]float64{}}
		in := map[string]bool{}
		for _, r := range members {
			in[h.ix.Profiles()[r].Slug] = true
			sib.Roles = append(sib.Roles, h.ix.Profiles()[r].Slug)
		}
		n := h.cfg.PerRole
		if len(members) > 1 {
			n *= 4
		}
		var hits, coreHits, sibAsked int
		for _, r := range members {
			slug := h.ix.Profiles()[r].Slug
			var k, kc int
			for range n {
				core, final, q, err := h.followUps(rng, h.roleL[r], h.resp.answer(rng, h.roleL[r], noise, 0))
				if err != nil {
					return nil, fs, err
				}
				fs.N++
				asked += q
				sibAsked += q
				fs.Max = max(fs.Max, q)
				if q == 0 {
					fs.None++
				}
				if h.clear(core) {
					clear++
					if q == 0 {
						clearNone++
					}
				}
				if core.Matches[0].Slug == slug {
					top1b++
				}
				if final.Matches[0].Slug == slug {
					top1a++
				}
				if first(core, in) == slug {
					kc++
				}
				if first(final, in) == slug {
					k++
				}
			}
			hits += k
			coreHits += kc
			sib.N += n
			sib.ByRole[slug] = float64(k) / float64(n)
			sib.CoreByRole[slug] = float64(kc) / float64(n)
		}
		if len(members) < 2 {
			continue
		}
		sib.First, sib.CoreFirst = float64(hits)/float64(sib.N), float64(coreHits)/float64(sib.N)
		sib.FollowUps = float64(sibAsked) / float64(sib.N)
		out = append(out, sib)
	}
	if fs.N > 0 {
		fs.Mean = float64(asked) / float64(fs.N)
		fs.None /= float64(fs.N)
		fs.Top1Before, fs.Top1After = float64(top1b)/float64(fs.N), float64(top1a)/float64(fs.N)
	}
	if clear > 0 {
		fs.NoneWhenClear = float64(clearNone) / float64(clear)
	}
	return out, fs, nil
}

// clear reports whether a core ranking's #1 leads every other role by more
// than CandidateFit and has no sibling in the top ten: nothing for
// follow-ups to separate.
func (h *harness) clear(rk matching.Ranking) bool {
	m := rk.Matches
	if len(m) < 2 || m[0].Fit-m[1].Fit <= matching.CandidateFit {
		return false
	}
	for _, x := range m[1:min(10, len(m))] {
		if h.occOf[x.Slug] == h.occOf[m[0].Slug] {
			return false
		}
	}
	return true
}

// followUps evaluates answers, then answers the follow-up questions the
// engine asks as a person with true levels level would, until it asks no
// more; it returns the rankings before and after and how many it asked.
func (h *harness) followUps(rng *rand.Rand, level []float64, answers map[string]int) (matching.Ranking, matching.Ranking, int, error) {
	ev, err := h.ix.Evaluate(h.bank, answers, 0, 0)
	if err != nil {
		return matching.Ranking{}, matching.Ranking{}, 0, err
	}
	core := ev.Ranking
	stored := maps.Clone(answers)
	follow := map[string]string{}
	asked := 0
	for ev.Next != nil && asked < assessment.MaxFollowUps {
		follow[ev.Next.ID] = h.chooseOption(rng, level, *ev.Next)
		st, err := h.ix.FollowUps().Store(follow)
		if err != nil {
			return core, ev.Ranking, asked, err
		}
		maps.Copy(stored, st)
		if ev, err = h.ix.Evaluate(h.bank, stored, 0, 0); err != nil {
			return core, ev.Ranking, asked, err
		}
		asked++
	}
	return core, ev.Ranking, asked, nil
}

// chooseOption picks the option a person with true levels level prefers:
// the one whose signals their levels favor most, with a little noise.
func (h *harness) chooseOption(rng *rand.Rand, level []float64, q assessment.FollowUp) string {
	best, bestU := 0, math.Inf(-1)
	for oi, o := range q.Options {
		var u float64
		for _, s := range o.Signals {
			i, _ := h.ix.Position(s.Dimension)
			v := level[i] - matching.LevelNeutral
			if s.Direction == assessment.Low {
				v = -v
			}
			u += v / float64(len(o.Signals))
		}
		u += rng.NormFloat64() * 0.5
		if u > bestU {
			best, bestU = oi, u
		}
	}
	return q.Options[best].ID
}

func (h *harness) stability(rng *rand.Rand, s Source, noise float64) (Stability, error) {
	out := Stability{Source: s, Noise: noise}
	var overlap, same1, sameTier, move float64
	var changed, compared int
	for r := range h.ix.Profiles() {
		for range h.cfg.PerRole {
			bias := rng.NormFloat64() * 0.3
			var rks [2]matching.Ranking
			for t := range rks {
				_, _, rk, err := person(h.bank, h.ix, h.resp.answer(rng, h.levels(s)[r], noise, bias), 0)
				if err != nil {
					return out, err
				}
				rks[t] = rk
			}
			out.N++
			second := map[string]matching.Match{}
			for _, m := range rks[1].Matches {
				second[m.Slug] = m
			}
			for i, m := range rks[0].Matches[:5] {
				if i < 5 && slices.ContainsFunc(rks[1].Matches[:5], func(x matching.Match) bool { return x.Slug == m.Slug }) {
					overlap++
				}
				m2 := second[m.Slug]
				move += math.Abs(float64(m.Fit - m2.Fit))
				compared++
				if m.Band() != m2.Band() {
					changed++
				}
			}
			if rks[0].Matches[0].Slug == rks[1].Matches[0].Slug {
				same1++
			}
			if second[rks[0].Matches[0].Slug].Tier == 1 {
				sameTier++
			}
		}
	}
	n := float64(max(1, out.N))
	out.Overlap, out.Same1, out.Same1Tier = overlap/n, same1/n, sameTier/n
	out.FitMove = move / float64(max(1, compared))
	out.BandChange = float64(changed) / float64(max(1, compared))
	return out, nil
}

// explanations checks the top-10 cards of respondents from both sources at
// noise 0.7 and 1.0, with and without agree-bias.
func (h *harness) explanations(rng *rand.Rand) (Explanations, error) {
	out := Explanations{Violations: map[string]int{}}
	for _, s := range []Source{FromRole, FromONet} {
		for _, noise := range []float64{0.7, 1.0} {
			for r := range h.ix.Profiles() {
				for range max(1, h.cfg.PerRole/2) {
					a := h.resp.answer(rng, h.levels(s)[r], noise, rng.NormFloat64()*0.5)
					vs, counts, err := h.checkCards(a)
					if err != nil {
						return out, err
					}
					out.Cards += counts[0]
					out.Reasons += counts[1]
					out.Stretches += counts[2]
					out.Mismatches += counts[3]
					for _, v := range vs {
						out.Violations[v.Rule]++
						if len(out.Examples) < 10 {
							out.Examples = append(out.Examples, v)
						}
					}
				}
			}
		}
	}
	return out, nil
}

// checkCards explains the top 10 for answers a and checks every card; the
// counts are cards, reasons, stretches and mismatches shown.
func (h *harness) checkCards(a map[string]int) ([]Violation, [4]int, error) {
	var counts [4]int
	_, p, rk, err := person(h.bank, h.ix, a, 10)
	if err != nil {
		return nil, counts, err
	}
	var out []Violation
	for _, m := range rk.Matches[:min(10, len(rk.Matches))] {
		prof, _ := h.ix.Profile(m.Slug)
		ex := *m.Explanation
		counts[0]++
		counts[1] += len(ex.Reasons)
		counts[2] += len(ex.Stretch)
		if ex.Mismatch != nil {
			counts[3]++
		}
		out = append(out, CheckExplanation(h.bank, h.ix.Weights(), prof, p, ex)...)
	}
	return out, counts, nil
}

// CheckCards scores answers a, explains their top 10 and returns every
// broken rule; tests call it on respondents of their own.
func CheckCards(bank *assessment.Bank, ix *matching.Index, a map[string]int) ([]Violation, error) {
	h := &harness{bank: bank, ix: ix}
	vs, _, err := h.checkCards(a)
	return vs, err
}

func (h *harness) flags(rng *rand.Rand) ([]Flags, [5]float64, [5]float64, error) {
	type kind struct {
		name string
		gen  func(r int) map[string]int
	}
	kinds := []kind{
		{"attentive, role profiles, noise 1.0", func(r int) map[string]int { return h.resp.answer(rng, h.roleL[r], 1, 0) }},
		{"attentive, role profiles, noise 1.0, agree-bias 0.5", func(r int) map[string]int {
			return h.resp.answer(rng, h.roleL[r], 1, rng.NormFloat64()*0.5)
		}},
		{"attentive, O*NET ratings, noise 1.0", func(r int) map[string]int { return h.resp.answer(rng, h.onetL[r], 1, 0) }},
		{"attentive, O*NET ratings, noise 1.0, agree-bias 0.5", func(r int) map[string]int {
			return h.resp.answer(rng, h.onetL[r], 1, rng.NormFloat64()*0.5)
		}},
		{"uniformly random", func(int) map[string]int { return h.resp.random(rng) }},
		{"one answer throughout", func(r int) map[string]int { return h.resp.straight(1 + r%5) }},
		{"acquiescent (agree-bias +1.5)", func(r int) map[string]int { return h.resp.answer(rng, h.roleL[r], 1, 1.5) }},
	}
	var out []Flags
	var resAtt, resRand []float64
	for _, k := range kinds {
		f := Flags{Kind: k.name}
		var flagged, good int
		var tops []float64
		for r := range h.ix.Profiles() {
			for range h.cfg.PerRole {
				_, _, rk, err := person(h.bank, h.ix, k.gen(r), 0)
				if err != nil {
					return nil, [5]float64{}, [5]float64{}, err
				}
				f.N++
				if rk.LowConfidence {
					flagged++
				}
				if rk.Matches[0].Fit >= matching.GoodFit {
					good++
				}
				tops = append(tops, float64(rk.Matches[0].Fit))
				switch k.name {
				case kinds[2].name:
					resAtt = append(resAtt, rk.Residual)
				case kinds[4].name:
					resRand = append(resRand, rk.Residual)
				}
			}
		}
		f.Flagged, f.Good, f.TopFit = float64(flagged)/float64(f.N), float64(good)/float64(f.N), quantile(tops, 0.5)
		out = append(out, f)
	}
	pct := func(xs []float64) [5]float64 {
		return [5]float64{quantile(xs, .1), quantile(xs, .5), quantile(xs, .9), quantile(xs, .97), quantile(xs, .99)}
	}
	return out, pct(resAtt), pct(resRand), nil
}

// strong counts strong roles for attentive respondents (both sources, mild
// agree-bias) at noise 0 to 1, and measures the random-pair distance.
func (h *harness) strong(rng *rand.Rand) ([]Strong, float64, error) {
	var out []Strong
	var randE2 []float64
	for _, noise := range []float64{0, 0.25, 0.5, 0.75, 1.0} {
		st := Strong{Noise: noise}
		var counts, tops []float64
		for _, s := range []Source{FromRole, FromONet} {
			for r := range h.ix.Profiles() {
				for range max(1, h.cfg.PerRole/2) {
					_, _, rk, err := person(h.bank, h.ix, h.resp.answer(rng, h.levels(s)[r], noise, rng.NormFloat64()*0.3), 0)
					if err != nil {
						return nil, 0, err
					}
					n := 0
					for _, m := range rk.Matches {
						if m.Band() == matching.BandStrong {
							n++
						}
					}
					counts = append(counts, float64(n))
					tops = append(tops, float64(rk.Matches[0].Fit))
					if noise >= 0.7 {
						randE2 = append(randE2, -rk.Matches[rng.IntN(len(rk.Matches))].Score)
					}
				}
			}
		}
		st.Median, st.P10, st.P90, st.TopFit = quantile(counts, .5), quantile(counts, .1), quantile(counts, .9), quantile(tops, .5)
		out = append(out, st)
	}
	return out, quantile(randE2, .5), nil
}

// quantile is the q-quantile of xs by the nearest-rank method.
func quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	i := int(math.Ceil(q*float64(len(s)))) - 1
	return s[min(len(s)-1, max(0, i))]
}
