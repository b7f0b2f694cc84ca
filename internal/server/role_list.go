package server

import (
	"net/http"
	"net/url"
	"slices"

	"github.com/labstack/echo/v4"

	"rolefit/internal/roles"
	"rolefit/internal/store"
)

type rolesView struct {
	Total, Written, DataOnly int
	Categories               []categoryEntry
}

// categoryEntry is one field of the Careers index: its written roles, then
// the imported occupations of its SOC major group that no role covers.
type categoryEntry struct {
	store.CategoryCount
	DataOnly []store.OccupationLink
}

func (s *Server) roleList(c echo.Context) error {
	if cat := c.QueryParam("category"); cat != "" {
		return c.Redirect(http.StatusSeeOther, "/roles/category/"+url.PathEscape(cat))
	}
	ctx := c.Request().Context()
	cats, err := s.db.Categories(ctx)
	if err != nil {
		return err
	}
	extra, err := s.db.DataOnlyOccupations(ctx, func(string) bool { return true })
	if err != nil {
		return err
	}
	byCat := map[string][]store.OccupationLink{}
	for _, o := range extra {
		cat := roles.CategoryForSOC(o.Code)
		byCat[cat] = append(byCat[cat], o)
	}
	v := rolesView{}
	for _, cat := range cats {
		v.Categories = append(v.Categories, categoryEntry{CategoryCount: cat, DataOnly: byCat[cat.Slug]})
		v.Written += cat.Count
		v.DataOnly += len(byCat[cat.Slug])
	}
	v.Total = v.Written + v.DataOnly
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
	Group          string // the BLS group whose figures Median and Growth are
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
	edu := knownEducation(c.QueryParam("education"))
	tf := tagFilterFrom(c.QueryParams())
	v := categoryView{Category: cat, Educations: educationOptions(edus, edu), Tags: newTagFilterView(tf)}
	for _, o := range []option{{store.SortTitle, "Title (A–Z)", false}, {store.SortPay, "Median pay (highest first)", false}, {store.SortGrowth, "Growth (fastest first)", false}} {
		o.Selected = o.Value == sort
		v.Sorts = append(v.Sorts, o)
	}
	list, err := s.db.RoleSummaries(ctx, store.RoleFilter{Category: cat.Slug, Sort: sort})
	if err != nil {
		return err
	}
	for _, r := range list {
		if !roles.EducationAtMost(r.Education, edu) {
			continue
		}
		// Tags come from the loaded catalog: the store keeps them only
		// inside each role's JSON, and filtering here needs no SQL dialect.
		if role, _ := s.cat.Role(r.Slug); !tf.Keep(role.Tags) {
			continue
		}
		row := categoryRow{RoleSummary: r, Median: "not published", Growth: "not published"}
		if g, ok := roles.FiguresFor(s.cat.Occupations[r.ONetCode]); ok {
			row.Group = "“" + g.Title + "”"
		}
		if r.MedianWage != nil {
			row.Median = "$" + thousands(*r.MedianWage)
		}
		if r.PercentChange != nil {
			row.Growth = percent(*r.PercentChange)
		}
		v.Roles = append(v.Roles, row)
	}
	// Occupations without a written role have no working conditions to
	// filter on: the form says they are left out while a condition is set.
	if tf.IsZero() {
		v.DataOnly, err = s.db.DataOnlyOccupations(ctx, func(code string) bool { return roles.CategoryForSOC(code) == cat.Slug })
		if err != nil {
			return err
		}
	}
	return s.render(c, http.StatusOK, "category", pageData{Title: cat.Name + " roles",
		Description: cat.Description, Section: "roles", Data: v})
}

// knownEducation returns e if it is a BLS education level, else "".
func knownEducation(e string) string {
	if roles.EducationRank(e) == 0 {
		return ""
	}
	return e
}

// educationOptions lists levels for an "at most" education filter, lowest
// first, marking selected.
func educationOptions(levels []string, selected string) []option {
	levels = slices.Clone(levels)
	if selected != "" && !slices.Contains(levels, selected) {
		levels = append(levels, selected)
	}
	slices.SortFunc(levels, func(a, b string) int { return roles.EducationRank(a) - roles.EducationRank(b) })
	out := make([]option, 0, len(levels))
	for _, e := range levels {
		if roles.EducationRank(e) > 0 {
			out = append(out, option{Value: e, Label: e, Selected: e == selected})
		}
	}
	return out
}
