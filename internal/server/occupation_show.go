package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"rolefit/internal/catalog"
	"rolefit/internal/roles"
	"rolefit/internal/store"
)

type occupationView struct {
	Occupation  roles.Occupation
	Category    roles.Category
	Roles       []store.RoleLink
	Related     []store.OccupationLink
	CoreSkills  []string
	Preparation string
	Standouts   []standoutView
	Figures     figuresView
}

// occupationShow is the data-only profile of an occupation, available for
// every occupation of the catalog and of an import.
func (s *Server) occupationShow(c echo.Context) error {
	p, err := s.db.Occupation(c.Request().Context(), c.Param("code"))
	if err != nil {
		return err
	}
	o := p.Occupation
	v := occupationView{Occupation: o, Roles: p.Roles, Related: p.Related,
		CoreSkills: catalog.TopSkills(o, s.cat.Elements, 5), Preparation: preparation(o.JobZone), Standouts: s.standouts(o), Figures: newFigures(o, "")}
	v.Category, _ = s.cat.Category(roles.CategoryForSOC(o.ONetCode))
	return s.render(c, http.StatusOK, "occupation", pageData{Title: o.Title,
		Description: "Pay, outlook and skills of " + o.Title + ".", Section: "roles", Data: v})
}
