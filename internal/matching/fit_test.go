package matching

import (
	"math"
	"testing"
)

func TestFit(t *testing.T) {
	c := Calibration{Rand: 1.5, Misfit: 1.1, Loose: 0.8}
	tests := []struct {
		e2   float64
		want int
	}{
		{0, 100}, {-1e-15, 100}, {1.5, RandFit}, {3, 0}, {10, 0}, {math.NaN(), 0},
		{0.5, int(math.Round(100 - 60*math.Pow(0.5/1.5, FitPower)))},
	}
	for _, tt := range tests {
		if got := c.Fit(tt.e2); got != tt.want {
			t.Errorf("Fit(%v): got %d, want %d", tt.e2, got, tt.want)
		}
	}
	for e2, prev := 0.0, 101; e2 < 3; e2 += 0.01 {
		f := c.Fit(e2)
		if f > prev {
			t.Fatalf("Fit rises from %d to %d at %v", prev, f, e2)
		}
		prev = f
	}
	if got := (Calibration{}).Fit(0.3); got != 0 {
		t.Errorf("zero calibration: got %d, want 0", got)
	}
}

func TestCap(t *testing.T) {
	c := Calibration{Rand: 1.5, Misfit: 1.1, Loose: 0.8}
	for _, tt := range []struct {
		res  float64
		want int
	}{{0, 100}, {0.8, 100}, {0.8 + CapRamp/2, 82}, {0.8 + CapRamp, LowConfidenceFit}, {2, LowConfidenceFit}} {
		if got := c.Cap(tt.res); got != tt.want {
			t.Errorf("Cap(%v): got %d, want %d", tt.res, got, tt.want)
		}
	}
}

func TestBands(t *testing.T) {
	tests := []struct {
		fit   int
		want  Band
		label string
	}{
		{100, BandStrong, "Strong fit"}, {80, BandStrong, "Strong fit"}, {79, BandGood, "Good fit"}, {65, BandGood, "Good fit"},
		{64, BandExploring, "Worth exploring"}, {50, BandExploring, "Worth exploring"}, {49, BandWeak, "Weak fit"}, {0, BandWeak, "Weak fit"},
	}
	for _, tt := range tests {
		if got := BandFor(tt.fit); got != tt.want || got.Label() != tt.label {
			t.Errorf("BandFor(%d): got %s (%s), want %s (%s)", tt.fit, got, got.Label(), tt.want, tt.label)
		}
	}
	if BandFor(LowConfidenceFit) == BandGood || BandFor(LowConfidenceFit) == BandStrong {
		t.Errorf("low-confidence cap %d reaches band %s", LowConfidenceFit, BandFor(LowConfidenceFit))
	}
}

func TestDefaultCalibrationSane(t *testing.T) {
	c := DefaultCalibration()
	if c.Rand <= 0 || c.Loose <= 0 || c.Misfit <= c.Loose || c.Loose+CapRamp < c.Misfit-0.5 {
		t.Errorf("calibration %+v: want 0 < Loose < Misfit and Rand > 0", c)
	}
}
