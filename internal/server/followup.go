package server

import (
	"net/http"
	"net/url"
	"slices"

	"github.com/labstack/echo/v4"

	"rolefit/internal/assessment"
)

// Follow-up questions: after the core questionnaire, when the top matches
// include roles the core statements cannot separate, the person is asked up
// to assessment.MaxFollowUps this-or-that questions, one page each, chosen
// by matching. Answers are saved with the result as they are given, so they
// survive a refresh, Back and a return days later; the person can skip the
// rest at any point, and change an answer they gave.

// followUpView is one follow-up page.
type followUpView struct {
	ID       string // the result's id
	Question assessment.FollowUp
	Chosen   string // the option to show selected
	Number   int    // this question's place among those answered so far, from 1
	Max      int
	Answered []answeredFollowUp
	Error    string
	Changing bool // an answer given earlier, opened to change it
}

// answeredFollowUp is one follow-up answered so far: the question's id and
// text, and the chosen option's id and text.
type answeredFollowUp struct {
	ID, Text, Option, Choice string
}

func (s *Server) followUpPath(id string) string { return "/results/" + id + "/follow-up" }

// followUpShow shows the next follow-up question, or the one named by ?q=
// when it has been answered (to change it); with nothing left to ask it
// goes on to the results.
func (s *Server) followUpShow(c echo.Context) error {
	noStore(c)
	ev, err := s.loadEvaluation(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	v := s.followUpViewOf(ev)
	if q, ok := s.bank.FollowUps.Question(c.QueryParam("q")); ok && v.answered(q.ID) != "" {
		v.Question, v.Chosen, v.Changing = q, v.answered(q.ID), true
	} else if ev.Next != nil {
		v.Question = *ev.Next
	} else {
		return c.Redirect(http.StatusSeeOther, "/results/"+ev.Result.ID+"#matches-h")
	}
	return s.renderFollowUp(c, http.StatusOK, v)
}

// followUpSave saves one follow-up answer, or skips the rest.
func (s *Server) followUpSave(c echo.Context) error {
	noStore(c)
	ctx := c.Request().Context()
	ev, err := s.loadEvaluation(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	results := "/results/" + ev.Result.ID + "#matches-h"
	if c.FormValue("nav") == "skip" {
		return c.Redirect(http.StatusSeeOther, results)
	}
	q, ok := s.bank.FollowUps.Question(c.FormValue("q"))
	if !ok {
		return echo.NewHTTPError(http.StatusBadRequest, "That question is not one of ours. Go back to your results and try again.")
	}
	choice := c.FormValue("choice")
	if !slices.ContainsFunc(q.Options, func(o assessment.Option) bool { return o.ID == choice }) {
		v := s.followUpViewOf(ev)
		v.Question, v.Changing = q, v.answered(q.ID) != ""
		v.Chosen = v.answered(q.ID)
		v.Error = "Choose one of the answers, or skip the rest of these questions."
		return s.renderFollowUp(c, http.StatusUnprocessableEntity, v)
	}
	stored, err := s.bank.FollowUps.Store(map[string]string{q.ID: choice})
	if err != nil {
		return err
	}
	if err := s.db.AddAnswers(ctx, ev.Result.ID, stored); err != nil {
		return err
	}
	if ev, err = s.loadEvaluation(ctx, ev.Result.ID); err != nil {
		return err
	}
	if ev.Next != nil {
		return c.Redirect(http.StatusSeeOther, s.followUpPath(ev.Result.ID))
	}
	return c.Redirect(http.StatusSeeOther, results)
}

func (s *Server) followUpViewOf(ev *evaluation) followUpView {
	v := followUpView{ID: ev.Result.ID, Max: assessment.MaxFollowUps}
	_, follow := s.bank.FollowUps.Split(ev.Result.Answers)
	for _, q := range s.bank.FollowUps.Questions { // bank order: stable
		if choice, ok := follow[q.ID]; ok {
			for _, o := range q.Options {
				if o.ID == choice {
					v.Answered = append(v.Answered, answeredFollowUp{ID: q.ID, Text: q.Text, Option: o.ID, Choice: o.Text})
				}
			}
		}
	}
	v.Number = len(v.Answered) + 1
	return v
}

// answered returns the option chosen for follow-up id, or "".
func (v followUpView) answered(id string) string {
	for _, a := range v.Answered {
		if a.ID == id {
			return a.Option
		}
	}
	return ""
}

func (s *Server) renderFollowUp(c echo.Context, status int, v followUpView) error {
	if v.Changing {
		for i, a := range v.Answered {
			if a.ID == v.Question.ID {
				v.Number = i + 1
			}
		}
	}
	return s.render(c, status, "followup", pageData{Title: "A few quick questions", Section: "quiz", Data: v,
		Description: "Questions that tell apart the careers closest to your answers."})
}

// refineLink is the results page's link to the follow-ups, "" when there
// is nothing worth asking.
func (s *Server) refineLink(ev *evaluation) string {
	if ev.Next == nil {
		return ""
	}
	return s.followUpPath(url.PathEscape(ev.Result.ID))
}
