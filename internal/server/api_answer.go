package server

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"sync"

	"github.com/labstack/echo/v4"

	"rolefit/internal/matching"
)

// The assessment answer (POST /api/v1/assessments, its follow-ups, GET
// /api/v1/assessments/{id}) lists every role with its fit: 76 KB for the
// catalog's 339 roles. Built as a tree of structs and encoded by reflection
// it was a third of a submission's CPU, so it is written here by hand,
// straight from the evaluation. Its bytes are exactly those encoding/json
// makes of the documented shape (apiAssessment in the tests, which compare
// the two over many results), and what never changes, each role's slug,
// title, link, category and job zone, is encoded once per server, by
// encoding/json itself.

// answerHeads holds, per role of the matching index (in its Profiles'
// order, Match.Role), the start of its object in the answer, up to its
// fit: {"slug":…,"title":…,"url":…,"category":…,"job_zone":N,"fit":
type answerHeads [][]byte

type apiMatchHead struct {
	Slug     string `json:"slug"`
	Title    string `json:"title"`
	URL      string `json:"url"`
	Category string `json:"category"`
	JobZone  int    `json:"job_zone"`
}

func matchHead(slug string, t target) []byte {
	b, _ := json.Marshal(apiMatchHead{Slug: slug, Title: t.Title, URL: t.Href, Category: t.Category, JobZone: t.JobZone}) // strings and an int always encode
	return append(b[:len(b)-1], `,"fit":`...)
}

func newAnswerHeads(ix *matching.Index, targets map[string]target) answerHeads {
	h := make(answerHeads, len(ix.Profiles()))
	for i, p := range ix.Profiles() {
		h[i] = matchHead(p.Slug, targets[p.Slug])
	}
	return h
}

// head returns the start of m's object in the answer.
func (s *Server) head(m matching.Match) []byte {
	if m.Role >= 0 && m.Role < len(s.answerHeads) && s.index.Profiles()[m.Role].Slug == m.Slug {
		return s.answerHeads[m.Role]
	}
	return matchHead(m.Slug, s.targets[m.Slug]) // a match from elsewhere than this index's Rank
}

// assessmentAnswer is a result in the API's shape, for c.JSON: it encodes
// itself. sendAssessment writes the same bytes without encoding/json's
// second pass over them.
type assessmentAnswer struct {
	s  *Server
	ev *evaluation
}

func (s *Server) assessmentJSON(ev *evaluation) assessmentAnswer { return assessmentAnswer{s, ev} }

// MarshalJSON implements json.Marshaler.
func (a assessmentAnswer) MarshalJSON() ([]byte, error) {
	b, err := a.s.appendAssessment(nil, a.ev)
	if err != nil {
		return nil, err
	}
	return b[:len(b)-1], nil // without the newline
}

// answerBuffers recycles the answers' buffers: one is some 80 KB.
var answerBuffers = sync.Pool{New: func() any { return new([]byte) }}

// sendAssessment answers with the result ev in the API's shape, as
// c.JSON(status, s.assessmentJSON(ev)) would, in one write with its length.
func (s *Server) sendAssessment(c echo.Context, status int, ev *evaluation) error {
	if c.Request().URL.RawQuery != "" {
		return c.JSON(status, s.assessmentJSON(ev)) // ?pretty indents, as everywhere in Echo
	}
	bp := answerBuffers.Get().(*[]byte)
	defer answerBuffers.Put(bp)
	b, err := s.appendAssessment((*bp)[:0], ev)
	*bp = b
	if err != nil {
		return err
	}
	c.Response().Header()[echo.HeaderContentLength] = []string{strconv.Itoa(len(b))} // the gzip middleware drops it when it compresses
	return c.Blob(status, echo.MIMEApplicationJSON, b)
}

// unexplained ends a match the answer does not explain.
const unexplained = `"reasons":[],"stretch":[],"riasec":""}`

