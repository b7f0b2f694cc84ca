package server

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"rolefit/internal/roles"
	"rolefit/internal/store"
)

type apiRoleItem struct {
	Slug     string `json:"slug"`
	Title    string `json:"title"`
	Category string `json:"category"`
	ONetCode string `json:"onet_code"`
	SOCCode  string `json:"soc_code"`
}

// apiRoles lists roles, optionally filtered by category and searched with
// q (then in rank order, best first).
func (s *Server) apiRoles(c echo.Context) error {
	ctx := c.Request().Context()
	q := queryText(c)
	cat := c.QueryParam("category")
	if cat != "" {
		if _, ok := s.cat.Category(cat); !ok {
			return problem(c, http.StatusNotFound, "No category "+cat+".", nil)
		}
	}
	if len(q) > store.MaxQueryLen {
		return problem(c, http.StatusBadRequest, "The query is longer than 200 characters.", nil)
	}
	list, err := s.db.RoleSummaries(ctx, store.RoleFilter{Category: cat})
	if err != nil {
		return err
	}
	bySlug := make(map[string]store.RoleSummary, len(list))
	for _, r := range list {
		bySlug[r.Slug] = r
	}
	out := []apiRoleItem{}
	item := func(r store.RoleSummary) apiRoleItem {
		return apiRoleItem{Slug: r.Slug, Title: r.Title, Category: r.Category, ONetCode: r.ONetCode, SOCCode: r.SOCCode}
	}
	if q == "" {
		for _, r := range list {
			out = append(out, item(r))
		}
	} else {
		hits, err := s.db.Search(ctx, q, searchLimit)
		if err != nil {
			return err
		}
		for _, h := range hits {
			if r, ok := bySlug[h.Key]; ok && h.Kind == "role" {
				out = append(out, item(r))
			}
		}
	}
	return c.JSON(http.StatusOK, map[string]any{"roles": out})
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
		EmploymentSource: o.EmploymentSource, RatingsFrom: o.RatingsFrom}
	for _, r := range p.Related {
		d.Related = append(d.Related, r.Slug)
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
		d.Education = ol.Education
		src := ol.Source
		d.EducationSource = &src
	}
	return c.JSON(http.StatusOK, d)
}
