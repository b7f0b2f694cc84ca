package server

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/go-playground/validator/v10"

	"rolefit/internal/assessment"
)

// answersForm is the validated shape of posted answers, whether from a quiz
// page or the JSON API: known question ids mapped to 1–5.
type answersForm struct {
	Answers map[string]int `validate:"dive,keys,question_id,endkeys,min=1,max=5"`
}

// newValidator returns a validator that knows the bank's question ids.
func newValidator(questions map[string]assessment.Question) *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	_ = v.RegisterValidation("question_id", func(fl validator.FieldLevel) bool {
		_, ok := questions[fl.Field().String()]
		return ok
	})
	return v
}

// valid reports whether every answer is a known question's 1–5: what the
// validator's tags check, without its reflection over the map. Callers
// skip the validator when it holds (it always did for complete, correct
// answers, and cost a submission some 30 µs) and ask it for the messages
// otherwise.
func (f answersForm) valid(questions map[string]assessment.Question) bool {
	for id, n := range f.Answers {
		if _, ok := questions[id]; !ok || n < 1 || n > 5 {
			return false
		}
	}
	return true
}

// Messages shown beside a question.
const (
	msgChoose  = "Choose one of the five answers."
	msgMissing = "Please answer this question."
	msgUnknown = "This is not one of our questions."
)

// fieldErrors turns validator errors into question id → message.
func fieldErrors(err error) map[string]string {
	out := map[string]string{}
	verrs, ok := err.(validator.ValidationErrors)
	if !ok {
		return out
	}
	for _, fe := range verrs {
		// Namespace is like "answersForm.Answers[q07]".
		ns := fe.Namespace()
		id := ns
		if i := strings.IndexByte(ns, '['); i >= 0 && ns[len(ns)-1] == ']' {
			id = ns[i+1 : len(ns)-1]
		}
		if fe.Tag() == "question_id" {
			out[id] = msgUnknown
		} else {
			out[id] = msgChoose
		}
	}
	return out
}

// parseAnswerValues reads answers from form values. Values that are not
// whole numbers are reported as errors at once; the rest go through the
// validator. Keys in skip (csrf_token, nav) are not answers.
func (s *Server) parseAnswerValues(form url.Values, skip ...string) (answersForm, map[string]string) {
	f := answersForm{Answers: map[string]int{}}
	errs := map[string]string{}
	for key, vals := range form {
		if slices.Contains(skip, key) {
			continue
		}
		if len(vals) != 1 {
			errs[key] = msgChoose
			continue
		}
		n, err := strconv.Atoi(vals[0])
		if err != nil {
			if _, known := s.questions[key]; !known {
				errs[key] = msgUnknown
			} else {
				errs[key] = msgChoose
			}
			continue
		}
		f.Answers[key] = n
	}
	if !f.valid(s.questions) {
		if err := s.validate.Struct(f); err != nil {
			for k, v := range fieldErrors(err) {
				errs[k] = v
			}
		}
	}
	for k := range errs {
		delete(f.Answers, k)
	}
	return f, errs
}

// missing lists the questions of qs without an answer.
func missing(qs []assessment.Question, answers map[string]int) []string {
	var out []string
	for _, q := range qs {
		if _, ok := answers[q.ID]; !ok {
			out = append(out, q.ID)
		}
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
