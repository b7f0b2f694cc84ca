package server

import (
	"fmt"

	"rolefit/internal/matching"
	"rolefit/internal/roles"
)

// thriveView is one "who thrives" trait on a profile and, when the reader
// has a result, where they stand on what it names.
type thriveView struct {
	Text     string
	Standing string // their level in words; "" without a result
	// Fits says how their level sits with the trait: "fits", "other-way",
	// "between" or "" (unanswered, or no result), for the page's marker.
	Fits string
}

// fitsWords are the markers shown after a standing.
var fitsWords = map[string]string{"fits": "That fits.", "other-way": "That is the other way.", "between": "Somewhere in between."}

// FitsText is the marker sentence of v.
func (v thriveView) FitsText() string { return fitsWords[v.Fits] }

// thrives words a role's traits; with p (a reader's result), each says
// where they stand: their answers on a questionnaire dimension, or their
// follow-up choices on a follow-up scale, or that they gave none.
func (s *Server) thrives(traits []roles.Trait, p *matching.Person) []thriveView {
	out := make([]thriveView, 0, len(traits))
	for _, t := range traits {
		v := thriveView{Text: t.Text}
		if p != nil {
			v.Standing, v.Fits = s.standing(t, *p)
		}
		out = append(out, v)
	}
	return out
}

// standing is where p stands on the dimension or scale trait t names.
// Follow-up answers weigh like one statement each, as in matching.
func (s *Server) standing(t roles.Trait, p matching.Person) (words, fits string) {
	i, ok := s.index.Position(t.Dimension)
	if !ok {
		return "", ""
	}
	dims := s.index.Dimensions()
	sum, n := 0.0, 0.0
	if i < len(dims) && i < len(p.Items) && p.Items[i] > 0 {
		sum, n = p.Level[i]*float64(p.Items[i]), float64(p.Items[i])
	}
	for _, o := range p.Extra {
		if o.Index == i {
			sum, n = sum+o.Level, n+1
		}
	}
	if i < len(dims) {
		if n == 0 {
			return fmt.Sprintf("You did not answer the statements on %s.", dims[i].Name), ""
		}
		level := sum / n
		return fmt.Sprintf("Your answers on %s: %s.", dims[i].Name, s.answerWords(level)), fitsOf(t.Direction, level)
	}
	name := t.Dimension
	if f := s.index.FollowUps(); f != nil {
		for _, sc := range f.Scales {
			if sc.ID == t.Dimension {
				name = sc.Name
			}
		}
	}
	if n == 0 {
		return fmt.Sprintf("You have not answered a follow-up question on %s.", lower(name)), ""
	}
	level := sum / n
	switch {
	case level >= leanHigh:
		words = fmt.Sprintf("Your follow-up answers lean toward %s.", lower(name))
	case level <= leanLow:
		words = fmt.Sprintf("Your follow-up answers lean away from %s.", lower(name))
	default:
		words = fmt.Sprintf("Your follow-up answers do not lean either way on %s.", lower(name))
	}
	return words, fitsOf(t.Direction, level)
}

// A level at or above leanHigh (at or below leanLow) on the 1–5 scale
// leans one way: half a step past the middle, where "Agree" begins.
const leanHigh, leanLow = matching.LevelNeutral + 0.5, matching.LevelNeutral - 0.5

func fitsOf(direction string, level float64) string {
	high, low := level >= leanHigh, level <= leanLow
	if direction == roles.DirectionLow {
		high, low = low, high
	}
	switch {
	case high:
		return "fits"
	case low:
		return "other-way"
	}
	return "between"
}

// lower lowercases the first letter of a name used inside a sentence
// ("Server-side work" → "server-side work").
func lower(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]+'a'-'A') + s[1:]
}
