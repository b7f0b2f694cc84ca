package server

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"rolefit/internal/store"
)

// sessionRetake is the id of the result a retake started from: the quiz
// pages say the answers are that result's, and that it stays.
const sessionRetake = "retake"

// deleteView is the delete confirmation page's data.
type deleteView struct {
	ID, Created string
	Shortlisted int
}

// resultDeleteConfirm asks whether to delete a result, on a page of its
// own: the form that deletes is there, behind the question.
func (s *Server) resultDeleteConfirm(c echo.Context) error {
	privatePage(c)
	r, err := s.db.Result(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "result_delete", pageData{Title: "Delete this result?", Section: "quiz",
		Description: "Confirm that you want to delete your result.",
		Data:        deleteView{ID: r.ID, Created: r.CreatedAt.Format("2 January 2006"), Shortlisted: len(r.Shortlist)}})
}

// resultRetake starts a new quiz from a result's answers, which the person
// can change; the result itself stays at its link. Follow-up answers are
// not carried over: they are asked again from the new answers.
func (s *Server) resultRetake(c echo.Context) error {
	r, err := s.db.Result(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	sess := s.session(c)
	answers := map[string]int{}
	for id, v := range r.Answers {
		if s.isQuestion(id) && v >= 1 && v <= len(s.bank.Scale) {
			answers[id] = v
		}
	}
	setSessionAnswers(sess, answers)
	carryPace(sess, len(s.bank.Sections), r.FastPages)
	sess.Values[sessionRetake] = r.ID
	if err := s.saveSession(c, sess); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/quiz/1")
}

// retakeOf is the result the quiz in the session started from, if any.
func (s *Server) retakeOf(c echo.Context) string {
	id, _ := s.session(c).Values[sessionRetake].(string)
	if !store.ValidResultID(id) {
		return ""
	}
	return id
}

// shortlistFullView is the page a star past the limit gets: the shortlist,
// each with a button that swaps it for the role starred.
type shortlistFullView struct {
	ID        string
	New       target
	Shortlist []shortlistItem
	Max       int
	Query     string // the results page's state, kept through the swap
	From      string
	Back      string // where "keep it as it is" goes
}

// resultShortlist stars a role on a result's shortlist, takes it off
// ("remove"), or swaps another off for it ("replace"). It comes back to
// the place the star was: the card on the results page, with its filters,
// or the role's profile ("from" role). A star past the limit gets a page
// that says so and offers a swap; nothing is lost.
func (s *Server) resultShortlist(c echo.Context) error {
	id, slug, replace := c.Param("id"), c.FormValue("slug"), c.FormValue("replace")
	t, ok := s.targets[slug]
	if _, known := s.targets[replace]; !ok || (replace != "" && !known) {
		return echo.NewHTTPError(http.StatusBadRequest, "That career is not in your results.")
	}
	back := s.backTo(id, c.FormValue("query"), "m-"+slug)
	from := ""
	if c.FormValue("from") == "role" && t.IsRole {
		from, back = "role", t.Href+"#shortlist-box"
	}
	err := s.db.SetShortlisted(c.Request().Context(), id, slug, c.FormValue("remove") == "", replace)
	if !errors.Is(err, store.ErrShortlistFull) {
		if err != nil {
			return err
		}
		return c.Redirect(http.StatusSeeOther, back)
	}
	ev, err := s.loadEvaluation(c.Request().Context(), id)
	if err != nil {
		return err
	}
	privatePage(c)
	v := shortlistFullView{ID: id, New: t, Shortlist: s.shortlistItems(ev), Max: store.ShortlistMax,
		Query: c.FormValue("query"), From: from, Back: back}
	return s.render(c, http.StatusConflict, "shortlist_full", pageData{Title: "Your shortlist is full", Section: "quiz",
		Description: "Swap a career on your shortlist, or keep it as it is.", Data: v})
}
