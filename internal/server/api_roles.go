package server

import (
	"errors"
	"math"
	"net/http"

	"github.com/labstack/echo/v4"

	"rolefit/internal/catalog"
	"rolefit/internal/roles"
	"rolefit/internal/search"
	"rolefit/internal/store"
)

type apiRoleItem struct {
	Slug     string `json:"slug"`
	Title    string `json:"title"`
	Category string `json:"category"`
	ONetCode string `json:"onet_code"`
	SOCCode  string `json:"soc_code"`
	// Kind is "role" for a written role and "occupation" for an imported
	// occupation without one (a data-only profile), listed only when asked.
	Kind string `json:"kind"`
	URL  string `json:"url"`
}

// apiRoles lists roles, optionally filtered by category and searched with
// q (then in rank order, best first). With include=occupations it lists the
// imported occupations no role covers too, each in the category of its SOC
// major group.
func (s *Server) apiRoles(c echo.Context) error {
	ctx := c.Request().Context()
	q := queryText(c)
	cat := c.QueryParam("category")
	if cat != "" {
		if _, ok := s.cat.Category(cat); !ok {
			return problem(c, http.StatusNotFound, "No category "+cat+".", nil)
		}
	}
	if len(q) > search.MaxQueryLen {
		return problem(c, http.StatusBadRequest, "The query is longer than 200 characters.", nil)
	}
	withOccupations := false
	switch inc := c.QueryParam("include"); inc {
	case "":
	case "occupations":
		withOccupations = true
	default:
		return problem(c, http.StatusBadRequest, "include takes one value, occupations.", nil)
	}
	list, err := s.db.RoleSummaries(ctx, store.RoleFilter{Category: cat})
	if err != nil {
		return err
	}
	out := []apiRoleItem{}
	roleItem := func(r store.RoleSummary) apiRoleItem {
		return apiRoleItem{Slug: r.Slug, Title: r.Title, Category: r.Category, ONetCode: r.ONetCode, SOCCode: r.SOCCode,
			Kind: "role", URL: "/roles/" + r.Slug}
	}
	occItem := func(code, title string) apiRoleItem {
		return apiRoleItem{Slug: OccupationSlug(code), Title: title, Category: roles.CategoryForSOC(code), ONetCode: code,
			SOCCode: roles.SOCOf(code), Kind: "occupation", URL: "/occupations/" + code}
	}
	if q == "" {
		for _, r := range list {
			out = append(out, roleItem(r))
		}
		if withOccupations {
			occs, err := s.db.DataOnlyOccupations(ctx, func(code string) bool { return cat == "" || roles.CategoryForSOC(code) == cat })
			if err != nil {
				return err
			}
			for _, o := range occs {
				out = append(out, occItem(o.Code, o.Title))
			}
		}
		return c.JSON(http.StatusOK, map[string]any{"roles": out})
	}
	bySlug := make(map[string]store.RoleSummary, len(list))
	for _, r := range list {
		bySlug[r.Slug] = r
	}
	ix, err := s.searchIndex(ctx)
	if err != nil {
		return err
	}
	res := ix.Search(q, searchLimit)
	for _, h := range res.Hits {
		switch {
		case h.Kind == search.KindRole:
			if r, ok := bySlug[h.Key]; ok {
				out = append(out, roleItem(r))
			}
		case withOccupations && (cat == "" || roles.CategoryForSOC(h.Key) == cat):
			out = append(out, occItem(h.Key, h.Title))
		}
	}
	body := map[string]any{"roles": out}
	if res.Corrected != "" {
		body["corrected"] = res.Corrected
	}
	if len(res.Suggestions) > 0 {
		body["suggestions"] = res.Suggestions
	}
	return c.JSON(http.StatusOK, body)
}

type apiPay struct {
	Median   *int         `json:"median"`
	P10      *int         `json:"p10"`
	P25      *int         `json:"p25"`
	P75      *int         `json:"p75"`
	P90      *int         `json:"p90"`
	TopCoded []string     `json:"at_least,omitempty"` // percentiles BLS reports only as "at or above" their value
	Year     int          `json:"year"`
	Source   roles.Source `json:"source"`
}

type apiOutlook struct {
	PercentChange  float64      `json:"percent_change"`
	From           int          `json:"from"`
	To             int          `json:"to"`
	EmploymentFrom float64      `json:"employment_from_thousands"`
	EmploymentTo   float64      `json:"employment_to_thousands"`
	Openings       float64      `json:"annual_openings_thousands"`
	Source         roles.Source `json:"source"`
}

// apiTrait is one who-thrives trait of a role.
type apiTrait struct {
	Text      string `json:"text"`
	Dimension string `json:"dimension"`
	Direction string `json:"direction"`
}

