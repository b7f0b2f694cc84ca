package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"

	"rolefit/internal/assessment"
)

// apiFollowUp is a follow-up question as the API gives it.
type apiFollowUp struct {
	ID      string      `json:"id"`
	Text    string      `json:"text"`
	Options []apiOption `json:"options"`
}

type apiOption struct {
	ID      string      `json:"id"`
	Text    string      `json:"text"`
	Signals []apiSignal `json:"signals"`
}

// apiSignal says which way choosing an option points: high or low on a
// questionnaire dimension or a follow-up scale.
type apiSignal struct {
	Dimension string `json:"dimension"`
	Direction string `json:"direction"`
}

func newAPIFollowUp(q assessment.FollowUp) apiFollowUp {
	out := apiFollowUp{ID: q.ID, Text: q.Text}
	for _, o := range q.Options {
		ao := apiOption{ID: o.ID, Text: o.Text}
		for _, sg := range o.Signals {
			ao.Signals = append(ao.Signals, apiSignal{Dimension: sg.Dimension, Direction: sg.Direction})
		}
		out.Options = append(out.Options, ao)
	}
	return out
}

// apiFollowUpsAnswer saves follow-up answers ({"answers":{"<follow-up
// id>":"<option id>"}}) with a result and returns the updated result, in
// the shape of the create call.
func (s *Server) apiFollowUpsAnswer(c echo.Context) error {
	body, ok, err := readJSONBody(c)
	if !ok {
		return err
	}
	var in struct {
		Answers map[string]string `json:"answers"`
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil || dec.More() {
		return problem(c, http.StatusBadRequest, `The body is not valid JSON of the form {"answers":{"<follow-up id>":"<option id>"}}.`, nil)
	}
	if len(in.Answers) == 0 {
		return problem(c, http.StatusUnprocessableEntity, `The body has no follow-up answers in "answers".`, nil)
	}
	errs := map[string]string{}
	for id, choice := range in.Answers {
		q, ok := s.bank.FollowUps.Question(id)
		switch {
		case !ok:
			errs[id] = "is not a follow-up question id"
		case !slices.ContainsFunc(q.Options, func(o assessment.Option) bool { return o.ID == choice }):
			errs[id] = "must be the id of one of its options"
		}
	}
	if len(errs) > 0 {
		return problem(c, http.StatusUnprocessableEntity, describeErrors(errs), errs)
	}
	ctx := c.Request().Context()
	stored, err := s.bank.FollowUps.Store(in.Answers)
	if err != nil {
		return err
	}
	if err := s.db.AddAnswers(ctx, c.Param("id"), stored); err != nil {
		return err
	}
	ev, err := s.loadEvaluation(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	privatePage(c)
	return s.sendAssessment(c, http.StatusOK, ev)
}
