package server

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"sort"
	"time"

	"github.com/labstack/echo/v4"

	"rolefit/internal/assessment"
	"rolefit/internal/matching"
	"rolefit/internal/roles"
	"rolefit/internal/store"
)

// target is anything a person can be matched to: a written role, or an
// imported occupation without one.
type target struct {
	Slug, Title, Href, Category string
	JobZone                     int
	Education                   string     // BLS typical entry-level education of its figures' group
	Figures                     string     // a one-line summary of those figures, naming the group
	Tags                        roles.Tags // working conditions; zero for imported occupations
}

// topMatches is how many matches get full explanations on the page.
const topMatches = 10

// restShown is how many further matches the page lists before offering a
// link to all of them: every written role (about 340) is listed, while a
// full O*NET import (over 900) is cut with a link to the rest.
const restShown = 390

// evaluation is a scored, ranked result.
type evaluation struct {
	Result  *store.Result
	Score   assessment.Result
	Person  matching.Person
	Ranking matching.Ranking
	Next    *assessment.FollowUp // the follow-up worth asking next; nil when settled
}

// evaluate scores stored answers (statement and follow-up answers) and
// ranks every target.
func (s *Server) evaluate(r *store.Result) (*evaluation, error) {
	ev, err := s.index.Evaluate(s.bank, r.Answers, r.FastPages, 0)
	if err != nil {
		return nil, err
	}
	return &evaluation{Result: r, Score: ev.Result, Person: ev.Person, Ranking: ev.Ranking, Next: ev.Next}, nil
}

// saveResult scores the answers, then stores them; the evaluation it
// returns is the saved result's.
func (s *Server) saveResult(c echo.Context, answers map[string]int, fastPages int) (*evaluation, error) {
	r := &store.Result{CreatedAt: time.Now().UTC().Truncate(time.Second), Answers: answers, Hidden: []string{}, FastPages: fastPages}
	ev, err := s.evaluate(r)
	if err != nil {
		return nil, err
	}
	if r.ID, err = s.db.CreateResult(c.Request().Context(), answers, fastPages); err != nil {
		return nil, err
	}
	s.metrics.submissions.Inc()
	return ev, nil
}

