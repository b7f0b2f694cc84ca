package assessment

import (
	"math"
	"strings"
	"testing"
)

// answersFor answers every question of b with f(question index).
func answersFor(b *Bank, f func(i int, q Question) int) map[string]int {
	a := make(map[string]int, len(b.Questions))
	for i, q := range b.Questions {
		a[q.ID] = f(i, q)
	}
	return a
}

func codes(r Result) []FlagCode {
	var out []FlagCode
	for _, f := range r.Flags {
		out = append(out, f.Code)
	}
	return out
}

func TestScoreMisuse(t *testing.T) {
	b := loadBank(t)
	tests := []struct {
		name    string
		answers map[string]int
		want    string
	}{
		{"unknown question", map[string]int{"q99": 3}, `unknown question "q99"`},
		{"below scale", map[string]int{"q01": 0}, "outside 1–5"},
		{"above scale", map[string]int{"q01": 6}, "outside 1–5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Score(b, tt.answers)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestScoreReverseAndMeans(t *testing.T) {
	b := loadBank(t)
	// Agree with every forward item, disagree with every reverse item: a
	// consistent person scores 4 everywhere.
	a := answersFor(b, func(_ int, q Question) int {
		if q.Reverse {
			return 2
		}
		return 4
	})
	r, err := Score(b, a)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range r.Dimensions {
		if d.Mean != 4 || d.Z != 1 {
			t.Errorf("%s: got mean %v z %v, want 4 and 1", d.ID, d.Mean, d.Z)
		}
	}
	// Two artistic items: q12 forward, q22 reverse.
	a["q12"], a["q22"] = 5, 5
	r, _ = Score(b, a)
	if got := r.Dimensions[b.DimensionIndex("artistic")]; got.Mean != 3 || got.N != 2 {
		t.Errorf("artistic: got mean %v n %d, want 3 and 2", got.Mean, got.N)
	}
}

func TestScoreCode(t *testing.T) {
	b := loadBank(t)
	level := map[string]int{"investigative": 5, "conventional": 4, "realistic": 4, "artistic": 1, "social": 2, "enterprising": 2}
	a := answersFor(b, func(i int, q Question) int {
		x, ok := level[q.Dimension]
		if !ok {
			x = 1 + i%5
		}
		if q.Reverse {
			x = 6 - x
		}
		return x
	})
	r, err := Score(b, a)
	if err != nil {
		t.Fatal(err)
	}
	// R and C tie at 4: RIASEC order puts R first.
	if r.Code != "IRC" {
		t.Errorf("code: got %q, want %q", r.Code, "IRC")
	}
}

func TestScoreFlags(t *testing.T) {
	b := loadBank(t)
	varied := func(i int, q Question) int { return 1 + (i*7)%5 }
	tests := []struct {
		name string
		f    func(i int, q Question) int
		drop int // leave this many questions unanswered
		want []FlagCode
	}{
		{"varied", varied, 0, nil},
		{"straight line", func(int, Question) int { return 4 }, 0, []FlagCode{FlagLongRun}},
		{"all neutral", func(int, Question) int { return 3 }, 0, []FlagCode{FlagLongRun, FlagFlat}},
		{"run of 10", func(i int, q Question) int {
			if i >= 20 && i < 20+LongRun {
				return 2
			}
			return varied(i, q)
		}, 0, []FlagCode{FlagLongRun}},
		{"run of 9", func(i int, q Question) int {
			if i >= 20 && i < 20+LongRun-1 {
				return 2
			}
			return varied(i, q)
		}, 0, nil},
		{"agree with both halves of every pair", func(i int, q Question) int {
			if isPaired(b, q) {
				return 5
			}
			return varied(i, q)
		}, 0, []FlagCode{FlagAcquiescent}},
		{"contradict every pair", func(i int, q Question) int {
			if isPaired(b, q) {
				// Agree with both halves of half the pairs and disagree
				// with both halves of the rest: the raw mean stays neutral
				// (not acquiescent) while every pair contradicts itself.
				if b.DimensionIndex(q.Dimension)%2 == 0 {
					return 5
				}
				return 1
			}
			return varied(i, q)
		}, 0, []FlagCode{FlagInconsistent}},
		{"nothing answered", varied, 60, []FlagCode{FlagFlat, FlagIncomplete}},
		{"some skipped", varied, 5, []FlagCode{FlagIncomplete}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := answersFor(b, tt.f)
			for i := 0; i < tt.drop; i++ {
				delete(a, b.Questions[len(b.Questions)-1-i].ID)
			}
			r, err := Score(b, a)
			if err != nil {
				t.Fatal(err)
			}
			got := codes(r)
			if strings.Join(flagStrings(got), ",") != strings.Join(flagStrings(tt.want), ",") {
				t.Errorf("flags: got %v, want %v (SD %.2f)", got, tt.want, r.SD)
			}
			for _, f := range r.Flags {
				if f.Message == "" {
					t.Errorf("flag %s has no message", f.Code)
				}
			}
			for _, d := range r.Dimensions {
				if math.IsNaN(d.Z) || math.IsNaN(d.Mean) {
					t.Errorf("%s: NaN score", d.ID)
				}
			}
			if wantLow := r.Has(FlagLongRun) || r.Has(FlagFlat) || r.Has(FlagAcquiescent) || r.Has(FlagInconsistent); r.LowConfidence() != wantLow {
				t.Errorf("LowConfidence: got %v, want %v", r.LowConfidence(), wantLow)
			}
		})
	}
}

// isPaired reports whether q belongs to a pair of opposite statements.
func isPaired(b *Bank, q Question) bool {
	n := 0
	for _, o := range b.Questions {
		if o.Dimension == q.Dimension {
			n++
		}
	}
	return n == 2
}

func flagStrings(fs []FlagCode) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = string(f)
	}
	return out
}

