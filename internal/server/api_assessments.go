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

type apiFlag struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

type apiProfileEntry struct {
	Dimension string  `json:"dimension"`
	Name      string  `json:"name"`
	Group     string  `json:"group"`
	Score     float64 `json:"score"` // mean answer, 1–5
	Z         float64 `json:"z"`
}

type apiMatch struct {
	Slug     string     `json:"slug"`
	Title    string     `json:"title"`
	URL      string     `json:"url"`
	Category string     `json:"category"`
	JobZone  int        `json:"job_zone"`
	Fit      int        `json:"fit"`
	Band     string     `json:"band"`
	Tier     int        `json:"tier"`
	Reasons  []apiPoint `json:"reasons"`
	Stretch  []apiPoint `json:"stretch"`
	Mismatch *apiPoint  `json:"mismatch,omitempty"`
	RoleCode string     `json:"riasec"`
}

// apiPoint is one explanation point: the dimension it is about, the
// sentence, and the person's and the role's levels on the common 1–5 scale.
type apiPoint struct {
	Dimension string  `json:"dimension"`
	Text      string  `json:"text"`
	You       float64 `json:"you"`
	Role      float64 `json:"role"`
}

func apiPoints(ps []pointView) []apiPoint {
	out := make([]apiPoint, 0, len(ps))
	for _, p := range ps {
		out = append(out, apiPoint{Dimension: p.Dimension, Text: p.Text, You: round2(p.You), Role: round2(p.Role)})
	}
	return out
}

type apiAssessment struct {
	ID            string            `json:"id"`
	URL           string            `json:"url"`
	Created       string            `json:"created"`
	Code          string            `json:"riasec"`
	LowConfidence bool              `json:"low_confidence"`
	Flags         []apiFlag         `json:"flags"`
	Profile       []apiProfileEntry `json:"profile"`
	Hidden        []string          `json:"hidden"`
	Matches       []apiMatch        `json:"matches"`
	// FollowUps holds the follow-up question worth answering next (at most
	// one: each answer changes which question is worth asking after it),
	// empty when the order of the closest matches is settled.
	FollowUps       []apiFollowUp     `json:"follow_ups"`
	FollowUpAnswers map[string]string `json:"follow_up_answers"`
}

// apiExplained is how many of the first matches the API explains: the
// rest carry empty reasons. Explaining all of a full import's 900+ roles
// tripled the answer's size for matches nobody reads.
const apiExplained = 25

func (s *Server) assessmentJSON(ev *evaluation) apiAssessment {
	out := apiAssessment{ID: ev.Result.ID, URL: "/results/" + ev.Result.ID, Created: ev.Result.CreatedAt.Format("2006-01-02T15:04:05Z07:00"),
		Code: ev.Score.Code, LowConfidence: ev.Ranking.LowConfidence, Flags: []apiFlag{}, Hidden: ev.Result.Hidden,
		Matches: make([]apiMatch, 0, len(ev.Ranking.Matches))}
	if out.Hidden == nil {
		out.Hidden = []string{}
	}
	for _, f := range ev.Score.Flags {
		out.Flags = append(out.Flags, apiFlag{Code: string(f.Code), Message: f.Message})
	}
	for i, d := range ev.Score.Dimensions {
		out.Profile = append(out.Profile, apiProfileEntry{Dimension: d.ID, Name: s.bank.Dimensions[i].Name, Group: string(d.Group), Score: round2(d.Mean), Z: round2(d.Z)})
	}
	explain, err := s.index.Explainer(ev.Person)
	for i, m := range ev.Ranking.Matches {
		t := s.targets[m.Slug]
		mv := matchView{target: t}
		if err == nil && i < apiExplained {
			if ex, err := explain(m.Slug); err == nil {
				s.fillExplanation(&mv, ex)
			}
		}
		am := apiMatch{Slug: m.Slug, Title: t.Title, URL: t.Href, Category: t.Category, JobZone: t.JobZone, Fit: m.Fit,
			Band: string(m.Band()), Tier: m.Tier, Reasons: apiPoints(mv.Reasons), Stretch: apiPoints(mv.Stretch), RoleCode: mv.RoleCode}
		if mv.Mismatch != nil {
			am.Mismatch = &apiPoints([]pointView{*mv.Mismatch})[0]
		}
		out.Matches = append(out.Matches, am)
	}
	out.FollowUps, out.FollowUpAnswers = []apiFollowUp{}, map[string]string{}
	if ev.Next != nil {
		out.FollowUps = append(out.FollowUps, newAPIFollowUp(*ev.Next))
	}
	_, out.FollowUpAnswers = s.bank.FollowUps.Split(ev.Result.Answers)
	return out
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// apiAssessmentCreate scores and saves a complete set of answers.
func (s *Server) apiAssessmentCreate(c echo.Context) error {
	mt, _, err := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	if err != nil || mt != echo.MIMEApplicationJSON {
		return problem(c, http.StatusUnsupportedMediaType, "Send the answers as application/json.", nil)
	}
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		var he *echo.HTTPError
		if errors.As(err, &he) {
			return problem(c, he.Code, defaultMessage(he.Code), nil)
		}
		return problem(c, http.StatusBadRequest, "The request body could not be read.", nil)
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
	f := answersForm{Answers: map[string]int{}}
	errs := map[string]string{}
	for id, raw := range in.Answers {
		var n int
		if err := json.Unmarshal(raw, &n); err != nil {
			errs[id] = "must be a whole number from 1 to 5"
			continue
		}
		f.Answers[id] = n
	}
	if err := s.validate.Struct(f); err != nil {
		for id, msg := range fieldErrors(err) {
			if msg == msgUnknown {
				errs[id] = "is not a question id"
			} else {
				errs[id] = "must be a whole number from 1 to 5"
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
	return c.JSON(http.StatusCreated, s.assessmentJSON(ev))
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
	return c.JSON(http.StatusOK, s.assessmentJSON(ev))
}
