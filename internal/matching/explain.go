package matching

import (
	"fmt"
	"math"
	"slices"

	"rolefit/internal/assessment"
	"rolefit/internal/roles"
)

// Point is one thing an explanation says about a dimension, with both
// levels on the common 1–5 scale so that a reader (or a program) can check
// it.
type Point struct {
	Dimension string // dimension id, e.g. "programming"
	Name      string
	Group     roles.Block
	You       float64 // the person's level, 1–5 (their mean answer)
	Role      float64 // the role's level, 1–5 (1 + 4 × share of occupations below it)
	Text      string  // one sentence for people; empty in Explanation.All
}

// Explanation says why a role fits as it does, in points that obey the
// rules below; internal/eval counts every broken rule over many
// respondents, and a test fails on any.
//
//   - A reason names a dimension the role clearly relies on (level ≥
//     RoleRelies, top 30% of occupations; for a skill, O*NET importance ≥
//     ImportantIM too) and the person clearly leans toward (level ≥
//     YouLean and above their own mean).
//   - A stretch is an important skill the role relies on, on which the
//     person was undecided (YouAgainst ≤ level < YouLean) and sits at
//     least StretchGap below the role: a real gap, and one they could close.
//   - The mismatch is a dimension the role relies on that the person leans
//     away from (level < YouAgainst), or an interest or skill the person
//     clearly enjoys (≥ YouStrong, above their mean) that the role makes
//     little of (≤ RoleLittle, bottom 30%). Desirable traits (integrity,
//     dependability, …) are never a mismatch, and work styles are never
//     faulted for being above the role.
//   - These conditions exclude each other, so no dimension is ever both a
//     reason and a stretch, or a reason and the mismatch.
//   - A low-confidence result gets no points at all: careless or
//     patterned answers cannot support a confident sentence.
type Explanation struct {
	PersonCode, RoleCode string
	LowConfidence        bool
	Reasons              []Point // up to MaxReasons, strongest first
	Stretch              []Point // up to MaxStretch, largest gap first
	Mismatch             *Point  // nil when there is none
	All                  []Point // every dimension's levels, in the bank's order, without text (Explain only)
}

// The explanation rules' thresholds, on the common 1–5 scale.
const (
	RoleRelies = 3.8 // the role sits above 70% of occupations
	RoleLittle = 2.2 // the role sits below 70% of occupations
	YouLean    = 3.5 // halfway from "Neither" to "Agree"
	YouAgainst = 2.5 // halfway from "Neither" to "Disagree"
	YouStrong  = 4.0 // "Agree"
	StretchGap = 1.0 // one answer step
	MaxReasons = 3
	MaxStretch = 2
)

// Explainer returns a function explaining any role's fit for p.
func (ix *Index) Explainer(p Person) (func(slug string) (Explanation, error), error) {
	if _, err := ix.scorer(p); err != nil {
		return nil, err
	}
	return func(slug string) (Explanation, error) {
		r, ok := ix.bySlug[slug]
		if !ok {
			return Explanation{}, fmt.Errorf("matching: unknown role %q", slug)
		}
		return ix.explain(p, r, p.LowConfidence), nil
	}, nil
}

// Explain returns the explanation of role slug's fit for p, with every
// dimension's levels in All. Pass the ranking's LowConfidence through p
// when the ranking found a misfit.
func (ix *Index) Explain(p Person, slug string) (Explanation, error) {
	f, err := ix.Explainer(p)
	if err != nil {
		return Explanation{}, err
	}
	e, err := f(slug)
	if err != nil {
		return e, err
	}
	prof := ix.profiles[ix.bySlug[slug]]
	e.All = make([]Point, len(ix.dims))
	for d := range ix.dims {
		e.All[d] = ix.point(p, prof, d)
	}
	return e, nil
}

// point is dimension d's levels for p and prof, without text.
func (ix *Index) point(p Person, prof Profile, d int) Point {
	dim := ix.dims[d]
	return Point{Dimension: dim.ID, Name: dim.Name, Group: dim.Group, You: p.Level[d], Role: prof.Level[d]}
}

// pointKind is which rule a point satisfies.
type pointKind int

const (
	kindNone pointKind = iota
	kindReason
	kindStretch
	kindUnder // mismatch: the role relies on it, the person leans away
	kindOver  // mismatch: the person enjoys it, the role makes little of it
)

