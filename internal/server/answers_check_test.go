package server

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
)

// TestAnswersFormValidIsTheValidators: valid, which lets the validator be
// skipped, holds exactly when the validator finds nothing to report.
func TestAnswersFormValidIsTheValidators(t *testing.T) {
	a := newTestApp(t)
	s := a.srv
	ids := []string{"q99", "", "Q01", "fu_build", "q1"}
	for _, q := range s.bank.Questions {
		ids = append(ids, q.ID)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	seen := map[bool]int{}
	for range 2000 {
		f := answersForm{Answers: map[string]int{}}
		for range rng.IntN(70) {
			v := 1 + rng.IntN(5)
			if rng.IntN(40) == 0 {
				v = rng.IntN(11) - 3
			}
			f.Answers[ids[rng.IntN(len(ids))]] = v
		}
		want := s.validate.Struct(f) == nil
		if got := f.valid(s.questions); got != want {
			t.Fatalf("valid(%v) = %v, but the validator says %v", f.Answers, got, want)
		}
		seen[want]++
	}
	if seen[true] == 0 || seen[false] == 0 {
		t.Fatalf("the forms tried were all valid or all invalid: %v", seen)
	}
}

// FuzzJSONInt: jsonInt accepts a JSON value, with the same int, exactly
// when json.Unmarshal into an int does.
func FuzzJSONInt(f *testing.F) {
	for _, s := range []string{"1", "5", "0", "-0", "-3", "3.0", "3e0", "1E2", "null", "true", `"3"`, "[3]", "{}",
		"9223372036854775807", "9223372036854775808", "-9223372036854775809", "1.5", "-", "01"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		if !json.Valid(raw) {
			return
		}
		var want int
		err := json.Unmarshal(raw, &want)
		got, ok := jsonInt(raw)
		if ok != (err == nil) || ok && got != want {
			t.Errorf("jsonInt(%q) = %d, %v; json.Unmarshal gives %d, %v", raw, got, ok, want, err)
		}
	})
}
