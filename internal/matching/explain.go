package matching

import (
	"fmt"
	"strings"

	"rolefit/internal/assessment"
	"rolefit/internal/roles"
)

// Contribution is one dimension's exact share of a role's score.
type Contribution struct {
	Dimension string // dimension id, e.g. "programming"
	Name      string
	Group     roles.Block
	Person    float64 // the person's z-score
	Role      float64 // the role's z-score (with emphasis)
	// Shape is the dimension's share of the profile correlation term:
	// block weight · p̃ᵢ · q̃ᵢ / n, with p̃, q̃ standardised inside the block,
	// so a block's shares sum to its weight times its correlation.
	Shape float64
	// Gap is the dimension's share of the skill-gap penalty (≤ 0); zero
	// for dimensions that are not important skills of the role.
	Gap   float64
	Total float64 // Shape + Gap; a role's Totals sum to its score
	Text  string  // one sentence for people; empty in Explanation.All
}

// Explanation says why a role scored as it did. Every number in it is a
// part of the score, not a separate heuristic.
type Explanation struct {
	Score                  float64 // the sum of All[i].Total; equals Match.Score
	Interest, Style, Skill float64 // block correlations, each in [−1, 1]
	// Under and Over are the importance-weighted mean gaps (z-units beyond
	// the tolerance) below and above the role's level on its important skills.
	Under, Over          float64
	PersonCode, RoleCode string // RIASEC codes, to show side by side
	// Reasons are the largest positive shares where both the person and the
	// role sit above their own averages (up to 3).
	Reasons []Contribution
	// Stretch are the important skills with the largest shortfalls (up to 2).
	Stretch []Contribution
	// Mismatch is the most negative share outside Stretch, nil if none.
	Mismatch *Contribution
	All      []Contribution // every dimension, in the bank's order
}

// Explainer returns a function explaining any role's score for p, so that
// explaining many roles for one person does the person's half once.
func (ix *Index) Explainer(p Person) (func(slug string) (Explanation, error), error) {
	ps, err := ix.person(p)
	if err != nil {
		return nil, err
	}
	return func(slug string) (Explanation, error) {
		r, ok := ix.bySlug[slug]
		if !ok {
			return Explanation{}, fmt.Errorf("matching: unknown role %q", slug)
		}
		return ix.explain(p, &ps, r), nil
	}, nil
}

// Explain returns the explanation of role slug's score for p.
func (ix *Index) Explain(p Person, slug string) (Explanation, error) {
	r, ok := ix.bySlug[slug]
	if !ok {
		return Explanation{}, fmt.Errorf("matching: unknown role %q", slug)
	}
	ps, err := ix.person(p)
	if err != nil {
		return Explanation{}, err
	}
	return ix.explain(p, &ps, r), nil
}

