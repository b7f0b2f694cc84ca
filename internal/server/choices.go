package server

import (
	"bytes"
	"fmt"
	"html/template"

	"rolefit/internal/assessment"
)

// Each question's five radios are rendered once at start-up, in every
// state (no answer, or answer 1 to 5), by html/template, so escaping is
// exactly as in a page. Rendering them per request was two thirds of a quiz
// page's cost: sixty small range loops through reflection.
var choicesTemplate = template.Must(template.New("choices").Parse(
	`{{range .}}<label class="choice"><input type="radio" name="{{.Name}}" value="{{.Value}}"{{if .Checked}} checked{{end}}><span>{{.Label}}</span></label>
      {{end}}`))

type choiceView struct {
	Name    string
	Value   int
	Label   string
	Checked bool
}

// renderChoices returns, per question id, its radios for each answer state:
// index 0 with nothing checked, index v with answer v checked.
func renderChoices(b *assessment.Bank) (map[string][]template.HTML, error) {
	out := make(map[string][]template.HTML, len(b.Questions))
	for _, q := range b.Questions {
		states := make([]template.HTML, len(b.Scale)+1)
		for checked := range states {
			cs := make([]choiceView, len(b.Scale))
			for i, label := range b.Scale {
				cs[i] = choiceView{Name: q.ID, Value: i + 1, Label: label, Checked: checked == i+1}
			}
			var buf bytes.Buffer
			if err := choicesTemplate.Execute(&buf, cs); err != nil {
				return nil, fmt.Errorf("server: choices of %s: %w", q.ID, err)
			}
			states[checked] = template.HTML(buf.String()) // #nosec G203 -- produced by html/template above, escaped
		}
		out[q.ID] = states
	}
	return out, nil
}

// renderBlocks renders each question's fieldset (the "question" template,
// the same one a page uses for a question with an error) in every answer
// state, for questions without an error.
func (s *Server) renderBlocks() (map[string][]template.HTML, error) {
	t := s.pages.tmpl["quiz_section"]
	out := make(map[string][]template.HTML, len(s.bank.Questions))
	for _, q := range s.bank.Questions {
		states := make([]template.HTML, len(s.bank.Scale)+1)
		for a := range states {
			qv := questionView{Number: s.questionNumber(q.ID), Section: q.Section, ID: q.ID, Text: q.Text, Choices: s.choices[q.ID][a]}
			var buf bytes.Buffer
			if err := t.ExecuteTemplate(&buf, "question", qv); err != nil {
				return nil, fmt.Errorf("server: question %s: %w", q.ID, err)
			}
			states[a] = template.HTML(buf.String()) // #nosec G203 -- produced by html/template, escaped
		}
		out[q.ID] = states
	}
	return out, nil
}
