package eval

import (
	"fmt"
	"strings"

	"rolefit/internal/assessment"
	"rolefit/internal/matching"
	"rolefit/internal/roles"
)

// Violation is one broken explanation rule on one card.
type Violation struct {
	Role, Dimension, Rule, Text string
}

func (v Violation) String() string {
	return fmt.Sprintf("%s / %s: %s (%q)", v.Role, v.Dimension, v.Rule, v.Text)
}

// Rules, as counted in the report.
const (
	RuleReasonRole       = "reason names something the role does not clearly rely on"
	RuleReasonPerson     = "reason names something the person does not clearly lean toward"
	RuleStretchReal      = "stretch is not a real gap on an important skill the role relies on"
	RuleStretchClosable  = "stretch goes to a person who agreed or disagreed, not one undecided"
	RuleMismatchVirtue   = "mismatch faults a desirable trait"
	RuleMismatchTrue     = "mismatch is not a real mismatch"
	RuleContradiction    = "one dimension is both a reason and a stretch or mismatch"
	RuleLevels           = "a point's levels are not the person's and the role's"
	RuleLowConfidence    = "a low-confidence result gives points"
	RuleText             = "a point's text does not name its dimension"
	ruleDimensionUnknown = "a point names an unknown dimension"
)

// CheckExplanation restates the rules matching.Explanation documents,
// independently of matching's own code, and returns every one ex breaks
// for the person p and the role prof.
func CheckExplanation(bank *assessment.Bank, w matching.Weights, prof matching.Profile, p matching.Person, ex matching.Explanation) []Violation {
	var out []Violation
	bad := func(pt matching.Point, rule string) {
		out = append(out, Violation{Role: prof.Slug, Dimension: pt.Dimension, Rule: rule, Text: pt.Text})
	}
	seen := map[string]string{}
	look := func(pt matching.Point, kind string) (assessment.Dimension, int, bool) {
		d := bank.DimensionIndex(pt.Dimension)
		if d < 0 {
			bad(pt, ruleDimensionUnknown)
			return assessment.Dimension{}, d, false
		}
		if other, dup := seen[pt.Dimension]; dup && other != kind {
			bad(pt, RuleContradiction)
		}
		seen[pt.Dimension] = kind
		if pt.You != p.Level[d] || pt.Role != prof.Level[d] {
			bad(pt, RuleLevels)
		}
		dim := bank.Dimensions[d]
		if pt.Text == "" || !strings.Contains(pt.Text, dim.Noun) {
			bad(pt, RuleText)
		}
		if ex.LowConfidence {
			bad(pt, RuleLowConfidence)
		}
		return dim, d, true
	}
	important := func(dim assessment.Dimension, d int) bool {
		return dim.Group != roles.BlockSkill || prof.IM[d] >= w.ImportantIM
	}
	for _, pt := range ex.Reasons {
		dim, d, ok := look(pt, "reason")
		if !ok {
			continue
		}
		if pt.Role < 3.8 || !important(dim, d) {
			bad(pt, RuleReasonRole)
		}
		if pt.You < 3.5 || pt.You <= p.Mean {
			bad(pt, RuleReasonPerson)
		}
	}
	for _, pt := range ex.Stretch {
		dim, d, ok := look(pt, "stretch")
		if !ok {
			continue
		}
		if dim.Group != roles.BlockSkill || !important(dim, d) || pt.Role < 3.8 || pt.Role-pt.You < 1 {
			bad(pt, RuleStretchReal)
		}
		if pt.You < 2.5 || pt.You >= 3.5 {
			bad(pt, RuleStretchClosable)
		}
	}
	if m := ex.Mismatch; m != nil {
		if dim, d, ok := look(*m, "mismatch"); ok {
			if dim.Desirable {
				bad(*m, RuleMismatchVirtue)
			}
			under := m.Role >= 3.8 && important(dim, d) && m.You < 2.5
			over := dim.Group != roles.BlockWorkStyle && m.You >= 4 && m.You > p.Mean && m.Role <= 2.2
			if !under && !over {
				bad(*m, RuleMismatchTrue)
			}
		}
	}
	return out
}
