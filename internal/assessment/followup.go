package assessment

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Follow-up questions come after the core questionnaire, only when the top
// matches include roles the core statements cannot separate. Each is a
// this-or-that choice whose options signal a direction on questionnaire
// dimensions or on follow-up scales: finer preferences (server-side work,
// visual design, incident response, …) that role traits are written on.

// Scale is one follow-up scale. Anchors are questionnaire dimensions the
// scale leans on: a role trait on the scale applies to them too (a role
// whose people care little for visual design makes little use of an
// artistic interest), unless the role has a trait of its own on them.
type Scale struct {
	ID          string   `yaml:"id"`
	Name        string   `yaml:"name"`
	Description string   `yaml:"description"`
	Anchors     []string `yaml:"anchors"`
}

// Signal is one direction an option points: "high" or "low" on a
// questionnaire dimension or a follow-up scale.
type Signal struct {
	Dimension string `yaml:"dimension"`
	Direction string `yaml:"direction"`
}

// Option is one answer of a follow-up question.
type Option struct {
	ID      string   `yaml:"id"`
	Text    string   `yaml:"text"`
	Signals []Signal `yaml:"signals"`
}

// FollowUp is one this-or-that question.
type FollowUp struct {
	ID      string   `yaml:"id"`
	Text    string   `yaml:"text"`
	Options []Option `yaml:"options"`
}

// FollowUps is the validated follow-up bank of data/followups.yaml.
type FollowUps struct {
	Scales    []Scale    `yaml:"scales"`
	Questions []FollowUp `yaml:"questions"`

	byID map[string]int
}

// Signal directions.
const (
	High = "high"
	Low  = "low"
)

// Evidence levels a follow-up answer gives, on the 1–5 scale: a signal of
// the chosen option counts as a firm answer its way (5 for high, 1 for
// low). Options passed over give none (see Evidence).
const (
	chosenHigh, chosenLow  = 5.0, 1.0
	MaxFollowUps           = 6
	followUpPrefix         = "fu_"
	minOptions, maxOptions = 2, 3
	maxSignalsPerOption    = 3
)

// Evidence is one level a follow-up answer gives on a dimension or scale.
type Evidence struct {
	Dimension string
	Level     float64
}

// LoadFollowUps reads and validates the follow-up bank at path in fsys
// against the question bank's dimensions.
func LoadFollowUps(fsys fs.FS, path string, bank *Bank) (*FollowUps, error) {
	b, err := fs.ReadFile(fsys, path)
	if err != nil {
		return nil, fmt.Errorf("assessment: %w", err)
	}
	var f FollowUps
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("assessment: %s: %w", path, err)
	}
	if err := f.validate(bank); err != nil {
		return nil, fmt.Errorf("assessment: %s: %w", path, err)
	}
	return &f, nil
}

func (f *FollowUps) validate(bank *Bank) error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	scales := map[string]bool{}
	for _, s := range f.Scales {
		if !idRE.MatchString(s.ID) || s.Name == "" || s.Description == "" {
			bad("scale %q: needs an id, a name and a description", s.ID)
		}
		if scales[s.ID] || bank.DimensionIndex(s.ID) >= 0 {
			bad("scale %q: id already used", s.ID)
		}
		scales[s.ID] = true
		for _, a := range s.Anchors {
			if bank.DimensionIndex(a) < 0 {
				bad("scale %q: anchor %q is not a questionnaire dimension", s.ID, a)
			}
		}
	}
	f.byID = map[string]int{}
	for i, q := range f.Questions {
		if !strings.HasPrefix(q.ID, followUpPrefix) || !idRE.MatchString(q.ID) || strings.TrimSpace(q.Text) == "" {
			bad("follow-up %q: needs an id starting %q and a text", q.ID, followUpPrefix)
		}
		if _, dup := f.byID[q.ID]; dup {
			bad("follow-up %q: duplicate id", q.ID)
		}
		f.byID[q.ID] = i
		if len(q.Options) < minOptions || len(q.Options) > maxOptions {
			bad("follow-up %q: %d options, want %d–%d", q.ID, len(q.Options), minOptions, maxOptions)
		}
		opts := map[string]bool{}
		for _, o := range q.Options {
			if !idRE.MatchString(o.ID) || opts[o.ID] || strings.TrimSpace(o.Text) == "" {
				bad("follow-up %q option %q: needs a unique id and a text", q.ID, o.ID)
			}
			opts[o.ID] = true
			if len(o.Signals) == 0 || len(o.Signals) > maxSignalsPerOption {
				bad("follow-up %q option %q: %d signals, want 1–%d", q.ID, o.ID, len(o.Signals), maxSignalsPerOption)
			}
			for _, s := range o.Signals {
				if !scales[s.Dimension] && bank.DimensionIndex(s.Dimension) < 0 {
					bad("follow-up %q option %q: unknown dimension or scale %q", q.ID, o.ID, s.Dimension)
				}
				if s.Direction != High && s.Direction != Low {
					bad("follow-up %q option %q: direction %q, want high or low", q.ID, o.ID, s.Direction)
				}
			}
		}
	}
	return errors.Join(errs...)
}

