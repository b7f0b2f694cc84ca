package server

import (
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"sort"
	"strconv"

	"github.com/labstack/echo/v4"

	"rolefit/internal/assessment"
)

type questionView struct {
	Number  int
	Section int
	ID      string
	Text    string
	Error   string
	Choices template.HTML // the five labelled radios, rendered ahead (see choices.go)
	Block   template.HTML // the whole fieldset, rendered ahead when there is no error
	Answer  string        // label of the chosen answer, for the review
}

type quizSectionView struct {
	Section   assessment.Section
	Count     int // number of sections
	Questions []questionView
	Answered  int
	Total     int
	Errors    []questionView // questions with errors, for the summary
	Unknown   []string       // posted ids that are not questions
	IsFirst   bool
	IsLast    bool
	RetakeOf  string // the result a retake started from, whose answers are filled in
}

type quizReviewView struct {
	Sections []reviewSection
	Answered int
	Total    int
	Missing  int
	Error    string
}

type reviewSection struct {
	Section   assessment.Section
	Questions []questionView
}

// questionNumbers maps question id → its 1-based position in the bank.
func (s *Server) questionNumber(id string) int { return s.qNumber[id] }

func (s *Server) isQuestion(id string) bool { _, ok := s.questions[id]; return ok }

func (s *Server) questionViews(qs []assessment.Question, answers map[string]int, errs map[string]string) []questionView {
	out := make([]questionView, 0, len(qs))
	for _, q := range qs {
		qv := questionView{Number: s.questionNumber(q.ID), Section: q.Section, ID: q.ID, Text: q.Text, Error: errs[q.ID]}
		a := answers[q.ID]
		if a >= 1 && a <= len(s.bank.Scale) {
			qv.Answer = s.bank.Scale[a-1]
		} else {
			a = 0
		}
		qv.Choices = s.choices[q.ID][a]
		if qv.Error == "" {
			qv.Block = s.blocks[q.ID][a]
		}
		out = append(out, qv)
	}
	return out
}

// sectionNumber reads and checks the :n path parameter.
func (s *Server) sectionNumber(c echo.Context) (int, error) {
	n, err := strconv.Atoi(c.Param("n"))
	if err != nil || n < 1 || n > len(s.bank.Sections) {
		return 0, echo.ErrNotFound
	}
	return n, nil
}

func (s *Server) quizIntro(c echo.Context) error {
	noStore(c)
	sess := s.session(c)
	answers := s.sessionAnswersOf(sess)
	resume := 1
	for _, sec := range s.bank.Sections {
		if len(missing(s.bank.SectionQuestions(sec.Number), answers)) > 0 {
			resume = sec.Number
			break
		}
		resume = sec.Number
	}
	return s.render(c, http.StatusOK, "quiz_intro", pageData{Title: "The fit quiz", Section: "quiz",
		Description: "Sixty short statements, about ten minutes, no account.",
		Data:        map[string]any{"Answered": len(answers), "Total": len(s.bank.Questions), "Sections": len(s.bank.Sections), "Resume": resume}})
}

func (s *Server) quizSection(c echo.Context) error {
	n, err := s.sectionNumber(c)
	if err != nil {
		return err
	}
	noStore(c)
	sess := s.session(c)
	if startPageClock(sess, n, s.now()) {
		if err := s.saveSession(c, sess); err != nil {
			return err
		}
	}
	return s.renderSection(c, http.StatusOK, n, s.sessionAnswersOf(sess), nil, nil)
}

func (s *Server) renderSection(c echo.Context, status, n int, answers map[string]int, errs map[string]string, unknown []string) error {
	sec := s.bank.Sections[n-1]
	v := quizSectionView{Section: sec, Count: len(s.bank.Sections), Answered: len(answers), Total: len(s.bank.Questions),
		IsFirst: n == 1, IsLast: n == len(s.bank.Sections), Unknown: unknown, RetakeOf: s.retakeOf(c)}
	v.Questions = s.questionViews(s.bank.SectionQuestions(n), answers, errs)
	for _, q := range v.Questions {
		if q.Error != "" {
			v.Errors = append(v.Errors, q)
		}
	}
	title := fmt.Sprintf("Quiz section %d of %d", n, len(s.bank.Sections))
	if status != http.StatusOK {
		title = "Check your answers: " + title
	}
	return s.render(c, status, "quiz_section", pageData{Title: title, Section: "quiz", Description: sec.Title, Data: v})
}

