package search

import (
	"slices"
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Back-End Web Developer", "back end web developer"},
		{"C++ Developer", "c++ developer"},
		{"C# / .NET", "c# net"},
		{"Café Attendant", "cafe attendant"},
		{"ﬁre ＥＭＴ", "fire emt"},
		{"a+b", "a+ b"},
		{"+++", ""},
		{"911 Dispatcher", "911 dispatcher"},
		{"\xff\xfenurse\x00", "nurse"},
	}
	for _, tt := range tests {
		if got := strings.Join(words(tt.in), " "); got != tt.want {
			t.Errorf("words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStem(t *testing.T) {
	for in, want := range map[string]string{
		"nurses": "nurse", "secretaries": "secretary", "coaches": "coach", "classes": "class",
		"boss": "boss", "status": "status", "analysis": "analysis", "developers": "developer",
		"bus": "bus", "c++": "c++", "emts": "emt",
	} {
		if got := stem(in); got != want {
			t.Errorf("stem(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTerms(t *testing.T) {
	ts, n := terms("Back-End Developers of the Web")
	if n != 4 || !slices.Contains(ts, "backend") || !slices.Contains(ts, "developer") || slices.Contains(ts, "the") {
		t.Errorf("terms: got %v (%d words), want 4 words with the pair backend and no stop words", ts, n)
	}
}

func TestAcronym(t *testing.T) {
	for in, want := range map[string]string{
		"Site Reliability Engineer": "sre", "Registered Nurses": "rn", "Certified Public Accountant": "cpa",
		"Director of Finance": "df", "Nurse": "", "911 Dispatcher": "",
	} {
		if got := acronym(in); got != want {
			t.Errorf("acronym(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		max  int
		want int
	}{
		{"plumbr", "plumber", 1, 1},
		{"develper", "developer", 2, 1},
		{"pyhton", "python", 1, 1}, // a swap is one edit
		{"nurse", "nurse", 1, 0},
		{"nurse", "purse", 1, 1},
		{"law", "lawyer", 2, 3},    // beyond max: max+1
		{"abcdef", "ghijkl", 2, 3}, // cut short
		{"", "abc", 3, 3},
	}
	for _, tt := range tests {
		if got := distance([]rune(tt.a), []rune(tt.b), tt.max); got != tt.want {
			t.Errorf("distance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.max, got, tt.want)
		}
	}
	// A word longer than the scratch rows still measures right.
	long := strings.Repeat("a", 40)
	if got := distance([]rune(long), []rune(long+"b"), 2); got != 1 {
		t.Errorf("long words: got %d, want 1", got)
	}
}
