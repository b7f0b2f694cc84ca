package assessment

import (
	"strings"
	"testing"

	"rolefit/data"
	"rolefit/internal/catalog"
	"rolefit/internal/roles"
)

func loadBank(t *testing.T) *Bank {
	t.Helper()
	b, err := LoadBank(data.FS, "questions.yaml")
	if err != nil {
		t.Fatalf("LoadBank: %v", err)
	}
	return b
}

// TestBankShape pins the design of data/questions.yaml.
func TestBankShape(t *testing.T) {
	b := loadBank(t)
	groups := map[roles.Block]int{}
	for _, d := range b.Dimensions {
		groups[d.Group]++
	}
	if got, want := groups, (map[roles.Block]int{roles.BlockInterest: 6, roles.BlockWorkStyle: 16, roles.BlockSkill: 32}); len(got) != 3 || got[roles.BlockInterest] != want[roles.BlockInterest] || got[roles.BlockWorkStyle] != want[roles.BlockWorkStyle] || got[roles.BlockSkill] != want[roles.BlockSkill] {
		t.Errorf("dimensions per group: got %v, want %v", got, want)
	}
	if got := len(b.Questions); got != 60 {
		t.Errorf("questions: got %d, want 60", got)
	}
	if got := len(b.Sections); got != 6 {
		t.Errorf("sections: got %d, want 6", got)
	}
	for s := 1; s <= len(b.Sections); s++ {
		if n := len(b.SectionQuestions(s)); n < 8 || n > 12 {
			t.Errorf("section %d: got %d questions, want 8–12 (a page read in under two minutes)", s, n)
		}
	}

	per := map[string]int{}
	reverse := 0
	for _, q := range b.Questions {
		per[q.Dimension]++
		low := " " + strings.ToLower(q.Text) + " "
		if q.Reverse {
			reverse++
			if strings.Contains(low, " not ") || strings.Contains(low, "n't ") || strings.Contains(low, " never ") {
				t.Errorf("%s: reverse item worded with a negation: %q", q.ID, q.Text)
			}
		}
		// One idea per statement: no "X or Y" pairs of activities and no
		// "and also" joins (lists of examples after "such as" are fine).
		head, _, _ := strings.Cut(low, "such as")
		for _, join := range []string{" and also ", ", and ", " or caring", " outdoors or "} {
			if strings.Contains(head, join) {
				t.Errorf("%s: asks two things at once (%q): %q", q.ID, strings.TrimSpace(join), q.Text)
			}
		}
	}
	for _, d := range b.Dimensions {
		want := 1
		if d.Group == roles.BlockInterest {
			want = 2 // one statement each way round
		}
		if per[d.ID] != want {
			t.Errorf("dimension %s: got %d questions, want %d", d.ID, per[d.ID], want)
		}
	}
	if got := b.Pairs(); got != 6 {
		t.Errorf("pairs of opposite statements: got %d, want 6 (one per interest)", got)
	}
	if reverse < 6 || reverse > 12 {
		t.Errorf("reverse items: got %d, want 6–12", reverse)
	}
	// Statements nearly everyone agrees with measure nothing: virtues are
	// asked as preferences, never as self-praise.
	for _, q := range b.Questions {
		for _, bland := range []string{"own up to my mistakes", "people can count on me", "i double-check my work", "get along well"} {
			if strings.Contains(strings.ToLower(q.Text), bland) {
				t.Errorf("%s: a statement nearly everyone agrees with: %q", q.ID, q.Text)
			}
		}
	}
}

// TestBankSpelling: the audience is American.
func TestBankSpelling(t *testing.T) {
	raw, err := data.FS.ReadFile("questions.yaml")
	if err != nil {
		t.Fatal(err)
	}
	low := strings.ToLower(string(raw))
	for _, british := range []string{"organis", "colour", "favourite", "behaviour", "centre", "programme", "paediatric", "tyre", "analyse", "practise", "licence", "weigh up", "straight away", "catalogue", "modelling", "travelled"} {
		if strings.Contains(low, british) {
			t.Errorf("questions.yaml uses the British %q", british)
		}
	}
}

