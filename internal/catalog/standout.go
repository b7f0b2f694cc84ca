package catalog

import (
	"sort"

	"rolefit/internal/roles"
)

// Standout is a skill or work style an occupation rates well above the
// average occupation.
type Standout struct {
	ElementID string      `json:"element_id"`
	Name      string      `json:"name"`
	Block     roles.Block `json:"kind"` // skill or work_style
	// Z is the occupation's importance rating in standard deviations above
	// the mean over every rated occupation.
	Z float64 `json:"z"`
}

// Standouts returns the n skills and work styles whose importance stands
// furthest above the average occupation's, highest first, leaving out any
// not above average. Core skills (the most important ones) say what a job
// needs; these say what it needs more than other jobs do: Active Listening
// is a core skill of most roles and sets almost none apart.
func Standouts(o roles.Occupation, elements []roles.Element, norms roles.Norms, n int) []Standout {
	var all []Standout
	for _, e := range elements {
		var value float64
		var norm roles.Norm
		var ok bool
		switch e.Block {
		case roles.BlockSkill:
			var s roles.SkillRating
			s, ok = o.Skills[e.ID]
			value, norm = s.IM, norms.SkillIM[e.ID]
		case roles.BlockWorkStyle:
			value, ok = o.WorkStyles[e.ID]
			norm = norms.WorkStyle[e.ID]
		}
		if !ok || norm.SD <= 0 {
			continue
		}
		if z := (value - norm.Mean) / norm.SD; z > 0 {
			all = append(all, Standout{ElementID: e.ID, Name: e.Name, Block: e.Block, Z: z})
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].Z != all[j].Z {
			return all[i].Z > all[j].Z
		}
		return all[i].ElementID < all[j].ElementID
	})
	return all[:min(n, len(all))]
}
