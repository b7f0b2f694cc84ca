package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
)

type apiDimension struct {
	ID           string   `json:"id"`
	Name         string   `json:"name"`
	Group        string   `json:"group"`
	ONetElements []string `json:"onet_elements"`
}

func (s *Server) apiDimensions(c echo.Context) error {
	out := make([]apiDimension, 0, len(s.bank.Dimensions))
	for _, d := range s.bank.Dimensions {
		out = append(out, apiDimension{ID: d.ID, Name: d.Name, Group: string(d.Group), ONetElements: d.ONetElements})
	}
	return c.JSON(http.StatusOK, map[string]any{"dimensions": out})
}

type apiQuestion struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	Section   int    `json:"section"`
	Dimension string `json:"dimension"`
	Reverse   bool   `json:"reverse"`
}

type apiScale struct {
	Min    int      `json:"min"`
	Max    int      `json:"max"`
	Labels []string `json:"labels"`
}

func (s *Server) apiQuestions(c echo.Context) error {
	out := make([]apiQuestion, 0, len(s.bank.Questions))
	for _, q := range s.bank.Questions {
		out = append(out, apiQuestion{ID: q.ID, Text: q.Text, Section: q.Section, Dimension: q.Dimension, Reverse: q.Reverse})
	}
	return c.JSON(http.StatusOK, map[string]any{"scale": apiScale{Min: 1, Max: len(s.bank.Scale), Labels: s.bank.Scale}, "questions": out})
}

// apiExplained is how many of the first matches the API explains: the
// rest carry empty reasons. Explaining all of a full import's 900+ roles
// tripled the answer's size for matches nobody reads.
const apiExplained = 25

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// readJSONBody reads a request body that must be JSON. When it is not
// (415), or cannot be read (over the body limit: 413), it answers with the
// problem and returns ok false with what the handler should return.
func readJSONBody(c echo.Context) (body []byte, ok bool, err error) {
	mt, _, err := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	if err != nil || mt != echo.MIMEApplicationJSON {
		return nil, false, problem(c, http.StatusUnsupportedMediaType, "Send the answers as application/json.", nil)
	}
	body, err = io.ReadAll(c.Request().Body)
	if err != nil {
		var he *echo.HTTPError
		if errors.As(err, &he) {
			return nil, false, problem(c, he.Code, defaultMessage(he.Code), nil)
		}
		return nil, false, problem(c, http.StatusBadRequest, "The request body could not be read.", nil)
	}
	return body, true, nil
}

// apiAssessmentCreate scores and saves a complete set of answers.
func (s *Server) apiAssessmentCreate(c echo.Context) error {
	body, ok, err := readJSONBody(c)
	if !ok {
		return err
	}
	var in struct {
		Answers map[string]json.RawMessage `json:"answers"`
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil || dec.More() {
		return problem(c, http.StatusBadRequest, `The body is not valid JSON of the form {"answers":{"<question id>":1..5}}.`, nil)
	}
	if in.Answers == nil {
		return problem(c, http.StatusUnprocessableEntity, `The body has no "answers" object.`, nil)
	}
	f := answersForm{Answers: make(map[string]int, len(in.Answers))}
	errs := map[string]string{}
	for id, raw := range in.Answers {
		n, ok := jsonInt(raw)
		if !ok {
			errs[id] = "must be a whole number from 1 to 5"
			continue
		}
		f.Answers[id] = n
	}
	if !f.valid(s.questions) {
		if err := s.validate.Struct(f); err != nil {
			for id, msg := range fieldErrors(err) {
				if msg == msgUnknown {
					errs[id] = "is not a question id"
				} else {
					errs[id] = "must be a whole number from 1 to 5"
				}
			}
		}
	}
	for _, q := range s.bank.Questions {
		if _, ok := in.Answers[q.ID]; !ok {
			errs[q.ID] = "is missing: every question needs an answer"
		}
	}
	if len(errs) > 0 {
		return problem(c, http.StatusUnprocessableEntity, describeErrors(errs), errs)
	}
	ev, err := s.saveResult(c, f.Answers, 0) // the API cannot see how fast anyone answered
	if err != nil {
		return err
	}
	privatePage(c) // the answer holds the private id and the full result
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/assessments/"+ev.Result.ID)
	return s.sendAssessment(c, http.StatusCreated, ev)
}

// jsonInt reads a JSON value as json.Unmarshal into an int would: a
// number without fraction or exponent that fits, or null (which leaves
// the int 0); anything else fails. raw is one value the decoder has
// already checked, so it is valid JSON. Unmarshal itself, run for each of
// 60 answers, was a tenth of a submission's CPU.
func jsonInt(raw []byte) (int, bool) {
	s := strings.Trim(string(raw), " \t\r\n")
	if s == "null" {
		return 0, true
	}
	if s == "" || s[0] != '-' && (s[0] < '0' || s[0] > '9') || strings.ContainsAny(s, ".eE") {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

func describeErrors(errs map[string]string) string {
	ids := make([]string, 0, len(errs))
	for id := range errs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	if len(ids) > 5 {
		return fmt.Sprintf("%d answers need fixing, first %s %s.", len(ids), ids[0], errs[ids[0]])
	}
	msg := ""
	for i, id := range ids {
		if i > 0 {
			msg += "; "
		}
		msg += id + " " + errs[id]
	}
	return "Some answers need fixing: " + msg + "."
}

// apiAssessmentShow returns a saved result to whoever holds its id.
func (s *Server) apiAssessmentShow(c echo.Context) error {
	ev, err := s.loadEvaluation(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	privatePage(c)
	return s.sendAssessment(c, http.StatusOK, ev)
}
