package server

import (
	"sort"

	"rolefit/internal/matching"
	"rolefit/internal/roles"
)

// howYouMatch is the "How you match" section of a role page, shown when
// the visitor has a result. It follows the same rules as the result cards.
type howYouMatch struct {
	ResultID             string
	Fit                  int
	Band, BandKey        string
	LowConfidence        bool
	Reasons, Stretch     []pointView
	Mismatch             *pointView
	PersonCode, RoleCode string
	Skills, Traits       []levelRow
}

// levelRow sets the person's answer beside the role's place among
// occupations on one dimension.
type levelRow struct {
	Name      string
	You, Role string
}

func (s *Server) howYouMatch(ev *evaluation, r roles.Role) *howYouMatch {
	ex, err := s.index.Explain(ev.Person, r.Slug)
	if err != nil {
		return nil
	}
	h := &howYouMatch{ResultID: ev.Result.ID, PersonCode: ex.PersonCode, RoleCode: ex.RoleCode, LowConfidence: ex.LowConfidence}
	for _, m := range ev.Ranking.Matches {
		if m.Slug == r.Slug {
			h.Fit, h.Band, h.BandKey = m.Fit, m.Band().Label(), string(m.Band())
		}
	}
	mv := matchView{}
	s.fillExplanation(&mv, ex)
	h.Reasons, h.Stretch, h.Mismatch = mv.Reasons, mv.Stretch, mv.Mismatch

	byDim := map[string]matching.Point{}
	for _, p := range ex.All {
		byDim[p.Dimension] = p
	}
	row := func(name string, p matching.Point) levelRow {
		return levelRow{Name: name, You: s.answerWords(p.You), Role: roleWords(p.Role)}
	}
	seen := map[string]bool{}
	for _, skill := range r.CoreSkills {
		e, ok := s.cat.ElementByName(skill)
		if !ok {
			continue
		}
		dim := s.elementDim[e.ID]
		p, ok := byDim[dim]
		if !ok || seen[dim] {
			continue
		}
		seen[dim] = true
		h.Skills = append(h.Skills, row(skill, p))
	}
	var styles []matching.Point
	for _, p := range ex.All {
		if p.Group == roles.BlockWorkStyle {
			styles = append(styles, p)
		}
	}
	sort.SliceStable(styles, func(i, j int) bool { return styles[i].Role > styles[j].Role })
	for _, p := range styles[:min(len(styles), 4)] {
		h.Traits = append(h.Traits, row(p.Name, p))
	}
	return h
}
