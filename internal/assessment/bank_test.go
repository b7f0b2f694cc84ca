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
		qs := b.SectionQuestions(s)
		if len(qs) != 10 {
			t.Errorf("section %d: got %d questions, want 10", s, len(qs))
		}
		seen := map[roles.Block]bool{}
		for _, q := range qs {
			seen[b.Dimensions[b.DimensionIndex(q.Dimension)].Group] = true
		}
		if len(seen) != 3 {
			t.Errorf("section %d mixes %d groups, want all 3", s, len(seen))
		}
	}

	per := map[string]int{}
	reverse := 0
	for _, q := range b.Questions {
		per[q.Dimension]++
		if q.Reverse {
			reverse++
			low := " " + strings.ToLower(q.Text) + " "
			if strings.Contains(low, " not ") || strings.Contains(low, "n't ") || strings.Contains(low, " never ") {
				t.Errorf("%s: reverse item worded with a negation: %q", q.ID, q.Text)
			}
		}
	}
	for _, d := range b.Dimensions {
		want := 1
		if d.Group == roles.BlockInterest {
			want = 2
		}
		if per[d.ID] != want {
			t.Errorf("dimension %s: got %d questions, want %d", d.ID, per[d.ID], want)
		}
	}
	if reverse < 6 || reverse > 8 {
		t.Errorf("reverse items: got %d, want 6–8", reverse)
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
  - {id: realistic, name: R, group: interest, onet_elements: ["1.B.1.a"]}
  - {id: programming, name: P, group: skill, onet_elements: ["2.B.3.e"]}
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
