package importer

import (
	"rolefit/internal/catalog"

	"bytes"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"rolefit/internal/roles"
)

// smallDataset is a made-up two-occupation dataset.
func smallDataset() *Dataset {
	median := 50000
	return &Dataset{
		Release:  "O*NET 0.0 Database (Test)",
		Elements: []roles.Element{{ID: "2.A.1.a", Name: "Reading Comprehension", Block: roles.BlockSkill}},
		Norms: roles.Norms{
			Interest:  map[string]roles.Norm{},
			WorkStyle: map[string]roles.Norm{},
			SkillIM:   map[string]roles.Norm{"2.A.1.a": {Mean: 3, SD: 0.5}},
			SkillLV:   map[string]roles.Norm{"2.A.1.a": {Mean: 3.5, SD: 0.7}},
		},
		Occupations: []roles.Occupation{
			{ONetCode: "99-0001.00", SOCCode: "99-0001", Title: "Made-up Workers", Description: "A made-up sentence.",
				Skills: map[string]roles.SkillRating{"2.A.1.a": {IM: 3, LV: 4}}, Related: []string{"99-0002.00"},
				Pay: &roles.Pay{Median: roles.Wage{Value: &median}, Year: 2024}},
			{ONetCode: "99-0002.00", SOCCode: "99-0002", Title: "Other Made-up Workers & Co", Description: "Another made-up sentence."},
		},
	}
}

func TestGenerate(t *testing.T) {
	ds := smallDataset()
	tests := []struct {
		name      string
		codes     []string
		wantCodes []string
		wantErr   string
	}{
		{"none", nil, []string{}, ""},
		{"one", []string{"99-0002.00"}, []string{"99-0002.00"}, ""},
		{"duplicates and order", []string{"99-0002.00", "99-0001.00", "99-0002.00"}, []string{"99-0001.00", "99-0002.00"}, ""},
		{"unknown", []string{"99-0001.00", "11-1111.11", "00-0000.00"}, nil, "unknown O*NET-SOC code(s) 00-0000.00, 11-1111.11"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Generate(ds, tt.codes)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("got error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Generate: %v", err)
			}
			var c catalog.Figures
			if err := json.Unmarshal(out, &c); err != nil {
				t.Fatalf("output is not JSON: %v", err)
			}
			got := []string{}
			for _, o := range c.Occupations {
				got = append(got, o.ONetCode)
			}
			if strings.Join(got, ",") != strings.Join(tt.wantCodes, ",") {
				t.Errorf("occupations: got %v, want %v", got, tt.wantCodes)
			}
			if bytes.Contains(out, []byte("description")) || bytes.Contains(out, []byte("made-up sentence")) {
				t.Error("output contains a description, want none")
			}
			if !bytes.HasSuffix(out, []byte("}\n")) || !bytes.HasPrefix(out, []byte("{\n  \"release\": {\n    \"onet\": ")) {
				t.Errorf("got output starting %.40q and ending %q, want 2-space indented JSON with a trailing newline", out, out[len(out)-2:])
			}
			if c.Release.ONet != ds.Release || len(c.Elements) != 1 || c.Norms.SkillLV["2.A.1.a"].SD != 0.7 {
				t.Errorf("got release %q, %d elements, norms %+v, want the dataset's", c.Release.ONet, len(c.Elements), c.Norms)
			}
		})
	}
	if ds.Occupations[0].Description == "" {
		t.Error("Generate cleared the dataset's description, want it left alone")
	}
}

// TestGenerateDeterministic loads the release twice, so map iteration
// order differs between the runs, and wants the same bytes.
func TestGenerateDeterministic(t *testing.T) {
	dir := referenceDir(t)
	first := realDataset(t)
	second, err := Load(filepath.Join(dir, "onet"), filepath.Join(dir, "bls"), nil)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	codes := []string{"15-1254.00", "15-1252.00", "29-1211.00", "27-2011.00", "21-1014.00", "31-1121.00", "45-3031.00"}
	a, err := Generate(first, codes)
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	b, err := Generate(second, codes)
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two generations differ, want the same bytes")
	}
	o := occupation(t, first, "15-1254.00")
	if o.Description == "" {
		t.Fatal("15-1254.00 has no description to check against")
	}
	if bytes.Contains(a, []byte(o.Description[:40])) || bytes.Contains(a, []byte(`"description"`)) {
		t.Error("output contains an O*NET description, want none")
	}
}

func TestGenerateTitles(t *testing.T) {
	ds := smallDataset()
	ds.Occupations[0].Titles = []string{"Made-up Analyst", "MUA"}
	got, err := GenerateTitles(ds, []string{"99-0002.00", "99-0001.00"})
	if err != nil {
		t.Fatal(err)
	}
	var out catalog.Titles
	if err := json.Unmarshal(got, &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Titles) != 1 || strings.Join(out.Titles["99-0001.00"], "|") != "Made-up Analyst|MUA" || !strings.Contains(out.Source, "CC BY 4.0") {
		t.Errorf("got %+v, want the one occupation with titles, credited", out)
	}
	again, _ := GenerateTitles(ds, []string{"99-0001.00", "99-0002.00"})
	if !bytes.Equal(got, again) {
		t.Error("the same dataset gave different bytes")
	}
	if _, err := GenerateTitles(ds, []string{"11-1111.11"}); err == nil || !strings.Contains(err.Error(), "unknown O*NET-SOC code(s) 11-1111.11") {
		t.Errorf("unknown code: got %v", err)
	}
	// The figures file never carries titles.
	fig, err := Generate(ds, []string{"99-0001.00"})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(fig, []byte("Made-up Analyst")) {
		t.Error("Generate wrote O*NET titles into the figures file")
	}
}

func TestReferenceTitles(t *testing.T) {
	ds := realDataset(t)
	o := occupation(t, ds, "13-2011.00")
	for _, want := range []string{"Certified Public Accountant (CPA)", "CPA", "Tax Accountant"} {
		if !slices.Contains(o.Titles, want) {
			t.Errorf("13-2011.00 titles lack %q", want)
		}
	}
	if slices.Contains(o.Titles, o.Title) || !slices.IsSorted(o.Titles) {
		t.Error("titles repeat the occupation's own title or are unsorted")
	}
}
