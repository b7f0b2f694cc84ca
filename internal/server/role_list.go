package server

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"rolefit/internal/roles"
	"rolefit/internal/store"
)

type rolesView struct {
	Total      int
	Categories []store.CategoryCount
}

func (s *Server) roleList(c echo.Context) error {
	if cat := c.QueryParam("category"); cat != "" {
		return c.Redirect(http.StatusSeeOther, "/roles/category/"+url.PathEscape(cat))
	}
	cats, err := s.db.Categories(c.Request().Context())
	if err != nil {
		return err
	}
	v := rolesView{Categories: cats}
	for _, cat := range cats {
		v.Total += cat.Count
	}
	return s.render(c, http.StatusOK, "roles", pageData{Title: "Browse careers",
		Description: "Every career in Rolefit, grouped by field.", Section: "roles", Data: v})
}

type option struct {
	Value, Label string
	Selected     bool
}

type categoryRow struct {
	store.RoleSummary
	Median, Growth string
}

type categoryView struct {
	DataOnly   []store.OccupationLink // imported occupations of this field without a written role
	Category   store.CategoryCount
	Sorts      []option
	Educations []option
	Tags       tagFilterView
	Roles      []categoryRow
}

func (s *Server) categoryShow(c echo.Context) error {
	ctx := c.Request().Context()
	cat, err := s.db.CategoryBySlug(ctx, c.Param("category"))
	if err != nil {
		return err
	}
	sort := c.QueryParam("sort")
	if sort != store.SortPay && sort != store.SortGrowth {
		sort = store.SortTitle
	}
	edus, err := s.db.Educations(ctx, cat.Slug)
	if err != nil {
		return err
	}
	edu := c.QueryParam("education")
	tf := tagFilterFrom(c.QueryParams())
	v := categoryView{Category: cat, Tags: newTagFilterView(tf)}
	known := false
	for _, e := range edus {
		v.Educations = append(v.Educations, option{Value: e, Label: e, Selected: e == edu})
		known = known || e == edu
	}
	if !known {
		edu = ""
	}
	for _, o := range []option{{store.SortTitle, "Title (A–Z)", false}, {store.SortPay, "Median pay (highest first)", false}, {store.SortGrowth, "Growth (fastest first)", false}} {
		o.Selected = o.Value == sort
		v.Sorts = append(v.Sorts, o)
	}
	list, err := s.db.RoleSummaries(ctx, store.RoleFilter{Category: cat.Slug, Education: edu, Sort: sort})
	if err != nil {
		return err
	}
	for _, r := range list {
		// Tags come from the loaded catalog: the store keeps them only
		// inside each role's JSON, and filtering here needs no SQL dialect.
		if role, _ := s.cat.Role(r.Slug); !tf.Keep(role.Tags) {
			continue
		}
		row := categoryRow{RoleSummary: r, Median: "not published", Growth: "not published"}
		if r.MedianWage != nil {
			row.Median = "$" + thousands(*r.MedianWage)
		}
		if r.PercentChange != nil {
			row.Growth = percent(*r.PercentChange)
		}
		v.Roles = append(v.Roles, row)
	}
	v.DataOnly, err = s.db.DataOnlyOccupations(ctx, func(code string) bool { return roles.CategoryForSOC(code) == cat.Slug })
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "category", pageData{Title: cat.Name + " roles",
		Description: cat.Description, Section: "roles", Data: v})
}