// TestRetiredStillScore: a result saved before statements were replaced
// still scores, its old answers counting toward their dimensions.
func TestRetiredStillScore(t *testing.T) {
	b := loadBank(t)
	if len(b.Retired) == 0 {
		t.Skip("no retired statements")
	}
	answers := map[string]int{}
	for _, q := range b.Questions {
		answers[q.ID] = 3
	}
	old := b.Retired[0]
	answers[old.ID] = 5
	r, err := Score(b, answers)
	if err != nil {
		t.Fatalf("scoring a retired answer: %v", err)
	}
	d := r.Dimensions[b.DimensionIndex(old.Dimension)]
	if d.N < 2 || d.Mean <= 3 {
		t.Errorf("retired %s: dimension %s got n=%d mean %.2f, want the old answer counted", old.ID, old.Dimension, d.N, d.Mean)
	}
	if b.Asked(old.ID) {
		t.Errorf("retired %s counts as asked", old.ID)
	}
	if r.Has(FlagIncomplete) {
		t.Error("every current statement was answered, yet the result is flagged incomplete")
	}
}

// TestBankElements checks the bank against the catalog's O*NET elements:
// every element exists with the right block, and every interest, work style
// and skill element is measured by exactly one dimension.
func TestBankElements(t *testing.T) {
	b := loadBank(t)
	cat, err := catalog.Load(data.FS)
	if err != nil {
		t.Fatalf("catalog.Load: %v", err)
	}
	if err := b.ValidateElements(cat.Elements); err != nil {
		t.Fatal(err)
	}
	covered := map[string]int{}
	for _, d := range b.Dimensions {
		for _, e := range d.ONetElements {
			covered[e]++
		}
	}
	for _, e := range cat.Elements {
		if covered[e.ID] != 1 {
			t.Errorf("element %s %q: measured by %d dimensions, want 1", e.ID, e.Name, covered[e.ID])
		}
	}
}

func TestValidateElements(t *testing.T) {
	b := loadBank(t)
	elems := []roles.Element{{ID: "1.B.1.a", Name: "Realistic", Block: roles.BlockSkill}}
	err := b.ValidateElements(elems)
	if err == nil {
		t.Fatal("got nil error for a one-element list, want errors")
	}
	for _, want := range []string{"element 1.B.1.a is a skill, not a interest", "unknown O*NET element 2.B.3.e"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %q", want)
		}
	}
}

const tinyBank = `
scale: [a, b, c, d, e]
sections: [{number: 1, title: One}, {number: 2, title: Two}]
dimensions:
  - {id: realistic, name: R, group: interest, onet_elements: ["1.B.1.a"], like: l, dislike: d, noun: "n"}
  - {id: programming, name: P, group: skill, onet_elements: ["2.B.3.e"], like: l, dislike: d, noun: "n"}
questions:
  - {id: q1, section: 1, dimension: realistic, reverse: false, text: "x"}
  - {id: q2, section: 2, dimension: programming, reverse: true, text: "y"}
`

func TestParseBankErrors(t *testing.T) {
	tests := []struct {
		name, old, new, extra, want string
	}{
		{"ok", "", "", "", ""},
		{"duplicate question", "id: q2", "id: q1", "", `question "q1": duplicate id`},
		{"unknown dimension", "dimension: programming", "dimension: coding", "", `unknown dimension "coding"`},
		{"unasked dimension", "dimension: programming", "dimension: realistic", "", `dimension "programming": no question`},
		{"two reverse", "", "", "  - {id: q3, section: 2, dimension: programming, reverse: true, text: z}\n", "2 reverse items"},
		{"sections out of order", "section: 1", "section: 3", "", "out of order"},
		{"bad group", "group: skill", "group: knowledge", "", `unknown group "knowledge"`},
		{"shared element", `["2.B.3.e"]`, `["1.B.1.a"]`, "", "already belongs"},
		{"unknown key", "reverse: true", "reversed: true", "", "not found"},
		{"short scale", "[a, b, c, d, e]", "[a, b]", "", "scale has 2 labels"},
		{"empty section", "section: 2", "section: 1", "", "section 2: has no questions"},
		{"unworded dimension", `noun: "n"}`, "}", "", "needs like, dislike and noun"},
		{"retired unknown dimension", "", "", "retired:\n  - {id: q9, dimension: coding, reverse: false}\n", `retired question "q9": unknown dimension`},
		{"retired still asked", "", "", "retired:\n  - {id: q1, dimension: realistic, reverse: false}\n", `retired question "q1": needs an id of its own`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(tinyBank, tt.old, tt.new, 1) + tt.extra
			_, err := ParseBank([]byte(src))
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("got %v, want no error", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestParseBankTooLong(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(tinyBank)
	for i := 0; i < MaxQuestions; i++ {
		sb.WriteString("  - {id: x" + strings.Repeat("a", i+1) + ", section: 2, dimension: programming, reverse: false, text: t}\n")
	}
	if _, err := ParseBank([]byte(sb.String())); err == nil || !strings.Contains(err.Error(), "questions, want 1–60") {
		t.Fatalf("got %v, want a too-many-questions error", err)
	}
}
