// Package assessment owns Rolefit's question bank and turns a person's
// answers into scores: per-dimension means and z-scores on the same O*NET
// descriptors the occupations are rated on, a RIASEC code, and flags for
// answer patterns that make a result less trustworthy. It imports neither
// HTTP nor SQL.
package assessment

import (
	"errors"
	"fmt"
	"io/fs"
	pathpkg "path"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"rolefit/internal/roles"
)

// Limits of the answer scale and of the bank.
const (
	ScaleMin     = 1  // Strongly disagree
	ScaleMax     = 5  // Strongly agree
	Neutral      = 3  // Neither agree nor disagree
	MaxQuestions = 60 // a longer questionnaire loses people before the end
)

// Dimension is one thing the questionnaire measures, tied to the O*NET
// elements it stands for (two for a merged pair of skills).
type Dimension struct {
	ID           string      `yaml:"id"`
	Name         string      `yaml:"name"`
	Group        roles.Block `yaml:"group"`
	ONetElements []string    `yaml:"onet_elements"`
	// The words explanations use, in the questionnaire's own language:
	// Like completes "You said …" for a person who leans toward the
	// dimension, Dislike for one who leans away, and Noun names what a
	// role asks for ("asks for more … than most occupations").
	Like    string `yaml:"like"`
	Dislike string `yaml:"dislike"`
	Noun    string `yaml:"noun"`
	// Desirable marks a virtue (integrity, dependability, …): nearly
	// everyone wants to claim it, so explanations never fault a person on
	// it and never offer it as a mismatch.
	Desirable bool `yaml:"desirable"`
}

// Question is one statement the person rates on the 5-point scale.
type Question struct {
	ID        string `yaml:"id"`
	Text      string `yaml:"text"`
	Section   int    `yaml:"section"`
	Dimension string `yaml:"dimension"`
	// Reverse marks an item worded as the opposite of its dimension; its
	// answer x counts as 6−x.
	Reverse bool `yaml:"reverse"`
}

// Retired is a statement no longer asked, kept so that answers saved before
// it was replaced still count toward its dimension when scored again.
type Retired struct {
	ID        string `yaml:"id"`
	Dimension string `yaml:"dimension"`
	Reverse   bool   `yaml:"reverse"`
}

// Section is one page of the questionnaire.
type Section struct {
	Number int    `yaml:"number"`
	Title  string `yaml:"title"`
}

// Bank is a validated question bank. Its slices are in file order, which is
// the order questions are shown and dimension vectors are laid out.
type Bank struct {
	Scale      []string    `yaml:"scale"` // labels of 1..5
	Sections   []Section   `yaml:"sections"`
	Dimensions []Dimension `yaml:"dimensions"`
	Questions  []Question  `yaml:"questions"`
	Retired    []Retired   `yaml:"retired"`

	dimIndex map[string]int  // dimension id → index in Dimensions
	qIndex   map[string]int  // question id → index in Questions
	qDim     []int           // question index → dimension index
	retired  map[string]item // retired question id → how it scored
	pairs    [][2]int        // question indexes of forward/reverse pairs on one dimension

	// FollowUps are the follow-up questions asked after the core
	// questionnaire (followups.yaml beside the bank), nil without them.
	FollowUps *FollowUps `yaml:"-"`
}

// FollowUpsFile is the follow-up bank LoadBank reads beside the question
// bank, when it exists.
const FollowUpsFile = "followups.yaml"

// item is how one answered statement counts: its dimension and direction.
type item struct {
	dim     int
	reverse bool
}

var idRE = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// LoadBank reads and validates the bank at path in fsys, and the
// follow-up bank beside it (FollowUpsFile) when there is one.
func LoadBank(fsys fs.FS, path string) (*Bank, error) {
	b, err := fs.ReadFile(fsys, path)
	if err != nil {
		return nil, fmt.Errorf("assessment: %w", err)
	}
	bank, err := ParseBank(b)
	if err != nil {
		return nil, fmt.Errorf("assessment: %s: %w", path, err)
	}
	fu := pathpkg.Join(pathpkg.Dir(path), FollowUpsFile)
	if _, err := fs.Stat(fsys, fu); err == nil {
		if bank.FollowUps, err = LoadFollowUps(fsys, fu, bank); err != nil {
			return nil, err
		}
	}
	return bank, nil
}

// ParseBank decodes a bank from YAML (unknown keys are errors) and validates it.
func ParseBank(b []byte) (*Bank, error) {
	var bank Bank
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&bank); err != nil {
		return nil, err
	}
	if err := bank.validate(); err != nil {
		return nil, err
	}
	return &bank, nil
}

