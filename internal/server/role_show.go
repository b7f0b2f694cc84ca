package server

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

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
	figuresView
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
	d.Data = v
	noStore(c)
	return s.render(c, http.StatusOK, "role", d)
}

func (s *Server) roleData(c echo.Context, slug string) (pageData, error) {
	p, err := s.db.Role(c.Request().Context(), slug)
	if err != nil {
		return pageData{}, err
	}
	return pageData{Title: p.Role.Title, Description: p.Role.Summary, Section: "roles", Data: newRoleView(p)}, nil
}

func newRoleView(p *store.RoleProfile) roleView {
	return roleView{Role: p.Role, Category: p.Category, Occupation: p.Occupation, Related: p.Related,
		Preparation: preparation(p.Occupation.JobZone), figuresView: newFigures(p.Occupation, p.Role.Title)}
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
