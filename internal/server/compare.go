package server

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"rolefit/internal/store"
)

// compareMin and compareMax bound how many roles compare shows side by
// side: fewer is not a comparison, more do not fit beside each other.
const compareMin, compareMax = 2, 4

// compareAsked bounds the slugs one request may name, so a long query
// cannot make the page look up hundreds of roles.
const compareAsked = 12

// compareRole is one column of the comparison.
type compareRole struct {
	Slug, Title, Href string
	Fit               int
	Band, BandKey     string
	Preparation       string
	CoreSkills        []string
	Thrives           []thriveView
	figuresView
}

// optgroup is a labelled group of a select's options.
type optgroup struct {
	Label   string
	Options []option
}

type compareView struct {
	Roles    []compareRole
	Problems []string   // what is wrong with the roles asked for; nil when fine
	Picked   []option   // the known roles asked for, kept in the form
	All      []optgroup // every role, for "Add a career"
	ResultID string     // the reader's result, when the fit row is shown
	Min, Max int
}

// compareSlugs reads the roles asked for: "roles" may be repeated (a form)
// and each value may list slugs separated by commas (a link). Empty ones
// and repeats are dropped, the order kept.
func compareSlugs(q url.Values) []string {
	var out []string
	for _, v := range q["roles"] {
		for _, slug := range strings.Split(v, ",") {
			slug = strings.TrimSpace(slug)
			if slug != "" && len(slug) <= 100 && !slices.Contains(out, slug) && len(out) < compareAsked {
				out = append(out, slug)
			}
		}
	}
	return out
}

// compareShow shows 2 to 4 roles side by side. Without roles it is the
// page to choose them; an unknown role (404) or too few or too many (400)
// get a message and the form with the known roles still chosen.
func (s *Server) compareShow(c echo.Context) error {
	slugs := compareSlugs(c.QueryParams())
	v := compareView{All: s.roleChoices(""), Min: compareMin, Max: compareMax}
	var unknown []string
	for _, slug := range slugs {
		r, ok := s.cat.Role(slug)
		if !ok {
			unknown = append(unknown, slug)
			continue
		}
		v.Picked = append(v.Picked, option{Value: r.Slug, Label: r.Title, Selected: true})
	}
	status := http.StatusOK
	for _, slug := range unknown {
		v.Problems = append(v.Problems, fmt.Sprintf("We have no career with the address “%s”.", slug))
		status = http.StatusNotFound
	}
	if n := len(v.Picked); len(slugs) > 0 && (n < compareMin || n > compareMax) {
		v.Problems = append(v.Problems, fmt.Sprintf("Choose %d to %d careers to compare; %s.", compareMin, compareMax, chosenCount(n)))
		if status == http.StatusOK {
			status = http.StatusBadRequest
		}
	}
	title := "Compare careers"
	if status == http.StatusOK && len(v.Picked) > 0 {
		ev := s.currentEvaluation(c)
		if ev != nil {
			v.ResultID = ev.Result.ID
			noStore(c)
		}
		for _, p := range v.Picked {
			col, err := s.compareRole(c, p.Value, ev)
			if err != nil {
				return err
			}
			v.Roles = append(v.Roles, col)
		}
		var names []string
		for _, r := range v.Roles {
			names = append(names, r.Title)
		}
		title = "Compare " + strings.Join(names, ", ")
	}
	if status != http.StatusOK {
		title = "Check your choice: compare careers"
	}
	return s.render(c, status, "compare", pageData{Title: title, Section: "roles",
		Description: "Careers side by side: pay, growth, education, preparation, core skills and who thrives.", Data: v})
}

func chosenCount(n int) string {
	switch n {
	case 0:
		return "none of the careers asked for is ours"
	case 1:
		return "you chose 1"
	}
	return fmt.Sprintf("you chose %d", n)
}

// compareRole loads one column; with ev, the reader's fit.
func (s *Server) compareRole(c echo.Context, slug string, ev *evaluation) (compareRole, error) {
	p, err := s.db.Role(c.Request().Context(), slug)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return compareRole{}, echo.ErrNotFound
		}
		return compareRole{}, err
	}
	col := compareRole{Slug: slug, Title: p.Role.Title, Href: "/roles/" + slug, Preparation: preparation(p.Occupation.JobZone),
		CoreSkills: p.Role.CoreSkills, Thrives: s.thrives(p.Role.Traits, nil), figuresView: newFigures(p.Occupation, p.Role.Title)}
	if ev != nil {
		for _, m := range ev.Ranking.Matches {
			if m.Slug == slug {
				col.Fit, col.Band, col.BandKey = m.Fit, m.Band().Label(), string(m.Band())
			}
		}
	}
	return col, nil
}

// roleChoices groups every role by category for a select, leaving out
// skip.
func (s *Server) roleChoices(skip string) []optgroup {
	var out []optgroup
	for _, cat := range s.cat.Categories {
		g := optgroup{Label: cat.Name}
		for _, r := range s.cat.Roles {
			if r.Category == cat.Slug && r.Slug != skip {
				g.Options = append(g.Options, option{Value: r.Slug, Label: r.Title})
			}
		}
		if len(g.Options) > 0 {
			slices.SortFunc(g.Options, func(a, b option) int { return strings.Compare(a.Label, b.Label) })
			out = append(out, g)
		}
	}
	return out
}

// compareURL links to the comparison of the first compareMax of slugs that
// are written roles; "" when fewer than compareMin are.
func (s *Server) compareURL(slugs []string) string {
	var keep []string
	for _, slug := range slugs {
		if t, ok := s.targets[slug]; ok && t.IsRole && len(keep) < compareMax {
			keep = append(keep, slug)
		}
	}
	if len(keep) < compareMin {
		return ""
	}
	return "/compare?roles=" + strings.Join(keep, ",")
}