func (s *Server) loadEvaluation(ctx context.Context, id string) (*evaluation, error) {
	r, err := s.db.Result(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.evaluate(r)
}

type matchView struct {
	target
	Rank     int
	Tier     int
	Tied     bool // in the same tier as the match before it
	Fit      int
	Band     string
	BandKey  string
	Reasons  []pointView
	Stretch  []pointView
	Mismatch *pointView
	RoleCode string
}

// pointView is one explanation sentence with both levels, in words and on
// the common 1–5 scale.
type pointView struct {
	Dimension string
	Text      string
	You, Role float64
	YouWords  string // the answer the person's level rounds to
	RoleWords string // where the role sits among occupations
}

type barView struct {
	Label    string
	Value    string // person's score on the 1–5 scale, for the text
	Y, Width int
	LabelY   int
}

type resultsView struct {
	ID            string
	Refine        string // link to the follow-up questions, "" when settled
	MaxFollowUps  int
	Created       string
	Flags         []assessment.Flag
	LowConfidence bool
	Code          string
	Top           []matchView
	Rest          []matchView
	Hidden        []target
	Shown, Total  int
	Categories    []option
	Educations    []option
	Filtered      bool
	Tags          tagFilterView
	More          int    // matches left out of Rest; 0 when all are listed
	AllURL        string // the same page listing every match
	Interests     []barView
	Strengths     []barView
	ChartHeight   int
	Flash         string
}

func (s *Server) resultShow(c echo.Context) error {
	privatePage(c)
	ev, err := s.loadEvaluation(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	sess := s.session(c)
	v := s.newResultsView(ev, c.QueryParam("category"), c.QueryParam("education"), tagFilterFrom(c.QueryParams()), c.QueryParam("all") == "1")
	v.Flash = takeFlash(sess)
	// Holding the link makes this the visitor's current result, so role
	// pages can show how they match.
	if v.Flash != "" || sess.Values[sessionResult] != ev.Result.ID {
		sess.Values[sessionResult] = ev.Result.ID
		if err := s.saveSession(c, sess); err != nil {
			return err
		}
	}
	return s.render(c, http.StatusOK, "results", pageData{Title: "Your matches", Section: "quiz",
		Description: "Your ranked career matches.", Data: v})
}

func (s *Server) newResultsView(ev *evaluation, category, education string, tf roles.TagFilter, all bool) resultsView {
	v := resultsView{ID: ev.Result.ID, Refine: s.refineLink(ev), MaxFollowUps: assessment.MaxFollowUps, Created: ev.Result.CreatedAt.Format("2 January 2006"), Flags: ev.Score.Flags,
		LowConfidence: ev.Ranking.LowConfidence, Code: ev.Score.Code, Total: len(ev.Ranking.Matches)}
	if _, ok := s.cat.Category(category); !ok {
		category = ""
	}
	education = knownEducation(education)
	v.Filtered = category != "" || education != "" || !tf.IsZero()
	v.Tags = newTagFilterView(tf)
	hidden := map[string]bool{}
	for _, slug := range ev.Result.Hidden {
		if t, ok := s.targets[slug]; ok {
			hidden[slug] = true
			v.Hidden = append(v.Hidden, t)
		}
	}
	explain, explainErr := s.index.Explainer(ev.Person)
	for i, m := range ev.Ranking.Matches {
		t, ok := s.targets[m.Slug]
		if !ok || hidden[m.Slug] || (category != "" && t.Category != category) || !roles.EducationAtMost(t.Education, education) || !tf.Keep(t.Tags) {
			continue
		}
		mv := matchView{target: t, Rank: i + 1, Tier: m.Tier, Fit: m.Fit, Band: m.Band().Label(), BandKey: string(m.Band())}
		if i > 0 && ev.Ranking.Matches[i-1].Tier == m.Tier {
			mv.Tied = true
		}
		if len(v.Top) < topMatches {
			if explainErr == nil {
				if ex, err := explain(m.Slug); err == nil {
					s.fillExplanation(&mv, ex)
				}
			}
			v.Top = append(v.Top, mv)
		} else if all || len(v.Rest) < restShown {
			v.Rest = append(v.Rest, mv)
		} else {
			v.More++
		}
	}
	v.Shown = len(v.Top) + len(v.Rest) + v.More
	if v.More > 0 {
		q := url.Values{"all": {"1"}}
		if category != "" {
			q.Set("category", category)
		}
		if education != "" {
			q.Set("education", education)
		}
		addTagFilter(q, tf)
		v.AllURL = "/results/" + ev.Result.ID + "?" + q.Encode() + "#all-h"
	}
	for _, cat := range s.cat.Categories {
		v.Categories = append(v.Categories, option{Value: cat.Slug, Label: cat.Name, Selected: cat.Slug == category})
	}
	v.Educations = educationOptions(roles.EducationScale, education)
	v.Interests, v.Strengths, v.ChartHeight = s.strengthBars(ev.Score)
	return v
}

// fillExplanation copies the parts of an explanation a match shows: up to
// three reasons, one stretch, the main mismatch and the role's code.
func (s *Server) fillExplanation(mv *matchView, ex matching.Explanation) {
	for _, r := range ex.Reasons[:min(len(ex.Reasons), 3)] {
		mv.Reasons = append(mv.Reasons, s.pointView(r))
	}
	for _, r := range ex.Stretch[:min(len(ex.Stretch), 1)] {
		mv.Stretch = append(mv.Stretch, s.pointView(r))
	}
	if ex.Mismatch != nil {
		pv := s.pointView(*ex.Mismatch)
		mv.Mismatch = &pv
	}
	mv.RoleCode = ex.RoleCode
}

func (s *Server) pointView(p matching.Point) pointView {
	return pointView{Dimension: p.Dimension, Text: p.Text, You: p.You, Role: p.Role, YouWords: s.answerWords(p.You), RoleWords: roleWords(p.Role)}
}

// answerWords names the answer a level on the 1–5 scale rounds to.
func (s *Server) answerWords(level float64) string {
	i := int(math.Round(level)) - assessment.ScaleMin
	return s.bank.Scale[min(len(s.bank.Scale)-1, max(0, i))]
}

// roleWords says where a role's level sits among occupations.
func roleWords(level float64) string {
	share := (level - matching.LevelMin) / (matching.LevelMax - matching.LevelMin)
	switch {
	case share >= 0.9:
		return "top tenth of occupations"
	case share >= 0.7:
		return "above most occupations"
	case share > 0.3:
		return "about average"
	case share > 0.1:
		return "below most occupations"
	}
	return "bottom tenth of occupations"
}

// chartBarWidth is the length of a full (5 of 5) bar in the strengths chart.
const chartBarWidth = 360

// strengthBars lays out the person's six interests and eight strongest
// other dimensions as horizontal bars on the 1–5 scale.
func (s *Server) strengthBars(sc assessment.Result) (interests, strengths []barView, height int) {
	names := map[string]string{}
	for _, d := range s.bank.Dimensions {
		names[d.ID] = d.Name
	}
	bar := func(d assessment.DimensionScore) barView {
		return barView{Label: names[d.ID], Value: fmt.Sprintf("%.1f", d.Mean), Width: int((d.Mean - 1) / 4 * chartBarWidth)}
	}
	var others []assessment.DimensionScore
	for _, d := range sc.Dimensions {
		if d.Group == roles.BlockInterest {
			interests = append(interests, bar(d))
		} else {
			others = append(others, d)
		}
	}
	sort.SliceStable(others, func(i, j int) bool { return others[i].Mean > others[j].Mean })
	for i := 0; i < len(others) && i < 8; i++ {
		strengths = append(strengths, bar(others[i]))
	}
	// Each row: the label, then its bar under it, so the chart stays
	// narrow enough to read at phone width without shrinking the text.
	y := 44
	for i := range interests {
		interests[i].LabelY, interests[i].Y = y, y+6
		y += 42
	}
	y += 44
	for i := range strengths {
		strengths[i].LabelY, strengths[i].Y = y, y+6
		y += 42
	}
	return interests, strengths, y - 14
}

// resultHide marks a match "not for me" (or undoes it) and re-ranks.
func (s *Server) resultHide(c echo.Context) error {
	id, slug := c.Param("id"), c.FormValue("slug")
	if _, ok := s.targets[slug]; !ok {
		return echo.NewHTTPError(http.StatusBadRequest, "That role is not in your results.")
	}
	if err := s.db.SetHidden(c.Request().Context(), id, slug, c.FormValue("undo") == ""); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/results/"+id)
}

// resultDelete deletes a result for good.
func (s *Server) resultDelete(c echo.Context) error {
	id := c.Param("id")
	if err := s.db.DeleteResult(c.Request().Context(), id); err != nil {
		return err
	}
	sess := s.session(c)
	if sess.Values[sessionResult] == id {
		delete(sess.Values, sessionResult)
	}
	flash(sess, "Your result has been deleted. Its link no longer works.")
	if err := s.saveSession(c, sess); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/")
}

// resultDownload sends the result as a JSON file.
func (s *Server) resultDownload(c echo.Context) error {
	privatePage(c)
	ev, err := s.loadEvaluation(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `attachment; filename="rolefit-result.json"`)
	return c.JSON(http.StatusOK, s.assessmentJSON(ev))
}

// currentEvaluation returns the visitor's latest result, if they have one.
func (s *Server) currentEvaluation(c echo.Context) *evaluation {
	if _, err := c.Request().Cookie(sessionName); err != nil {
		return nil // no session: nothing to decode (the common, cached case)
	}
	id, _ := s.session(c).Values[sessionResult].(string)
	if id == "" {
		return nil
	}
	ev, err := s.loadEvaluation(c.Request().Context(), id)
	if err != nil {
		if !errors.Is(err, store.ErrNotFound) {
			s.log.Warn("load current result", "err", err)
		}
		return nil
	}
	return ev
}