// validate reports every problem at once and builds the indexes.
func (b *Bank) validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	if len(b.Scale) != ScaleMax-ScaleMin+1 {
		bad("scale has %d labels, want %d", len(b.Scale), ScaleMax-ScaleMin+1)
	}
	for i, s := range b.Sections {
		if s.Number != i+1 || strings.TrimSpace(s.Title) == "" {
			bad("section %d: want number %d and a title", s.Number, i+1)
		}
	}

	b.dimIndex = make(map[string]int, len(b.Dimensions))
	elems := map[string]string{}
	for i, d := range b.Dimensions {
		if !idRE.MatchString(d.ID) || d.Name == "" {
			bad("dimension %q: needs a snake_case id and a name", d.ID)
		}
		if _, dup := b.dimIndex[d.ID]; dup {
			bad("dimension %q: duplicate id", d.ID)
		}
		b.dimIndex[d.ID] = i
		switch d.Group {
		case roles.BlockInterest, roles.BlockWorkStyle, roles.BlockSkill:
		default:
			bad("dimension %q: unknown group %q", d.ID, d.Group)
		}
		if len(d.ONetElements) == 0 {
			bad("dimension %q: names no O*NET element", d.ID)
		}
		if strings.TrimSpace(d.Like) == "" || strings.TrimSpace(d.Dislike) == "" || strings.TrimSpace(d.Noun) == "" {
			bad("dimension %q: needs like, dislike and noun wording for explanations", d.ID)
		}
		for _, e := range d.ONetElements {
			if other, dup := elems[e]; dup {
				bad("dimension %q: element %s already belongs to %q", d.ID, e, other)
			}
			elems[e] = d.ID
		}
	}

	if len(b.Questions) == 0 || len(b.Questions) > MaxQuestions {
		bad("has %d questions, want 1–%d", len(b.Questions), MaxQuestions)
	}
	b.qIndex = make(map[string]int, len(b.Questions))
	b.qDim = make([]int, len(b.Questions))
	asked := make([]int, len(b.Dimensions))
	reversed := make([]int, len(b.Dimensions))
	prevSection := 1
	for i, q := range b.Questions {
		if !idRE.MatchString(q.ID) || strings.TrimSpace(q.Text) == "" {
			bad("question %q: needs an id and a text", q.ID)
		}
		if _, dup := b.qIndex[q.ID]; dup {
			bad("question %q: duplicate id", q.ID)
		}
		b.qIndex[q.ID] = i
		if q.Section < prevSection || q.Section > len(b.Sections) {
			bad("question %q: section %d out of order or unknown", q.ID, q.Section)
		} else {
			prevSection = q.Section
		}
		d, ok := b.dimIndex[q.Dimension]
		if !ok {
			bad("question %q: unknown dimension %q", q.ID, q.Dimension)
			continue
		}
		b.qDim[i] = d
		asked[d]++
		if q.Reverse {
			reversed[d]++
		}
	}
	for i, d := range b.Dimensions {
		if asked[i] == 0 {
			bad("dimension %q: no question asks about it", d.ID)
		}
		if reversed[i] > 1 {
			bad("dimension %q: %d reverse items, want at most one", d.ID, reversed[i])
		}
	}
	b.pairs = nil
	for d := range b.Dimensions {
		fwd, rev := -1, -1
		for qi, q := range b.Questions {
			if b.qDim[qi] != d {
				continue
			}
			if q.Reverse {
				rev = qi
			} else if fwd < 0 {
				fwd = qi
			}
		}
		if fwd >= 0 && rev >= 0 {
			b.pairs = append(b.pairs, [2]int{fwd, rev})
		}
	}
	b.retired = make(map[string]item, len(b.Retired))
	for _, r := range b.Retired {
		if _, dup := b.qIndex[r.ID]; dup || !idRE.MatchString(r.ID) {
			bad("retired question %q: needs an id of its own", r.ID)
		}
		if _, dup := b.retired[r.ID]; dup {
			bad("retired question %q: listed twice", r.ID)
		}
		d, ok := b.dimIndex[r.Dimension]
		if !ok {
			bad("retired question %q: unknown dimension %q", r.ID, r.Dimension)
			continue
		}
		b.retired[r.ID] = item{d, r.Reverse}
	}
	seen := make([]bool, len(b.Sections))
	for _, q := range b.Questions {
		if q.Section >= 1 && q.Section <= len(b.Sections) {
			seen[q.Section-1] = true
		}
	}
	for i, ok := range seen {
		if !ok {
			bad("section %d: has no questions", i+1)
		}
	}
	return errors.Join(errs...)
}

// ValidateElements checks that every O*NET element a dimension names exists
// in elements and belongs to the dimension's group.
func (b *Bank) ValidateElements(elements []roles.Element) error {
	byID := make(map[string]roles.Element, len(elements))
	for _, e := range elements {
		byID[e.ID] = e
	}
	var errs []error
	for _, d := range b.Dimensions {
		for _, id := range d.ONetElements {
			e, ok := byID[id]
			switch {
			case !ok:
				errs = append(errs, fmt.Errorf("dimension %q: unknown O*NET element %s", d.ID, id))
			case e.Block != d.Group:
				errs = append(errs, fmt.Errorf("dimension %q: element %s is a %s, not a %s", d.ID, id, e.Block, d.Group))
			}
		}
	}
	return errors.Join(errs...)
}

// DimensionIndex returns the position of the dimension with the given id in
// Dimensions (and in every per-dimension vector), or -1.
func (b *Bank) DimensionIndex(id string) int {
	if i, ok := b.dimIndex[id]; ok {
		return i
	}
	return -1
}

// Asked reports whether id is a statement the questionnaire asks today
// (retired statements are not).
func (b *Bank) Asked(id string) bool {
	_, ok := b.qIndex[id]
	return ok
}

// Pairs returns how many dimensions are asked both ways round: one
// statement agreeing with it and one worded as its opposite.
func (b *Bank) Pairs() int { return len(b.pairs) }

// DimensionItems returns how many statements the questionnaire asks about
// each dimension, in Dimensions order.
func (b *Bank) DimensionItems() []int {
	n := make([]int, len(b.Dimensions))
	for _, d := range b.qDim {
		n[d]++
	}
	return n
}

// SectionQuestions returns the questions of section n (1-based), in order.
func (b *Bank) SectionQuestions(n int) []Question {
	var out []Question
	for _, q := range b.Questions {
		if q.Section == n {
			out = append(out, q)
		}
	}
	return out
}
