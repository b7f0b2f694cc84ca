package server

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"

	"rolefit/internal/catalog"
	"rolefit/internal/roles"
	"rolefit/internal/store"
)

// roleView is the role profile page's data, with every figure formatted.
type roleView struct {
	Role       roles.Role
	Category   roles.Category
	Occupation roles.Occupation
	Related    []store.RoleLink
	Match      *howYouMatch // nil unless the visitor has a result
	// Preparation is O*NET's Job Zone in words, shown apart from BLS's
	// typical education: the two measure different things.
	Preparation string
	// Standouts are what sets the work apart from other jobs.
	Standouts []standoutView
	Tags      []tagRow // the work environment tags, spelled out; nil without tags
	// Thrives are the role's who-thrives traits, each with where the
	// reader stands when they have a result.
	Thrives []thriveView
	// CompareWith are the roles the "Compare with…" form offers first:
	// related ones, then the rest of the category.
	CompareWith []optgroup
	Star        *starView // the shortlist star, when the reader has a result
	figuresView
}

// standoutView is one skill or work style that sets an occupation apart.
type standoutView struct {
	Name, Kind, Level string
}

// standouts words the three skills or work styles where o stands furthest
// above the average occupation.
func (s *Server) standouts(o roles.Occupation) []standoutView {
	var out []standoutView
	for _, st := range catalog.Standouts(o, s.cat.Elements, s.cat.Norms, 3) {
		v := standoutView{Name: st.Name, Kind: "skill", Level: "above the average occupation"}
		if st.Block == roles.BlockWorkStyle {
			v.Kind = "work style"
		}
		switch {
		case st.Z >= 2:
			v.Level = "far above the average occupation"
		case st.Z >= 1:
			v.Level = "well above the average occupation"
		}
		out = append(out, v)
	}
	return out
}

// roleShow renders a role profile. Without a result to compare, the page
// is the same for everyone and comes from the page cache.
func (s *Server) roleShow(c echo.Context) error {
	slug := c.Param("slug")
	if _, ok := s.cat.Role(slug); !ok {
		return echo.ErrNotFound
	}
	ev := s.currentEvaluation(c)
	if ev == nil {
		return s.serveCached(c, "role:"+slug, func() ([]byte, error) {
			d, err := s.roleData(c, slug)
			if err != nil {
				return nil, err
			}
			return s.renderBytes("role", d)
		})
	}
	d, err := s.roleData(c, slug)
	if err != nil {
		return err
	}
	v := d.Data.(roleView)
	v.Match = s.howYouMatch(ev, v.Role)
	v.Thrives = s.thrives(v.Role.Traits, &ev.Person)
	v.Star = &starView{ResultID: ev.Result.ID, Starred: slices.Contains(ev.Result.Shortlist, slug), Count: len(ev.Result.Shortlist),
		Max: store.ShortlistMax, CompareURL: s.compareURL(ev.Result.Shortlist)}
	d.Data = v
	noStore(c)
	s.offerCSRF(c)
	return s.render(c, http.StatusOK, "role", d)
}

func (s *Server) roleData(c echo.Context, slug string) (pageData, error) {
	p, err := s.db.Role(c.Request().Context(), slug)
	if err != nil {
		return pageData{}, err
	}
	v := roleView{Role: p.Role, Category: p.Category, Occupation: p.Occupation, Related: p.Related,
		Preparation: preparation(p.Occupation.JobZone), Standouts: s.standouts(p.Occupation),
		Tags: tagRows(p.Role.Tags), Thrives: s.thrives(p.Role.Traits, nil), CompareWith: s.compareWith(p),
		figuresView: newFigures(p.Occupation, p.Role.Title)}
	return pageData{Title: p.Role.Title, Description: p.Role.Summary, Section: "roles", Data: v}, nil
}

// starView is the shortlist star on a profile.
type starView struct {
	ResultID   string
	Starred    bool
	Count, Max int
	CompareURL string // the shortlist side by side; "" with fewer than two roles
}

// compareWith groups the roles a profile offers to compare with: its
// related roles, then the others of its category.
func (s *Server) compareWith(p *store.RoleProfile) []optgroup {
	related := optgroup{Label: "Related roles"}
	seen := map[string]bool{p.Role.Slug: true}
	for _, r := range p.Related {
		related.Options = append(related.Options, option{Value: r.Slug, Label: r.Title})
		seen[r.Slug] = true
	}
	same := optgroup{Label: "Other " + p.Category.Name + " roles"}
	for _, g := range s.roleChoices(p.Role.Slug) {
		for _, o := range g.Options {
			if r, _ := s.cat.Role(o.Value); r.Category == p.Category.Slug && !seen[o.Value] {
				same.Options = append(same.Options, o)
			}
		}
	}
	var out []optgroup
	for _, g := range []optgroup{related, same} {
		if len(g.Options) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// preparation words an O*NET Job Zone: "Job Zone 4 of 5, considerable
// preparation".
func preparation(zone int) string {
	name, ok := roles.JobZonePreparation[zone]
	if !ok {
		return "not rated by O*NET"
	}
	return fmt.Sprintf("O*NET Job Zone %d of 5, %s", zone, name)
}