func TestScoreLowSpread(t *testing.T) {
	b := loadBank(t)
	// A third of the dimensions at 4, the rest at 3: SD √2/3 ≈ 0.47.
	a := answersFor(b, func(i int, q Question) int {
		x := 3
		if b.DimensionIndex(q.Dimension)%3 == 0 {
			x = 4
		}
		if q.Reverse {
			x = 6 - x
		}
		return x
	})
	r, err := Score(b, a)
	if err != nil {
		t.Fatal(err)
	}
	if r.SD < FlatSD || r.SD >= LowSpreadSD {
		t.Fatalf("fixture SD %.3f, want within [%.1f, %.1f)", r.SD, FlatSD, LowSpreadSD)
	}
	if !r.Has(FlagLowSpread) || r.Has(FlagFlat) {
		t.Errorf("flags: got %v, want low_spread and not flat", codes(r))
	}
}

func TestFastPagesFlag(t *testing.T) {
	b := loadBank(t)
	answers := map[string]int{}
	for i, q := range b.Questions {
		answers[q.ID] = 1 + (i*3)%5
	}
	for _, tt := range []struct {
		pages   int
		flagged bool
		lowConf bool
	}{{0, false, false}, {1, true, false}, {FastPagesLow - 1, true, false}, {FastPagesLow, true, true}, {6, true, true}} {
		r, err := Score(b, answers)
		if err != nil {
			t.Fatal(err)
		}
		base := r.LowConfidence()
		r.AddFastPages(tt.pages, len(b.Sections))
		if got := r.Has(FlagFast); got != tt.flagged {
			t.Errorf("%d fast pages: flagged %v, want %v", tt.pages, got, tt.flagged)
		}
		if got := r.LowConfidence(); got != (tt.lowConf || base) {
			t.Errorf("%d fast pages: low confidence %v, want %v", tt.pages, got, tt.lowConf || base)
		}
	}
}
