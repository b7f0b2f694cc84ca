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
	Tags       []tagRow     // the work environment tags, spelled out; nil without tags
	figuresView
}

// figuresView is an occupation's BLS figures formatted for reading, shared
// by role and occupation pages.
type figuresView struct {
	Pay        payView
	Outlook    outlookView
	Employment string
	Education  string
	Sources    []string
	Prep       preparationView
}

type payView struct {
	Median, Low, High string
	Year              int
	HasRange          bool
	Text              string // the range bar's text equivalent
	Bar               barGeometry
}

// barGeometry places the 10th, median and 90th percentile on a 600-unit
// axis running from $0 to a fixed top, so bars compare across roles.
type barGeometry struct{ X10, XMed, X90, Width int }

const barTop = 250000

type outlookView struct {
	Change   string
	To       int
	Versus   string
	Sentence string
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
		Tags: tagRows(p.Role.Tags), figuresView: newFigures(p.Occupation)}
}

func newFigures(o roles.Occupation) figuresView {
	v := figuresView{Employment: "not published", Education: "not published", Prep: newPreparation(o)}
	if pay := o.Pay; pay != nil {
		v.Pay = payView{Median: wageK(pay.Median), Low: wageK(pay.P10), High: wageK(pay.P90), Year: pay.Year}
		if pay.P10.Value != nil && pay.Median.Value != nil && pay.P90.Value != nil {
			v.Pay.HasRange = true
			x := func(w int) int { return min(600, w*600/barTop) }
			v.Pay.Bar = barGeometry{X10: x(*pay.P10.Value), XMed: x(*pay.Median.Value), X90: x(*pay.P90.Value)}
			v.Pay.Bar.Width = v.Pay.Bar.X90 - v.Pay.Bar.X10
			v.Pay.Text = fmt.Sprintf("Half of %s earn more than %s a year and half earn less. One in ten earns less than %s and one in ten earns more than %s (%d figures).",
				o.Title, wageFull(pay.Median), wageFull(pay.P10), wageFull(pay.P90), pay.Year)
		} else if pay.Median.Value != nil {
			v.Pay.Text = fmt.Sprintf("The median annual wage of %s is %s; BLS does not publish a full annual range for this occupation.", o.Title, wageFull(pay.Median))
		} else {
			v.Pay.Text = fmt.Sprintf("BLS publishes only hourly wages for %s, because many of them do not work year-round, full-time schedules; it gives no annual figures.", o.Title)
		}
		v.Sources = append(v.Sources, sourceLine("Pay", pay.Source))
	}
	if o.Employment != nil {
		v.Employment = thousands(*o.Employment)
		if o.EmploymentSource != nil {
			v.Sources = append(v.Sources, sourceLine("Employment", *o.EmploymentSource))
		}
	}
	if ol := o.Outlook; ol != nil {
		v.Education = ol.Education
		v.Outlook = outlookView{Change: percent(ol.PercentChange), To: ol.To, Versus: fmt.Sprintf("%d to %d", ol.From, ol.To)}
		v.Outlook.Sentence = fmt.Sprintf("BLS projects employment of %s to change by %s from %d to %d, from about %s to %s jobs (including self-employed), with about %s openings a year from growth and from people leaving the occupation.",
			o.Title, percent(ol.PercentChange), ol.From, ol.To, thousands(int(ol.Employment2024*1000)), thousands(int(ol.Employment2034*1000)), thousands(int(ol.Openings*1000)))
		v.Sources = append(v.Sources, sourceLine("Outlook, education, experience and training", ol.Source))
	}
	if el := o.EducationLevels; el != nil {
		v.Sources = append(v.Sources, fmt.Sprintf("Education survey: %s, %s, O*NET-SOC %s.", el.Source.Name, el.Source.Release, el.Source.SOCCode))
	}
	if o.RatingsFrom != "" {
		v.Sources = append(v.Sources, fmt.Sprintf("O*NET 29.3 has no skill or work-style ratings for this occupation yet; the core skills and the fit profile use those of its closest rated relative, O*NET-SOC %s.", o.RatingsFrom))
	}
	return v
}

func sourceLine(what string, src roles.Source) string {
	s := fmt.Sprintf("%s: %s, %s, SOC %s", what, src.Name, src.Release, src.SOCCode)
	if src.Level != "" && src.Level != "detailed" {
		s += fmt.Sprintf(" (%s, which BLS publishes in place of the detailed occupation)", src.SOCTitle)
	}
	return s + "."
}
