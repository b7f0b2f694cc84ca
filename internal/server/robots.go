package server

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// robotsTxt keeps crawlers out of the quiz, private results and the API.
// Private pages also say noindex themselves (privatePage), for crawlers
// that reach them through a shared link and ignore this file.
const robotsTxt = `User-agent: *
Disallow: /quiz
Disallow: /results/
Disallow: /api/
`

func (s *Server) robots(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "public, max-age=86400")
	return c.String(http.StatusOK, robotsTxt)
}

// privatePage marks a response that belongs to one person (a result, its
// download, its API form): never stored by a cache, never indexed.
func privatePage(c echo.Context) {
	noStore(c)
	c.Response().Header().Set("X-Robots-Tag", "noindex, nofollow, noarchive")
}
