package matching

// Weights are the knobs of the ranking.
type Weights struct {
	// Direct is the share of a role's score that comes straight from the
	// answers' distance to the role; the rest is the distance from the
	// posterior mean profile (see Rank). 0 ranks purely by the posterior,
	// 1 purely by likelihood.
	Direct float64
	// Doubt raises Direct when the posterior is unsure of the best role:
	// λ = max(Direct, min(1, Doubt·(1 − P(best)))).
	Doubt float64
	// MinNoise is the least per-statement noise variance (in squared scale
	// points) the posterior assumes, so that a person answering exactly
	// like an occupation does not make the posterior infinitely sharp.
	MinNoise float64
	// ImportantIM is the O*NET importance (1–5) from which a skill counts
	// as important: only important skills are given as reasons or stretch.
	ImportantIM float64
}

// DefaultWeights returns the weights tuned on the evaluation harness
// (make eval; internal/eval holds the bars). What the tuning found, with
// respondents built from role profiles and straight from O*NET ratings:
//
//   - Ranking by the likelihood of the answers (a weighted squared
//     distance, with the person's overall agreement level removed) retrieves
//     the own occupation as well as the old block correlations, and much
//     better under agree-bias; it places people and roles on one scale.
//   - The likelihood alone reorders roles 4–10 on every retake, because
//     they sit within measurement error of each other. Reading the ranking
//     through the posterior mean profile (the answers' best estimate of the
//     person, a blend of the roles they fit) keeps the best fit first and
//     orders the rest by how close they are to it: the top five shared
//     between two takes went from 3.6 to about 4.8 of 5.
//   - A fifth of the score straight from the likelihood keeps a second
//     family of roles the person also fits from being pushed out entirely,
//     and more of it when the posterior doubts the best role (Doubt): with
//     340 roles a noisy person's best fit is often a neighbor of their own
//     occupation, and ranking only by closeness to it dropped the own
//     occupation from the top 5 for 4% of respondents at noise 1.
//   - Work styles keep O*NET's 1-5 importance instead of a rank among
//     occupations (see ScaleLevel); the posterior assumes at least a full
//     scale point of variance per statement (MinNoise), since people differ
//     from the occupation they fit by more than their answer noise.
func DefaultWeights() Weights {
	return Weights{Direct: 0.2, Doubt: 3, MinNoise: 1.0, ImportantIM: 3}
}
