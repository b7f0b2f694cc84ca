package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"rolefit/internal/store"
)

type homeView struct {
	Flash      string
	RoleCount  int
	Categories []store.CategoryCount
}

func (s *Server) home(c echo.Context) error {
	cats, err := s.db.Categories(c.Request().Context())
	if err != nil {
		return err
	}
	v := homeView{Categories: cats}
	if sess := s.session(c); sess.Values[sessionFlash] != nil {
		v.Flash = takeFlash(sess)
		if err := s.saveSession(c, sess); err != nil {
			return err
		}
		noStore(c)
	}
	for _, cat := range cats {
		v.RoleCount += cat.Count
	}
	return s.render(c, http.StatusOK, "home", pageData{Title: "Find work that fits you",
		Description: "A short, private strengths quiz that ranks careers by fit and explains why.", Data: v})
}

func (s *Server) about(c echo.Context) error {
	return s.render(c, http.StatusOK, "about", pageData{Title: "About Rolefit and its data",
		Description: "Where Rolefit's figures come from and how it treats your answers.", Section: "about", Data: s.cat.Release})
}