// Question returns the follow-up with the given id.
func (f *FollowUps) Question(id string) (FollowUp, bool) {
	i, ok := f.byID[id]
	if !ok {
		return FollowUp{}, false
	}
	return f.Questions[i], true
}

// IsFollowUp reports whether id names a follow-up question (as opposed to
// a questionnaire statement): follow-up answers are kept beside statement
// answers under their own ids.
func IsFollowUp(id string) bool { return strings.HasPrefix(id, followUpPrefix) }

// Evidence turns follow-up answers (question id → option id) into levels.
// It fails on an unknown question or option.
func (f *FollowUps) Evidence(answers map[string]string) ([]Evidence, error) {
	var out []Evidence
	for _, q := range f.Questions { // bank order, so the result is stable
		choice, ok := answers[q.ID]
		if !ok {
			continue
		}
		ci := slices.IndexFunc(q.Options, func(o Option) bool { return o.ID == choice })
		if ci < 0 {
			return nil, fmt.Errorf("assessment: follow-up %s has no option %q", q.ID, choice)
		}
		// Only the chosen option speaks: preferring one activity to another
		// says the person leans toward the one chosen, not that they dislike
		// the others (someone who would rather design the API may still
		// enjoy building pages).
		for _, s := range q.Options[ci].Signals {
			lv := chosenHigh
			if s.Direction == Low {
				lv = chosenLow
			}
			out = append(out, Evidence{Dimension: s.Dimension, Level: lv})
		}
	}
	for id := range answers {
		if _, ok := f.byID[id]; !ok {
			return nil, fmt.Errorf("assessment: unknown follow-up %q", id)
		}
	}
	return out, nil
}

// Split separates stored answers into questionnaire answers and follow-up
// answers. Follow-up answers are stored as the chosen option's position
// (1-based) under the question's id; a stored value naming no option is
// dropped, so a later change to the bank cannot break an old result.
func (f *FollowUps) Split(stored map[string]int) (answers map[string]int, follow map[string]string) {
	answers, follow = map[string]int{}, map[string]string{}
	for id, v := range stored {
		if !IsFollowUp(id) {
			answers[id] = v
			continue
		}
		if q, ok := f.Question(id); ok && v >= 1 && v <= len(q.Options) {
			follow[id] = q.Options[v-1].ID
		}
	}
	return answers, follow
}

// Store turns follow-up answers into the stored form Split reads: the
// option's position under the question id. It fails on an unknown
// question or option.
func (f *FollowUps) Store(follow map[string]string) (map[string]int, error) {
	out := make(map[string]int, len(follow))
	for id, choice := range follow {
		q, ok := f.Question(id)
		if !ok {
			return nil, fmt.Errorf("assessment: unknown follow-up %q", id)
		}
		pos := 0
		for i, o := range q.Options {
			if o.ID == choice {
				pos = i + 1
			}
		}
		if pos == 0 {
			return nil, fmt.Errorf("assessment: follow-up %s has no option %q", id, choice)
		}
		out[id] = pos
	}
	return out, nil
}
