package matching

import "math"

// Calibration maps raw scores to a 0–100 fit people can read. Self is the
// median score of synthetic respondents against their own role, Rand the
// median score of random person–role pairs; a typical self-match then shows
// about 85 and a typical random pair about 40. The committed values live in
// calibration.go, written by `go run ./cmd/eval -write-calibration`.
type Calibration struct {
	Self, Rand float64
}

// Fit maps a raw score to 0–100: clamp(40 + 45·(s − Rand)/(Self − Rand)).
func (c Calibration) Fit(s float64) int {
	span := c.Self - c.Rand
	if span <= 0 || math.IsNaN(s) {
		return 0
	}
	f := 40 + 45*(s-c.Rand)/span
	return int(math.Round(min(100, max(0, f))))
}

// Band is a coarse reading of a fit. Fits within 5 points are ties.
type Band string

// Bands, best first.
const (
	BandStrong    Band = "strong"
	BandGood      Band = "good"
	BandExploring Band = "worth_exploring"
	BandWeak      Band = "weak"
)

// Band thresholds on the fit.
const (
	StrongFit    = 80
	GoodFit      = 65
	ExploringFit = 50
)

// BandFor returns the band of a fit.
func BandFor(fit int) Band {
	switch {
	case fit >= StrongFit:
		return BandStrong
	case fit >= GoodFit:
		return BandGood
	case fit >= ExploringFit:
		return BandExploring
	}
	return BandWeak
}

// Label is the band's name for people.
func (b Band) Label() string {
	switch b {
	case BandStrong:
		return "Strong fit"
	case BandGood:
		return "Good fit"
	case BandExploring:
		return "Worth exploring"
	}
	return "Weak fit"
}