// appendAssessment appends the answer for ev, and a newline, as
// encoding/json's Encoder writes it.
func (s *Server) appendAssessment(b []byte, ev *evaluation) ([]byte, error) {
	r := ev.Result
	b = append(b, `{"id":`...)
	b = appendJSONString(b, r.ID)
	b = append(b, `,"url":`...)
	b = appendJSONString(b, "/results/"+r.ID)
	b = append(b, `,"created":"`...)
	b = r.CreatedAt.AppendFormat(b, "2006-01-02T15:04:05Z07:00") // digits and -:TZ+, nothing to escape
	b = append(b, `","riasec":`...)
	b = appendJSONString(b, ev.Score.Code)
	b = append(b, `,"low_confidence":`...)
	b = strconv.AppendBool(b, ev.Ranking.LowConfidence)
	b = append(b, `,"flags":[`...)
	for i, f := range ev.Score.Flags {
		b = appendComma(b, i)
		b = append(b, `{"code":`...)
		b = appendJSONString(b, string(f.Code))
		b = append(b, `,"message":`...)
		b = appendJSONString(b, f.Message)
		b = append(b, '}')
	}
	b = append(b, `],"profile":`...)
	var err error
	if b, err = s.appendProfile(b, ev); err != nil {
		return b, err
	}
	b = append(b, `,"hidden":[`...)
	for i, slug := range r.Hidden {
		b = appendComma(b, i)
		b = appendJSONString(b, slug)
	}
	b = append(b, `],"matches":[`...)
	if b, err = s.appendMatches(b, ev); err != nil {
		return b, err
	}
	b = append(b, `],"follow_ups":[`...)
	if ev.Next != nil {
		q, err := json.Marshal(newAPIFollowUp(*ev.Next))
		if err != nil {
			return b, err
		}
		b = append(b, q...)
	}
	b = append(b, `],"follow_up_answers":{`...)
	// The follow-up answers the evaluation took in (question id → option
	// id), in key order as encoding/json writes a map.
	follow := ev.Person.FollowUps
	for i, id := range slices.Sorted(maps.Keys(follow)) {
		b = appendComma(b, i)
		b = appendJSONString(b, id)
		b = append(b, ':')
		b = appendJSONString(b, follow[id])
	}
	return append(b, "}}\n"...), nil
}

func (s *Server) appendProfile(b []byte, ev *evaluation) ([]byte, error) {
	if len(ev.Score.Dimensions) == 0 {
		return append(b, "null"...), nil
	}
	b = append(b, '[')
	var err error
	for i, d := range ev.Score.Dimensions {
		b = appendComma(b, i)
		b = append(b, `{"dimension":`...)
		b = appendJSONString(b, d.ID)
		b = append(b, `,"name":`...)
		b = appendJSONString(b, s.bank.Dimensions[i].Name)
		b = append(b, `,"group":`...)
		b = appendJSONString(b, string(d.Group))
		b = append(b, `,"score":`...)
		if b, err = appendJSONFloat(b, round2(d.Mean)); err != nil {
			return b, err
		}
		b = append(b, `,"z":`...)
		if b, err = appendJSONFloat(b, round2(d.Z)); err != nil {
			return b, err
		}
		b = append(b, '}')
	}
	return append(b, ']'), nil
}

// appendMatches appends every match, the first apiExplained with the
// reasons, stretch and mismatch the results page shows.
func (s *Server) appendMatches(b []byte, ev *evaluation) ([]byte, error) {
	explain, explainErr := s.index.Explainer(ev.Person)
	var err error
	for i, m := range ev.Ranking.Matches {
		b = appendComma(b, i)
		b = append(b, s.head(m)...)
		b = strconv.AppendInt(b, int64(m.Fit), 10)
		b = append(b, `,"band":`...)
		b = appendJSONString(b, string(m.Band()))
		b = append(b, `,"tier":`...)
		b = strconv.AppendInt(b, int64(m.Tier), 10)
		b = append(b, ',')
		if explainErr != nil || i >= apiExplained {
			b = append(b, unexplained...)
			continue
		}
		ex, xerr := explain(m.Slug)
		if xerr != nil {
			b = append(b, unexplained...)
			continue
		}
		b = append(b, `"reasons":`...)
		if b, err = appendPoints(b, ex.Reasons[:min(len(ex.Reasons), 3)]); err != nil {
			return b, err
		}
		b = append(b, `,"stretch":`...)
		if b, err = appendPoints(b, ex.Stretch[:min(len(ex.Stretch), 1)]); err != nil {
			return b, err
		}
		if ex.Mismatch != nil {
			b = append(b, `,"mismatch":`...)
			if b, err = appendPoint(b, *ex.Mismatch); err != nil {
				return b, err
			}
		}
		b = append(b, `,"riasec":`...)
		b = appendJSONString(b, ex.RoleCode)
		b = append(b, '}')
	}
	return b, nil
}
