package catalog

import (
	"errors"
	"fmt"
	"regexp"

	"rolefit/internal/roles"
)

var (
	slugRE     = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	onetCodeRE = regexp.MustCompile(`^\d{2}-\d{4}\.\d{2}$`)
	idRE       = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	wordRE     = regexp.MustCompile(`\S+`)
)

// Narrative length bounds, in words, for the four sections together.
const (
	MinNarrativeWords = 250
	MaxNarrativeWords = 500
	MaxRelated        = 6
)

// Validate reports every problem in the catalog at once, so an editor can fix
// a batch of files in one pass.
func (c *Catalog) Validate() error { return c.validate(requireIssue11Sections) }

// validate is Validate with the issue 11 sections required or not.
func (c *Catalog) validate(requireSections bool) error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	cats := map[string]bool{}
	for _, cat := range c.Categories {
		if !slugRE.MatchString(cat.Slug) || cat.Name == "" || cat.Description == "" {
			bad("category %q: needs a slug, a name and a description", cat.Slug)
		}
		if cats[cat.Slug] {
			bad("category %q: duplicate", cat.Slug)
		}
		cats[cat.Slug] = true
	}
	if len(c.Elements) == 0 {
		bad("figures: no O*NET elements")
	}
	if len(c.dimensions) == 0 {
		bad("%s: no dimensions", QuestionsFile)
	}
	scales := map[string]bool{}
	for _, s := range c.Scales {
		if !idRE.MatchString(s.ID) || s.Name == "" || s.Description == "" {
			bad("follow-up scale %q: needs a snake_case id, a name and a description", s.ID)
		}
		if scales[s.ID] || c.dimensions[s.ID] {
			bad("follow-up scale %q: id already used by another scale or a dimension", s.ID)
		}
		scales[s.ID] = true
	}

	slugs := map[string]bool{}
	for _, r := range c.Roles {
		if slugs[r.Slug] {
			bad("role %q: duplicate slug", r.Slug)
		}
		slugs[r.Slug] = true
	}
	for _, r := range c.Roles {
		roleErrs := append(c.validateRole(r, cats, slugs), c.validateSections(r, requireSections)...)
		for _, e := range roleErrs {
			errs = append(errs, fmt.Errorf("role %q: %w", r.Slug, e))
		}
	}
	errs = append(errs, validateSiblingTraits(c.Roles)...)
	return errors.Join(errs...)
}

func (c *Catalog) validateRole(r roles.Role, cats, slugs map[string]bool) []error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if !slugRE.MatchString(r.Slug) {
		bad("slug must be lower-case words joined by hyphens")
	}
	if r.Title == "" || r.Summary == "" {
		bad("needs a title and a summary")
	}
	if !cats[r.Category] {
		bad("unknown category %q", r.Category)
	}
	if !onetCodeRE.MatchString(r.ONetCode) {
		bad("O*NET code %q is not of the form 15-1254.00", r.ONetCode)
	}
	words := 0
	for name, s := range map[string]string{"day_to_day": r.DayToDay, "harder_than_expected": r.Harder, "who_thrives": r.Thrives, "look_elsewhere": r.Elsewhere} {
		if s == "" {
			bad("section %s is empty", name)
		}
		words += countWords(s)
	}
	if words < MinNarrativeWords || words > MaxNarrativeWords {
		bad("narrative has %d words, want %d–%d", words, MinNarrativeWords, MaxNarrativeWords)
	}
	if len(r.Related) == 0 || len(r.Related) > MaxRelated {
		bad("has %d related roles, want 1–%d", len(r.Related), MaxRelated)
	}
	for _, rel := range r.Related {
		if rel == r.Slug || !slugs[rel] {
			bad("related role %q does not resolve", rel)
		}
	}
	for _, s := range r.CoreSkills {
		if e, ok := c.ElementByName(s); !ok || e.Block != roles.BlockSkill {
			bad("core skill %q is not an O*NET skill", s)
		}
	}
	o, ok := c.Occupations[r.ONetCode]
	if !ok {
		bad("occupation %s has no figures (run make data)", r.ONetCode)
		return errs
	}
	errs = append(errs, validateFigures(o)...)
	return errs
}

func validateFigures(o roles.Occupation) []error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("occupation %s: "+format, append([]any{o.ONetCode}, args...)...))
	}
	if o.Title == "" || o.SOCCode == "" {
		bad("needs a title and a SOC code")
	}
	if o.JobZone < 1 || o.JobZone > 5 {
		bad("job zone %d outside 1–5", o.JobZone)
	}
	if len(o.Skills) == 0 || len(o.WorkStyles) == 0 || len(o.Interests) == 0 {
		bad("has no O*NET ratings")
	}
	if p := o.Pay; p == nil {
		bad("has no pay figures")
	} else {
		// A nil median is legitimate: BLS publishes some occupations
		// (musicians, for one) with hourly wages only and marks the annual
		// figures "*". Pages say so rather than inventing a number.
		for _, w := range []roles.Wage{p.P10, p.Median, p.P90} {
			if w.Value != nil && (*w.Value < 10000 || *w.Value > 1000000) {
				bad("wage %d out of range", *w.Value)
			}
		}
		if p.P10.Value != nil && p.P90.Value != nil && *p.P10.Value > *p.P90.Value {
			bad("10th percentile above the 90th")
		}
		if !sourced(p.Source) {
			bad("pay has no source")
		}
	}
	if o.Employment == nil || *o.Employment <= 0 || o.EmploymentSource == nil || !sourced(*o.EmploymentSource) {
		bad("has no sourced employment")
	}
	if ol := o.Outlook; ol == nil {
		bad("has no outlook")
	} else {
		if ol.PercentChange < -100 || ol.PercentChange > 200 || ol.To <= ol.From || ol.Education == "" || !sourced(ol.Source) {
			bad("outlook incomplete or out of range")
		}
		if roles.EducationRank(ol.Education) == 0 {
			bad("typical education %q is not one of the BLS levels", ol.Education)
		}
		if ol.Experience == "" || ol.Training == "" {
			bad("outlook has no work experience or on-the-job training (run make data)")
		}
	}
	if el := o.EducationLevels; el != nil {
		sum := 0.0
		for _, l := range el.Levels {
			if l.Label == "" || l.Percent < 0 || l.Percent > 100 {
				bad("education level %d: needs a label and a percent in 0–100", l.Category)
			}
			sum += l.Percent
		}
		if sum < 98 || sum > 102 || !sourced(el.Source) {
			bad("education levels sum to %.1f%% or have no source", sum)
		}
	}
	return errs
}

func sourced(s roles.Source) bool { return s.Name != "" && s.Release != "" && s.SOCCode != "" }
