package matching

import "math"

// Calibration turns a role's distance from the person into a 0–100 fit, and
// says when answers fit no occupation at all. The committed values live in
// calibration.go, written by `go run ./cmd/eval -write-calibration`.
type Calibration struct {
	// Rand is the median squared distance (per statement, on the 1–5
	// scale) between attentive synthetic respondents and a random role: a
	// random pairing shows a fit of RandFit, a role the person's answers
	// point straight at shows 100. The fit does not depend on how
	// consistently someone answers, only on where their answers point.
	Rand float64
	// Misfit is the mean squared residual per statement, after the best
	// role, from which answers resemble no occupation: above it a result is
	// low-confidence. Attentive respondents with noise SD 1 stay below it;
	// uniformly random answers land above it.
	Misfit float64
	// Loose is the residual from which fits are capped (see Cap): about
	// the 90th percentile of attentive respondents at noise 1.
	Loose float64
}

// RandFit is the fit of a typical random person–role pairing.
const RandFit = 40

// pow34 is x^FitPower for FitPower 0.75, as √x·⁴√x: exact, and a tenth
// of math.Pow's cost, which ranking pays once per role.
func pow34(x float64) float64 {
	r := math.Sqrt(x)
	return r * math.Sqrt(r)
}

// FitPower bends the fit curve: below 1 it falls faster near the top, so
// that only roles close to where the answers point read as strong fits (a
// median of about three for attentive people; make eval reports it).
const FitPower = 0.75

// Fit maps a role's squared distance e2 to 0–100:
// 100 − (100−RandFit)·(e2/Rand)^FitPower.
func (c Calibration) Fit(e2 float64) int {
	if c.Rand <= 0 || math.IsNaN(e2) {
		return 0
	}
	e2 = max(0, e2) // rounding can leave the best role a hair below 0
	f := 100 - (100-RandFit)*pow34(e2/c.Rand)
	return int(math.Round(min(100, max(0, f))))
}

// Cap is the highest fit a ranking may show when the best role leaves
// residual res per statement: 100 up to Loose, then falling linearly to
// LowConfidenceFit at Loose + CapRamp, so answers that fit the nearest
// occupations only loosely (as a few attentive people's and the luckiest
// random answers do) cannot show a confident fit.
func (c Calibration) Cap(res float64) int {
	switch {
	case res <= c.Loose:
		return 100
	case res >= c.Loose+CapRamp:
		return LowConfidenceFit
	}
	return int(math.Round(100 - (100-LowConfidenceFit)*(res-c.Loose)/CapRamp))
}

// CapRamp is the width of the residual range over which Cap falls.
const CapRamp = 0.12

// Band is a coarse reading of a fit.
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
	// LowConfidenceFit caps every fit of a low-confidence ranking: careless
	// or patterned answers never reach "good".
	LowConfidenceFit = GoodFit - 1
	// TieFit is the largest fit difference between roles shown as tied: the
	// fits of the top roles move by about a point between two takes by the
	// same person (make eval), so closer than this is within measurement
	// error.
	TieFit = 2
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