// explain recomputes role r's score term by term from its profile; it is
// slower than Index.score but gives every share. Both compute the same sums.
func (ix *Index) explain(p Person, ps *person, r int) Explanation {
	prof := ix.profiles[r]
	e := Explanation{PersonCode: p.Code, RoleCode: prof.Code, All: make([]Contribution, len(ix.dims))}
	for d, dim := range ix.dims {
		e.All[d] = Contribution{Dimension: dim.ID, Name: dim.Name, Group: dim.Group, Person: p.Z[d], Role: prof.Z[d]}
	}

	blockW := [3]float64{ix.w.Interest, ix.w.Style, ix.w.Skill}
	var rs [3]float64
	high := make([]bool, len(ix.dims)) // both above their block averages
	for b, blk := range ix.blocks {
		if ps.undefined[b] {
			continue
		}
		a := roleHalf(prof, blk.dims)
		for i, d := range blk.dims {
			dev := (p.Z[d] - ps.mean[b]) / ps.sd[b]
			share := a[i] * dev
			rs[b] += share
			e.All[d].Shape = blockW[b] * share
			high[d] = dev > 0 && a[i] > 0
		}
	}
	e.Interest, e.Style, e.Skill = rs[0], rs[1], rs[2]

	var sum float64
	for _, d := range ix.blocks[2].dims {
		if prof.Important[d] {
			sum += prof.Weight[d]
		}
	}
	t := ix.w.Tolerance
	for i, d := range ix.blocks[2].dims {
		if !prof.Important[d] || sum <= 0 {
			continue
		}
		sw := prof.Weight[d] / sum
		g := prof.Z[d] - ps.skills[i]
		under, over := sw*max(g-t, 0), sw*max(-g-t, 0)
		e.Under += under
		e.Over += over
		e.All[d].Gap = -(ix.w.Under*under + ix.w.Over*over)
	}
	for d := range e.All {
		e.All[d].Total = e.All[d].Shape + e.All[d].Gap
		e.Score += e.All[d].Total
	}

	// Pick by linear scans over plain arrays: at most six picks over ~54
	// shares, with the sentences written once per dimension at Build.
	n := len(e.All)
	var taken [maxDims]bool
	var shapeV, underV, totalV [maxDims]float64
	for d := range n {
		shapeV[d], underV[d], totalV[d] = e.All[d].Shape, under(e.All[d]), e.All[d].Total
	}
	for len(e.Reasons) < 3 {
		best := -1
		for d := range n {
			if !taken[d] && high[d] && shapeV[d] > 0 && (best < 0 || shapeV[d] > shapeV[best]) {
				best = d
			}
		}
		if best < 0 {
			break
		}
		taken[best] = true
		c := e.All[best]
		c.Text = ix.texts[best].reason
		e.Reasons = append(e.Reasons, c)
	}
	taken = [maxDims]bool{}
	for len(e.Stretch) < 2 {
		best := -1
		for d := range n {
			if !taken[d] && underV[d] > 0 && (best < 0 || underV[d] > underV[best]) {
				best = d
			}
		}
		if best < 0 {
			break
		}
		taken[best] = true
		c := e.All[best]
		c.Text = ix.texts[best].stretch
		e.Stretch = append(e.Stretch, c)
	}
	// taken now marks the stretch, which the mismatch must not repeat.
	best := -1
	for d := range n {
		if !taken[d] && totalV[d] < 0 && (best < 0 || totalV[d] < totalV[best]) {
			best = d
		}
	}
	if best >= 0 {
		c := e.All[best]
		if c.Person > c.Role {
			c.Text = ix.texts[best].mismatchOver
		} else {
			c.Text = ix.texts[best].mismatchUnder
		}
		e.Mismatch = &c
	}
	return e
}

// under is the shortfall part of a contribution: the gap penalty when the
// person sits below the role.
func under(c Contribution) float64 {
	if c.Person < c.Role {
		return -c.Gap
	}
	return 0
}

// maxDims bounds the dimensions of a bank, for fixed arrays in explain.
const maxDims = 128

// dimTexts are the sentences an explanation can say about one dimension.
type dimTexts struct {
	reason, stretch, mismatchOver, mismatchUnder string
}

func newDimTexts(dims []assessment.Dimension) []dimTexts {
	out := make([]dimTexts, len(dims))
	for d, dim := range dims {
		c := Contribution{Name: dim.Name, Group: dim.Group}
		out[d].reason = reasonText(c)
		out[d].stretch = fmt.Sprintf("This role asks for more %s than you report today: a skill to build.", lowerFirst(c.Name))
		c.Person, c.Role = 1, 0
		out[d].mismatchOver = mismatchText(c)
		c.Person, c.Role = 0, 1
		out[d].mismatchUnder = mismatchText(c)
	}
	return out
}

func reasonText(c Contribution) string {
	n := lowerFirst(c.Name)
	switch c.Group {
	case roles.BlockInterest:
		return fmt.Sprintf("Your %s interests match the heart of this role.", n)
	case roles.BlockWorkStyle:
		return fmt.Sprintf("%s comes naturally to you, and this role relies on it.", c.Name)
	}
	return fmt.Sprintf("You enjoy %s, and it is central to this role.", n)
}

func mismatchText(c Contribution) string {
	n := lowerFirst(c.Name)
	if c.Person > c.Role {
		if c.Group == roles.BlockInterest {
			return fmt.Sprintf("Your %s interests get little room in this role.", n)
		}
		return fmt.Sprintf("You rate yourself high on %s, but this role makes little use of it.", n)
	}
	if c.Group == roles.BlockInterest {
		return fmt.Sprintf("This role is more %s than your interests suggest.", n)
	}
	return fmt.Sprintf("This role leans on %s, which you rate lower than other things.", n)
}

// lowerFirst lower-cases a name's first letter for use mid-sentence.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
