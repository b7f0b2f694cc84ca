package matching

// Weights are the knobs of the fit score.
type Weights struct {
	// Block weights of the shape term: each multiplies a profile
	// correlation in [−1, 1] over one block (interests, work styles,
	// skills).
	Interest, Style, Skill float64
	// Under and Over multiply the importance-weighted mean gap, in z-units
	// beyond Tolerance, between the person and the role's level on its
	// important skills: Under when the person is below it, Over above it.
	Under, Over float64
	Tolerance   float64
	// ImportantIM is the O*NET importance (1–5) from which a skill counts
	// for the gap terms.
	ImportantIM float64
	// EmphasisScale multiplies every role's hand-set emphasis (z-units).
	EmphasisScale float64
}

// DefaultWeights returns the weights tuned on the evaluation harness
// (go run ./cmd/eval; internal/eval holds the bars). What the tuning found,
// at noise SD 1.0 with 20–50 respondents per role:
//
//   - Unweighted block correlations beat importance-weighted ones on every
//     measure (top-1 role 80% against 73%, own occupation in the top 5 98%
//     against 96%, and more stable top fives): answers on skills a role does
//     not need still tell roles apart. Importance weights the skill gaps only.
//   - Skills carry the most information (32 dimensions); shifting weight from
//     interests (the digest's .40) to skills helped retrieval, and interest
//     weight above .20 let an interests-only mismatch (O*NET rates Web
//     Developers as fairly artistic) push back-end-web-developer out of the
//     top 3 for a back-end persona.
//   - Doubling the emphasis separates roles that share an O*NET occupation
//     (top-1 role +1–2 points); centring sibling emphases was tried and
//     dropped, since several occupations borrow another's ratings.
//   - The gap terms change retrieval little either way (Under .1–.2); .20
//     and .10, with the digest's 2:1 asymmetry, gave slightly more stable
//     top fives than none.
func DefaultWeights() Weights {
	return Weights{
		Interest: 0.20, Style: 0.25, Skill: 0.55,
		Under: 0.20, Over: 0.10, Tolerance: 0.5,
		ImportantIM:   3,
		EmphasisScale: 2,
	}
}
