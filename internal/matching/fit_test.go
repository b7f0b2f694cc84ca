package matching

import (
	"math"
	"testing"
)

func TestFit(t *testing.T) {
	c := Calibration{Self: 0.6, Rand: -0.1}
	tests := []struct {
		s    float64
		want int
	}{
		{-0.1, 40}, {0.6, 85}, {0.25, 63}, {5, 100}, {-5, 0}, {math.NaN(), 0},
	}
	for _, tt := range tests {
		if got := c.Fit(tt.s); got != tt.want {
			t.Errorf("Fit(%v): got %d, want %d", tt.s, got, tt.want)
		}
	}
	if got := (Calibration{}).Fit(0.3); got != 0 {
		t.Errorf("zero calibration: got %d, want 0", got)
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
}

func TestDefaultCalibrationSane(t *testing.T) {
	c := DefaultCalibration()
	if !(c.Self > c.Rand) || c.Self > 1 || c.Rand < -1 {
		t.Errorf("calibration %+v: want Rand < Self within [-1, 1]", c)
	}
}
