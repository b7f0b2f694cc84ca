package assessment

import (
	"math"
	"strconv"
	"testing"

	"rolefit/data"
)

// FuzzScore builds an answer map from fuzzed bytes: each pick chooses a
// bank question by index (or, past the bank, an id that may or may not be
// one), each value byte an answer (with 127 and −128 standing for the int
// extremes), and extra is one more arbitrary id. Score must never panic,
// must fail exactly when an id is unknown (neither asked nor retired) or
// an answer is off the scale,
// and must never produce NaN or an infinity.
func FuzzScore(f *testing.F) {
	b, err := LoadBank(data.FS, "questions.yaml")
	if err != nil {
		f.Fatal(err)
	}
	all := make([]byte, len(b.Questions))
	threes := make([]byte, len(b.Questions))
	for i := range all {
		all[i] = byte(i)
		threes[i] = 3
	}
	f.Add(all, threes, "", int8(0))
	f.Add(all, []byte{1, 2, 3, 4, 5}, "", int8(0))
	f.Add([]byte{}, []byte{}, "", int8(0))
	f.Add([]byte{0}, []byte{0}, "", int8(0))
	f.Add([]byte{0, 1}, []byte{6, 0xff}, "", int8(0))
	f.Add([]byte{0, 1}, []byte{127, 0x80}, "", int8(0))
	f.Add([]byte{200}, []byte{3}, "", int8(0))
	f.Add([]byte{0}, []byte{3}, "q01", int8(5))
	f.Add([]byte{0}, []byte{3}, "Q01", int8(2))
	f.Add([]byte{0}, []byte{3}, "", int8(-1))

	f.Fuzz(func(t *testing.T, picks, values []byte, extra string, extraValue int8) {
		answers := map[string]int{}
		for i, p := range picks {
			v := 3
			if i < len(values) {
				v = answerValue(int8(values[i]))
			}
			answers[questionID(b, p)] = v
		}
		if extra != "" {
			answers[extra] = answerValue(extraValue)
		}
		wantErr := false
		for id, v := range answers {
			if _, ok := b.itemOf(id); !ok || v < ScaleMin || v > ScaleMax {
				wantErr = true
			}
		}

		res, err := Score(b, answers)
		if wantErr {
			if err == nil {
				t.Fatalf("Score(%v): got no error, want one for an unknown id or an answer off the scale", answers)
			}
			return
		}
		if err != nil {
			t.Fatalf("Score(%v): got error %v, want none", answers, err)
		}
		if len(res.Dimensions) != len(b.Dimensions) || res.Answered != len(answers) {
			t.Fatalf("got %d dimensions and %d answered, want %d and %d", len(res.Dimensions), res.Answered, len(b.Dimensions), len(answers))
		}
		if !finite(res.SD) || res.SD < 0 {
			t.Errorf("SD: got %v, want a finite number ≥ 0", res.SD)
		}
		for _, d := range res.Dimensions {
			if !finite(d.Mean) || !finite(d.Z) || d.Mean < ScaleMin || d.Mean > ScaleMax {
				t.Errorf("dimension %s: got mean %v, z %v; want finite, mean in %d–%d", d.ID, d.Mean, d.Z, ScaleMin, ScaleMax)
			}
		}
		for _, z := range res.Z() {
			if !finite(z) {
				t.Errorf("Z(): got %v", z)
			}
		}
		if len(res.Code) > 3 {
			t.Errorf("code %q: want at most 3 letters", res.Code)
		}
		if got, want := res.Has(FlagIncomplete), len(answers) < len(b.Questions); got != want {
			t.Errorf("incomplete flag: got %v, want %v with %d answers", got, want, len(answers))
		}
	})
}

// questionID maps a pick to an id: the bank's question p while p is inside
// the bank, otherwise "q" + p, which is a real id only by accident.
func questionID(b *Bank, p byte) string {
	if int(p) < len(b.Questions) {
		return b.Questions[p].ID
	}
	return "q" + strconv.Itoa(int(p))
}

// answerValue widens a byte to an answer, mapping the byte extremes to the
// int extremes so overflow is tried too.
func answerValue(v int8) int {
	switch v {
	case math.MaxInt8:
		return math.MaxInt
	case math.MinInt8:
		return math.MinInt
	}
	return int(v)
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