// classify applies the rules to one dimension. It is the single place the
// rules live: explain uses it to pick points, and internal/eval checks
// every shown point against Check, which restates them independently.
func (ix *Index) classify(p Person, prof Profile, d int) pointKind {
	dim := ix.dims[d]
	if p.Items[d] == 0 {
		return kindNone
	}
	you, role := p.Level[d], prof.Level[d]
	important := dim.Group != roles.BlockSkill || prof.IM[d] >= ix.w.ImportantIM
	relies := role >= RoleRelies && important
	switch {
	case relies && you >= YouLean && you > p.Mean:
		return kindReason
	case relies && dim.Group == roles.BlockSkill && you >= YouAgainst && you < YouLean && role-you >= StretchGap:
		return kindStretch
	case dim.Desirable:
		return kindNone
	case relies && you < YouAgainst:
		return kindUnder
	case dim.Group != roles.BlockWorkStyle && you >= YouStrong && you > p.Mean && role <= RoleLittle:
		return kindOver
	}
	return kindNone
}

// explain builds role r's explanation for p (All is left empty: only
// Explain, for one role's page, fills it).
func (ix *Index) explain(p Person, r int, lowConf bool) Explanation {
	prof := ix.profiles[r]
	e := Explanation{PersonCode: p.Code, RoleCode: prof.Code, LowConfidence: lowConf}
	if lowConf {
		return e
	}
	var reasons, stretch []int
	mis, misGap := -1, 0.0
	for d := range ix.dims {
		you, role := p.Level[d], prof.Level[d]
		switch ix.classify(p, prof, d) {
		case kindReason:
			reasons = append(reasons, d)
		case kindStretch:
			stretch = append(stretch, d)
		case kindUnder, kindOver:
			if g := math.Abs(role - you); g > misGap {
				mis, misGap = d, g
			}
		}
	}
	// Strongest shared lean first; the stable sort keeps bank order on ties.
	slices.SortStableFunc(reasons, func(a, b int) int {
		return cmpDesc((p.Level[a]-LevelNeutral)*(prof.Level[a]-LevelNeutral), (p.Level[b]-LevelNeutral)*(prof.Level[b]-LevelNeutral))
	})
	slices.SortStableFunc(stretch, func(a, b int) int {
		return cmpDesc(prof.Level[a]-p.Level[a], prof.Level[b]-p.Level[b])
	})
	for _, d := range reasons[:min(len(reasons), MaxReasons)] {
		pt := ix.point(p, prof, d)
		pt.Text = ix.texts[d].reason(pt.Role)
		e.Reasons = append(e.Reasons, pt)
	}
	for _, d := range stretch[:min(len(stretch), MaxStretch)] {
		pt := ix.point(p, prof, d)
		pt.Text = ix.texts[d].stretch(pt.Role)
		e.Stretch = append(e.Stretch, pt)
	}
	if mis >= 0 {
		pt := ix.point(p, prof, mis)
		if pt.You < pt.Role {
			pt.Text = ix.texts[mis].under(pt.Role)
		} else {
			pt.Text = ix.texts[mis].over(pt.Role)
		}
		e.Mismatch = &pt
	}
	return e
}

func cmpDesc(a, b float64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}

// dimTexts holds a dimension's wording from the question bank.
type dimTexts struct{ like, dislike, noun string }

func newDimTexts(dims []assessment.Dimension) []dimTexts {
	out := make([]dimTexts, len(dims))
	for d, dim := range dims {
		out[d] = dimTexts{like: dim.Like, dislike: dim.Dislike, noun: dim.Noun}
	}
	return out
}

func (t dimTexts) reason(role float64) string {
	return fmt.Sprintf("You said %s, and this role asks for more %s than %s.", t.like, t.noun, more(role))
}

func (t dimTexts) stretch(role float64) string {
	return fmt.Sprintf("This role asks for more %s than %s; you were undecided about it, so it is a skill to try out and build.", t.noun, more(role))
}

func (t dimTexts) under(role float64) string {
	return fmt.Sprintf("This role asks for more %s than %s, but you said %s.", t.noun, more(role), t.dislike)
}

func (t dimTexts) over(role float64) string {
	return fmt.Sprintf("You said %s, but this role asks for less %s than %s.", t.like, t.noun, less(role))
}

// more says how many occupations a role level is above, in tenths, never
// overstating: a level at 78% of occupations reads "7 in 10".
func more(level float64) string {
	s := share(level)
	if s >= 0.95 {
		return "almost any other occupation"
	}
	return fmt.Sprintf("%d in 10 occupations", int(math.Floor(s*10+1e-9)))
}

// less says how many occupations sit above a role level, in tenths.
func less(level float64) string {
	s := 1 - share(level)
	if s >= 0.95 {
		return "almost any other occupation"
	}
	return fmt.Sprintf("%d in 10 occupations", int(math.Floor(s*10+1e-9)))
}
