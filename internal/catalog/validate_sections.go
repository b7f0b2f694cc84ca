package catalog

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"rolefit/internal/roles"
)

// requireIssue11Sections makes how_to_become, work_environment, tags and
// traits required on every role. It was off while the writers of issue 11
// filled in the role files, so that a half-written catalog still loaded;
// every role has them now. The sections are checked whenever present
// either way.
const requireIssue11Sections = true

// Length bounds, in words, of the sections added by issue 11, and how many
// traits a role declares.
const (
	MinHowToBecomeWords     = 100
	MaxHowToBecomeWords     = 220
	MinWorkEnvironmentWords = 80
	MaxWorkEnvironmentWords = 180
	MinTraits               = 3
	MaxTraits               = 6
	MinTraitWords           = 3
	MaxTraitWords           = 12
)

// validateSections checks a role's how_to_become, work_environment, tags and
// traits; with required set, a missing one is an error too.
func (c *Catalog) validateSections(r roles.Role, required bool) []error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	for _, s := range []struct {
		name     string
		text     string
		min, max int
	}{
		{"how_to_become", r.HowToBecome, MinHowToBecomeWords, MaxHowToBecomeWords},
		{"work_environment", r.WorkEnvironment, MinWorkEnvironmentWords, MaxWorkEnvironmentWords},
	} {
		if s.text == "" {
			if required {
				bad("section %s is missing", s.name)
			}
			continue
		}
		if n := countWords(s.text); n < s.min || n > s.max {
			bad("section %s has %d words, want %d–%d", s.name, n, s.min, s.max)
		}
	}
	if r.Tags.IsZero() {
		if required {
			bad("tags are missing")
		}
	} else {
		errs = append(errs, validateTags(r.Tags)...)
	}
	if len(r.Traits) == 0 {
		if required {
			bad("traits are missing")
		}
	} else {
		errs = append(errs, c.validateTraits(r.Category, r.Traits)...)
	}
	return errs
}

func validateTags(t roles.Tags) []error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	list := func(field string, got, vocab []string, min int) {
		if len(got) < min {
			bad("tags.%s needs at least one of %s", field, strings.Join(vocab, ", "))
		}
		seen := map[string]bool{}
		for _, v := range got {
			if !slices.Contains(vocab, v) {
				bad("tags.%s: %q is not one of %s", field, v, strings.Join(vocab, ", "))
			}
			if seen[v] {
				bad("tags.%s: %q is listed twice", field, v)
			}
			seen[v] = true
		}
	}
	one := func(field, got string, vocab []string) {
		if !slices.Contains(vocab, got) {
			bad("tags.%s: %q is not one of %s", field, got, strings.Join(vocab, ", "))
		}
	}
	list("schedule", t.Schedule, roles.Schedules, 1)
	one("remote", t.Remote, roles.Remotes)
	one("physical", t.Physical, roles.Physicals)
	list("hazards", t.Hazards, roles.Hazards, 0)
	one("travel", t.Travel, roles.Travels)
	return errs
}

// FollowUpCategory is the one category whose roles may name follow-up
// scales in their traits: the scales exist to tell close technology roles
// apart (ROLES-SPEC); other roles use questionnaire dimensions only.
const FollowUpCategory = "technology"

func (c *Catalog) validateTraits(category string, ts []roles.Trait) []error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if len(ts) < MinTraits || len(ts) > MaxTraits {
		bad("has %d traits, want %d–%d", len(ts), MinTraits, MaxTraits)
	}
	seen := map[string]bool{}
	for i, t := range ts {
		at := fmt.Sprintf("trait %d (%s)", i+1, t.Dimension)
		if n := countWords(t.Text); n < MinTraitWords || n > MaxTraitWords {
			bad("%s: text has %d words, want %d–%d", at, n, MinTraitWords, MaxTraitWords)
		}
		if first, _ := utf8.DecodeRuneInString(t.Text); unicode.IsUpper(first) {
			bad("%s: text %q must start lower-case", at, t.Text)
		}
		if strings.HasSuffix(strings.TrimSpace(t.Text), ".") {
			bad("%s: text %q must not end with a period", at, t.Text)
		}
		if !c.traitDimension(t.Dimension) {
			bad("%s: %q is neither a question-bank dimension nor a follow-up scale", at, t.Dimension)
		} else if _, scale := c.Scale(t.Dimension); scale && category != FollowUpCategory {
			bad("%s: follow-up scales are for %s roles only; use a question-bank dimension", at, FollowUpCategory)
		}
		if seen[t.Dimension] {
			bad("%s: a second trait on the same dimension", at)
		}
		seen[t.Dimension] = true
		if t.Direction != roles.DirectionHigh && t.Direction != roles.DirectionLow {
			bad("%s: direction %q, want high or low", at, t.Direction)
		}
		if t.Strength != 1 && t.Strength != 2 {
			bad("%s: strength %d, want 1 or 2", at, t.Strength)
		}
	}
	return errs
}

// traitSet is a role's traits reduced to what matching uses (dimension and
// direction), sorted, so that two roles can be compared.
func traitSet(ts []roles.Trait) string {
	keys := make([]string, len(ts))
	for i, t := range ts {
		keys[i] = t.Dimension + ":" + t.Direction
	}
	sort.Strings(keys)
	return strings.Join(keys, ",")
}

// validateSiblingTraits reports roles that share an O*NET occupation and
// declare the same trait set: matching could then never tell them apart.
func validateSiblingTraits(rs []roles.Role) []error {
	var errs []error
	first := map[string]string{} // onet code + trait set → first slug
	for _, r := range rs {
		if len(r.Traits) == 0 {
			continue
		}
		key := r.ONetCode + "|" + traitSet(r.Traits)
		if other, ok := first[key]; ok {
			errs = append(errs, fmt.Errorf("roles %q and %q share occupation %s and have identical traits (dimension and direction); give one a trait the other lacks", other, r.Slug, r.ONetCode))
			continue
		}
		first[key] = r.Slug
	}
	return errs
}

func countWords(s string) int { return len(wordRE.FindAllString(s, -1)) }
