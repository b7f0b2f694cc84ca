package server

import (
	"sort"

	"rolefit/internal/matching"
	"rolefit/internal/roles"
)

// howYouMatch is the "How you match" section of a role page, shown when
// the visitor has a result.
type howYouMatch struct {
	ResultID             string
	Fit                  int
	Band, BandKey        string
	Reasons, Stretch     []string
	Mismatch             string
	PersonCode, RoleCode string
	Skills, Traits       []levelRow
}

// levelRow sets the person's level beside the role's on one dimension.
type levelRow struct {
	Name      string
	You, Role string
}

// level words a z-score against the occupations' norms.
func level(z float64) string {
	switch {
	case z >= 1:
		return "Very high"
	case z >= 0.35:
		return "High"
	case z > -0.35:
		return "Average"
	case z > -1:
		return "Low"
	}
	return "Very low"
}

func (s *Server) howYouMatch(ev *evaluation, r roles.Role) *howYouMatch {
	ex, err := s.index.Explain(ev.Person, r.Slug)
	if err != nil {
		return nil
	}
	h := &howYouMatch{ResultID: ev.Result.ID, PersonCode: ex.PersonCode, RoleCode: ex.RoleCode}
	for _, m := range ev.Ranking.Matches {
		if m.Slug == r.Slug {
			h.Fit, h.Band, h.BandKey = m.Fit, m.Band().Label(), string(m.Band())
		}
	}
	mv := matchView{}
	fillExplanation(&mv, ex)
	h.Reasons, h.Stretch, h.Mismatch = mv.Reasons, mv.Stretch, mv.Mismatch

	byDim := map[string]matching.Contribution{}
	for _, c := range ex.All {
		byDim[c.Dimension] = c
	}
	seen := map[string]bool{}
	for _, skill := range r.CoreSkills {
		e, ok := s.cat.ElementByName(skill)
		if !ok {
			continue
		}
		dim := s.elementDim[e.ID]
		c, ok := byDim[dim]
		if !ok || seen[dim] {
			continue
		}
		seen[dim] = true
		h.Skills = append(h.Skills, levelRow{Name: skill, You: level(c.Person), Role: level(c.Role)})
	}
	var styles []matching.Contribution
	for _, c := range ex.All {
		if c.Group == roles.BlockWorkStyle {
			styles = append(styles, c)
		}
	}
	sort.SliceStable(styles, func(i, j int) bool { return styles[i].Role > styles[j].Role })
	for i := 0; i < len(styles) && i < 4; i++ {
		h.Traits = append(h.Traits, levelRow{Name: styles[i].Name, You: level(styles[i].Person), Role: level(styles[i].Role)})
	}
	return h
}
