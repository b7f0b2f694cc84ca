package server

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"rolefit/internal/roles"
	"rolefit/internal/search"
)

// searchLimit caps how many hits a search page or API call returns.
const searchLimit = 50

type searchView struct {
	Query   string
	Hits    []searchHitView
	Toolong bool
	// Corrected is the query as understood when a word was taken for a
	// typo; Suggestions are queries to try when nothing matched, beside
	// the Categories to browse.
	Corrected   string
	Suggestions []string
	Categories  []roles.Category
}

type searchHitView struct {
	Href, Title, Summary string
	Matched              string // the alternate title that matched, if not the title
	DataOnly             bool
}

func (s *Server) searchShow(c echo.Context) error {
	q := queryText(c)
	v := searchView{Query: q}
	status := http.StatusOK
	if len(q) > search.MaxQueryLen {
		v.Toolong = true
		status = http.StatusBadRequest
	} else if q != "" {
		ix, err := s.searchIndex(c.Request().Context())
		if err != nil {
			return err
		}
		r := ix.Search(q, searchLimit)
		for _, h := range r.Hits {
			hv := searchHitView{Href: "/roles/" + h.Key, Title: h.Title, Summary: h.Summary, Matched: h.Matched}
			if h.Kind == search.KindOccupation {
				hv.Href, hv.DataOnly = "/occupations/"+h.Key, true
			}
			v.Hits = append(v.Hits, hv)
		}
		v.Corrected, v.Suggestions = r.Corrected, r.Suggestions
		if len(r.Hits) == 0 {
			v.Categories = s.cat.Categories
		}
	}
	title := "Search careers"
	if q != "" {
		title = "Search: " + q
	}
	return s.render(c, status, "search", pageData{Title: title, Description: "Find a career by title or keyword.", Section: "search", Data: v})
}

// queryText is the q parameter, trimmed and made valid UTF-8: the page
// echoes it, and a page must never carry invalid bytes.
func queryText(c echo.Context) string {
	return strings.ToValidUTF8(strings.TrimSpace(c.QueryParam("q")), "\uFFFD")
}
