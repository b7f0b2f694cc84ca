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
	IsRole                      bool       // a written role, which compare can show
	// The group's median pay in dollars (0: not published) and projected
	// growth, which the results table shows and sorts by.
	Group     string // the BLS group the figures are for, in quotation marks; "" without figures
	Pay       int
	PayText   string
	Growth    float64
	HasGrowth bool
	raw       rawFigures // the same figures unformatted, for the CSV download
}

// rawFigures are a target's BLS figures as published; zero when not.
type rawFigures struct {
	Group, SOC string
	P10, P90   int
	GrowthTo   int
	Employment int
}

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
	if r.ID, err = s.db.CreateResult(c.Request().Context(), r.CreatedAt, answers, fastPages); err != nil {
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

func (s *Server) resultShow(c echo.Context) error {
	privatePage(c)
	ev, err := s.loadEvaluation(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	sess := s.session(c)
	v := s.newResultsView(ev, s.parseResultsQuery(c.QueryParams()))
	v.ShareURL = s.absoluteURL(c, "/results/"+ev.Result.ID)
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

// absoluteURL is path on the site as the visitor reached it. The scheme is
// the proxy's only when the operator trusts it.
func (s *Server) absoluteURL(c echo.Context, path string) string {
	scheme := "http"
	if c.Request().TLS != nil || (s.cfg.TrustProxy && c.Scheme() == "https") {
		scheme = "https"
	}
	return scheme + "://" + c.Request().Host + path
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

// resultHide marks a match "not for me" (or undoes it) and re-ranks, then
// sends the person back to the page they were on: same filters, sort and
// table page, scrolled to the card that took the hidden one's place (or,
// on "Show again", to the one shown again).
func (s *Server) resultHide(c echo.Context) error {
	id, slug := c.Param("id"), c.FormValue("slug")
	if _, ok := s.targets[slug]; !ok {
		return echo.NewHTTPError(http.StatusBadRequest, "That role is not in your results.")
	}
	undo := c.FormValue("undo") != ""
	if err := s.db.SetHidden(c.Request().Context(), id, slug, !undo); err != nil {
		return err
	}
	at := c.FormValue("at")
	if undo {
		at = "hidden-h"
		if s.onPage(c, id, c.FormValue("query"), slug) {
			at = "m-" + slug
		}
	}
	return c.Redirect(http.StatusSeeOther, s.backTo(id, c.FormValue("query"), at))
}

// onPage reports whether the match slug has a card or a row on the
// results page of id in the state query.
func (s *Server) onPage(c echo.Context, id, query, slug string) bool {
	ev, err := s.loadEvaluation(c.Request().Context(), id)
	if err != nil {
		return false
	}
	q, _ := url.ParseQuery(query)
	v := s.newResultsView(ev, s.parseResultsQuery(q))
	for _, m := range append(v.Top, v.Rest...) {
		if m.Slug == slug {
			return true
		}
	}
	return false
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

// resultDownload sends the result as a JSON file, or with format=csv as a
// CSV file of every match.
func (s *Server) resultDownload(c echo.Context) error {
	privatePage(c)
	format := c.QueryParam("format")
	if format != "" && format != "json" && format != "csv" {
		return echo.NewHTTPError(http.StatusBadRequest, "Downloads come as JSON (format=json) or CSV (format=csv).")
	}
	ev, err := s.loadEvaluation(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	if format == "csv" {
		b, err := s.resultCSV(ev)
		if err != nil {
			return err
		}
		return sendCSV(c, "rolefit-result.csv", b)
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
