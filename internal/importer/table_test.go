package importer

import (
	"testing"

	"rolefit/internal/roles"
)

func TestCompareElementIDs(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"2.A.1.a", "2.A.1.b", -1},
		{"2.A.2.a", "2.B.1.a", -1},
		{"1.C.5.c", "1.C.6", -1},
		{"1.C.6", "1.C.7.a", -1},
		{"2.A.9.a", "2.A.10.a", -1}, // numeric, not lexical
		{"1.C.6", "1.C.6.a", -1},
		{"2.B.3.e", "2.B.3.e", 0},
		{"2.B.3.e", "2.B.3.a", 1},
	}
	for _, tt := range tests {
		if got := compareElementIDs(tt.a, tt.b); got != tt.want {
			t.Errorf("compareElementIDs(%s, %s): got %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in      string
		want    float64
		wantErr string
	}{
		{"4.12", 4.12, ""},
		{"1,579.80", 1579.8, ""},
		{" -4.1 ", -4.1, ""},
		{"N/A", 0, `Data Value "N/A": invalid syntax`},
		{"", 0, `Data Value "": invalid syntax`},
	}
	for _, tt := range tests {
		got, err := parseNumber("Data Value", tt.in)
		if got != tt.want || (err == nil) != (tt.wantErr == "") || (err != nil && err.Error() != tt.wantErr) {
			t.Errorf("parseNumber(%q): got %v, %v, want %v, %q", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestParseWage(t *testing.T) {
	tests := []struct {
		in      string
		want    int // -1 for nil
		atLeast bool
		wantErr bool
	}{
		{"90930", 90930, false, false},
		{"90,930", 90930, false, false},
		{"*", -1, false, false},
		{"#", TopAnnualWage, true, false},
		{"0", 0, false, true},
		{"abc", 0, false, true},
	}
	for _, tt := range tests {
		w, err := parseWage("A_MEDIAN", tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("parseWage(%q): got error %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		if tt.wantErr {
			continue
		}
		got := -1
		if w.Value != nil {
			got = *w.Value
		}
		if got != tt.want || w.AtLeast != tt.atLeast {
			t.Errorf("parseWage(%q): got %d at least %v, want %d at least %v", tt.in, got, w.AtLeast, tt.want, tt.atLeast)
		}
	}
}

func TestSmallHelpers(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"riasec full", riasec([3]int{2, 6, 1}), "ICR"},
		{"riasec no third", riasec([3]int{6, 2, 0}), "CI"},
		{"riasec none", riasec([3]int{}), ""},
		{"soc", roles.SOCOf("15-1254.00"), "15-1254"},
		{"soc of a variant", roles.SOCOf("15-1299.08"), "15-1299"},
		{"title with aliases", projectionTitle("Web developers    * Intranet Developer* Web Architect"), "Web developers"},
		{"title alone", projectionTitle("Tour and travel guides"), "Tour and travel guides"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}