type apiRoleDetail struct {
	Slug             string        `json:"slug"`
	Title            string        `json:"title"`
	Category         string        `json:"category"`
	ONetCode         string        `json:"onet_code"`
	SOCCode          string        `json:"soc_code"`
	OccupationTitle  string        `json:"occupation_title"`
	AlternateTitles  []string      `json:"alternate_titles"`
	Summary          string        `json:"summary"`
	CoreSkills       []string      `json:"core_skills"`
	Related          []string      `json:"related"`
	JobZone          int           `json:"job_zone"`
	Pay              *apiPay       `json:"pay"`
	Employment       *int          `json:"employment"`
	EmploymentSource *roles.Source `json:"employment_source"`
	Outlook          *apiOutlook   `json:"outlook"`
	Education        string        `json:"education"`
	EducationSource  *roles.Source `json:"education_source"`
	RatingsFrom      string        `json:"ratings_from,omitempty"`
	// FiguresFor names the BLS group that pay, employment, outlook and
	// education describe; nil when BLS publishes none of them.
	FiguresFor *roles.FiguresGroup `json:"figures_for"`
	// SetsApart are the skills and work styles whose importance stands
	// furthest above the average occupation's.
	SetsApart []catalog.Standout `json:"sets_apart"`
	// WhoThrives are the role's traits, without the strength matching
	// weighs them by (a tuning figure, not a fact about the work).
	WhoThrives []apiTrait `json:"who_thrives"`
	// Issue 11: how people get there and what the work is like around
	// them, in our words; the catalog requires them of every role.
	HowToBecome     string                 `json:"how_to_become"`
	WorkEnvironment string                 `json:"work_environment"`
	Tags            *roles.Tags            `json:"tags"`
	Experience      string                 `json:"experience"` // BLS, same source as education
	Training        string                 `json:"training"`
	EducationLevels *roles.EducationLevels `json:"education_levels"`
}

// apiRole returns one role with the exact source figures of its occupation.
func (s *Server) apiRole(c echo.Context) error {
	p, err := s.db.Role(c.Request().Context(), c.Param("slug"))
	if errors.Is(err, store.ErrNotFound) {
		return problem(c, http.StatusNotFound, "No role with that slug.", nil)
	}
	if err != nil {
		return err
	}
	o := p.Occupation
	d := apiRoleDetail{Slug: p.Role.Slug, Title: p.Role.Title, Category: p.Role.Category, ONetCode: o.ONetCode,
		SOCCode: o.SOCCode, OccupationTitle: o.Title, AlternateTitles: p.Role.AlternateTitles, Summary: p.Role.Summary,
		CoreSkills: p.Role.CoreSkills, Related: []string{}, JobZone: o.JobZone, Employment: o.Employment,
		EmploymentSource: o.EmploymentSource, RatingsFrom: o.RatingsFrom,
		HowToBecome: p.Role.HowToBecome, WorkEnvironment: p.Role.WorkEnvironment, EducationLevels: o.EducationLevels}
	if t := p.Role.Tags; !t.IsZero() {
		if t.Hazards == nil {
			t.Hazards = []string{} // "no hazards" is an empty list, never null
		}
		d.Tags = &t
	}
	for _, r := range p.Related {
		d.Related = append(d.Related, r.Slug)
	}
	d.WhoThrives = make([]apiTrait, 0, len(p.Role.Traits))
	for _, t := range p.Role.Traits {
		d.WhoThrives = append(d.WhoThrives, apiTrait{Text: t.Text, Dimension: t.Dimension, Direction: t.Direction})
	}
	if g, ok := roles.FiguresFor(o); ok {
		d.FiguresFor = &g
	}
	d.SetsApart = catalog.Standouts(o, s.cat.Elements, s.cat.Norms, 3)
	for i := range d.SetsApart {
		d.SetsApart[i].Z = math.Round(d.SetsApart[i].Z*100) / 100
	}
	if pay := o.Pay; pay != nil {
		d.Pay = &apiPay{Median: pay.Median.Value, P10: pay.P10.Value, P25: pay.P25.Value, P75: pay.P75.Value, P90: pay.P90.Value,
			Year: pay.Year, Source: pay.Source}
		names := []string{"p10", "p25", "median", "p75", "p90"}
		for i, w := range []roles.Wage{pay.P10, pay.P25, pay.Median, pay.P75, pay.P90} {
			if w.AtLeast {
				d.Pay.TopCoded = append(d.Pay.TopCoded, names[i])
			}
		}
	}
	if ol := o.Outlook; ol != nil {
		d.Outlook = &apiOutlook{PercentChange: ol.PercentChange, From: ol.From, To: ol.To, EmploymentFrom: ol.Employment2024,
			EmploymentTo: ol.Employment2034, Openings: ol.Openings, Source: ol.Source}
		d.Education, d.Experience, d.Training = ol.Education, ol.Experience, ol.Training
		src := ol.Source
		d.EducationSource = &src
	}
	return c.JSON(http.StatusOK, d)
}
