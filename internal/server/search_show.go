package server

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"rolefit/internal/store"
)

// searchLimit caps how many hits a search page or API call returns.
const searchLimit = 50

type searchView struct {
	Query   string
	Hits    []searchHitView
	Toolong bool
}

type searchHitView struct {
	Href, Title, Summary string
	DataOnly             bool
}

func (s *Server) searchShow(c echo.Context) error {
	q := queryText(c)
	v := searchView{Query: q}
	status := http.StatusOK
	if len(q) > store.MaxQueryLen {
		v.Toolong = true
		status = http.StatusBadRequest
	} else if q != "" {
		hits, err := s.db.Search(c.Request().Context(), q, searchLimit)
		if err != nil {
			return err
		}
		for _, h := range hits {
			hv := searchHitView{Href: "/roles/" + h.Key, Title: h.Title, Summary: h.Summary}
			if h.Kind == "occupation" {
				hv.Href, hv.DataOnly = "/occupations/"+h.Key, true
			}
			v.Hits = append(v.Hits, hv)
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