// quizSectionSave keeps the posted answers in the session, then moves on.
// Back always goes back (keeping what was given); Next needs every question
// of the section answered. Invalid answers re-render the page with 422,
// each message beside its question and every valid answer still selected.
func (s *Server) quizSectionSave(c echo.Context) error {
	n, err := s.sectionNumber(c)
	if err != nil {
		return err
	}
	noStore(c)
	form, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "We could not read that form.")
	}
	f, errs := s.parseAnswerValues(form, "csrf_token", "nav")
	sess := s.session(c)
	answers := s.sessionAnswersOf(sess)
	inSection := map[string]bool{}
	for _, q := range s.bank.SectionQuestions(n) {
		inSection[q.ID] = true
	}
	var unknown []string
	for id := range errs {
		if !inSection[id] {
			unknown = append(unknown, id)
			delete(errs, id)
		}
	}
	for id, v := range f.Answers {
		if inSection[id] {
			answers[id] = v
		} else if !slices.Contains(unknown, id) {
			unknown = append(unknown, id)
		}
	}
	sort.Strings(unknown)
	setSessionAnswers(sess, answers)
	if err := s.saveSession(c, sess); err != nil {
		return err
	}
	nav := c.FormValue("nav")
	if len(errs) == 0 && len(unknown) == 0 && nav == "back" {
		if n == 1 {
			return c.Redirect(http.StatusSeeOther, "/quiz")
		}
		return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/quiz/%d", n-1))
	}
	if nav != "back" {
		for _, id := range missing(s.bank.SectionQuestions(n), answers) {
			if errs[id] == "" {
				errs[id] = msgMissing
			}
		}
	}
	if len(errs) > 0 || len(unknown) > 0 {
		return s.renderSection(c, http.StatusUnprocessableEntity, n, answers, errs, unknown)
	}
	// The page is complete: note whether it was answered too fast.
	stopPageClock(sess, n, s.now(), len(s.bank.SectionQuestions(n)))
	if err := s.saveSession(c, sess); err != nil {
		return err
	}
	if n == len(s.bank.Sections) {
		return c.Redirect(http.StatusSeeOther, "/quiz/review")
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/quiz/%d", n+1))
}

func (s *Server) reviewView(answers map[string]int) quizReviewView {
	v := quizReviewView{Answered: len(answers), Total: len(s.bank.Questions)}
	for _, sec := range s.bank.Sections {
		qs := s.bank.SectionQuestions(sec.Number)
		v.Missing += len(missing(qs, answers))
		v.Sections = append(v.Sections, reviewSection{Section: sec, Questions: s.questionViews(qs, answers, nil)})
	}
	return v
}

func (s *Server) quizReview(c echo.Context) error {
	noStore(c)
	v := s.reviewView(s.sessionAnswersOf(s.session(c)))
	return s.render(c, http.StatusOK, "quiz_review", pageData{Title: "Review your answers", Section: "quiz", Data: v})
}

// quizSubmit scores the answers in the session, saves the result and
// sends the person to its private address.
func (s *Server) quizSubmit(c echo.Context) error {
	noStore(c)
	sess := s.session(c)
	answers := s.sessionAnswersOf(sess)
	if len(answers) < len(s.bank.Questions) {
		v := s.reviewView(answers)
		v.Error = fmt.Sprintf("Please answer the %s marked “Not answered” before seeing your results.", plural(v.Missing, "question", "questions"))
		return s.render(c, http.StatusUnprocessableEntity, "quiz_review", pageData{Title: "Review your answers", Section: "quiz", Data: v})
	}
	ev, err := s.saveResult(c, answers, fastPages(sess, len(s.bank.Sections)))
	if err != nil {
		return err
	}
	id := ev.Result.ID
	sess.Values[sessionResult] = id
	delete(sess.Values, sessionRetake)
	if err := s.saveSession(c, sess); err != nil {
		return err
	}
	if ev.Next != nil {
		return c.Redirect(http.StatusSeeOther, s.followUpPath(id))
	}
	return c.Redirect(http.StatusSeeOther, "/results/"+id)
}

// quizReset clears the answers kept in the session, to retake the quiz.
func (s *Server) quizReset(c echo.Context) error {
	sess := s.session(c)
	delete(sess.Values, sessionAnswers)
	delete(sess.Values, sessionRetake)
	delete(sess.Values, pageCarryKey)
	for n := 1; n <= len(s.bank.Sections); n++ {
		delete(sess.Values, pageShownKey(n))
		delete(sess.Values, pageFastKey(n))
	}
	if err := s.saveSession(c, sess); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/quiz/1")
}
