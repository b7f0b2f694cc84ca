package importer

import (
	"strings"
	"testing"

	"rolefit/internal/roles"
)

// Synthetic headers in the layout of O*NET 29.3's education survey files.
const (
	eteHeader    = "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tCategory\tData Value\tN\tStandard Error\tLower CI Bound\tUpper CI Bound\tRecommend Suppress\tDate\tDomain Source\r\n"
	eteCatHeader = "Element ID\tElement Name\tScale ID\tCategory\tCategory Description\r\n"
)

// eteRow is a made-up row of the survey.
func eteRow(code, scale, cat, value, suppress string) string {
	return strings.Join([]string{code, "2.D.1", "Made-up Element", scale, cat, value, "20", "1", "n/a", "n/a", suppress, "08/2023", "Incumbent"}, "\t") + "\r\n"
}

func TestEducationLabel(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"High School Diploma - or the equivalent (for example, GED)", "High school diploma"},
		{"Associate's Degree (or other 2-year degree)", "Associate's degree"},
		{"Post-Secondary Certificate - awarded for training completed after high school", "Post-secondary certificate"},
		{"Doctoral Degree", "Doctoral degree"},
	} {
		if got := educationLabel(tt.in); got != tt.want {
			t.Errorf("educationLabel(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestReadEducation(t *testing.T) {
	o := newONet()
	o.release = "O*NET 0.0 Database (Made-up)"
	o.titles = map[string]string{"99-0001.00": "Made-up Workers", "99-0002.00": "Other Made-up Workers"}
	cats := eteCatHeader + "2.D.1\tRequired Level of Education\tRL\t1\tLess than a High School Diploma\r\n" +
		"2.D.1\tRequired Level of Education\tRL\t2\tBachelor's Degree (four years)\r\n" +
		"3.A.1\tRelated Work Experience\tRW\t1\tNone\r\n"
	if n, err := o.readEducationCategories(writeFile(t, fileEducationCategories, cats)); err != nil || n != 3 {
		t.Fatalf("readEducationCategories: %d rows, %v", n, err)
	}
	rows := eteHeader + eteRow("99-0001.00", "RL", "2", "75.00", "N") + eteRow("99-0001.00", "RL", "1", "25.00", "Y") +
		eteRow("99-0001.00", "RW", "1", "80.00", "N")
	if _, err := o.readEducation(writeFile(t, fileEducation, rows)); err != nil {
		t.Fatalf("readEducation: %v", err)
	}

	got, err := o.educationLevels("99-0001.00", "")
	if err != nil {
		t.Fatal(err)
	}
	want := []roles.EducationLevel{{Category: 1, Label: "Less than a high school diploma", Percent: 25}, {Category: 2, Label: "Bachelor's degree", Percent: 75}}
	if got == nil || len(got.Levels) != 2 || got.Levels[0] != want[0] || got.Levels[1] != want[1] || !got.Imprecise ||
		got.Respondents != "Incumbent" || got.Source.SOCCode != "99-0001.00" || got.Source.Level != LevelDetailed || got.Source.Release != o.release {
		t.Errorf("own survey: got %+v, want levels %+v, imprecise, own source", got, want)
	}

	got, err = o.educationLevels("99-0002.00", "99-0001.00")
	if err != nil || got == nil || got.Source.SOCCode != "99-0001.00" || got.Source.Level != LevelRelated || got.Source.SOCTitle != "Made-up Workers" {
		t.Errorf("borrowed survey: got %+v, %v, want the relative's, marked related", got, err)
	}
	if got, err := o.educationLevels("99-0002.00", ""); got != nil || err != nil {
		t.Errorf("no survey: got %+v, %v, want nil", got, err)
	}
}

func TestMalformedEducation(t *testing.T) {
	tests := []struct {
		name, content, want string
	}{
		{"percent out of range", eteHeader + eteRow("99-0001.00", "RL", "1", "101.00", "N"), "Data Value 101 outside 0–100"},
		{"fractional category", eteHeader + eteRow("99-0001.00", "RL", "1.5", "1.00", "N"), `Category "1.5": not a whole number`},
		{"missing column", "O*NET-SOC Code\tScale ID\r\n", `missing column "Category"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := newONet().readEducation(writeFile(t, fileEducation, tt.content))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
	o := newONet()
	if _, err := o.readEducation(writeFile(t, fileEducation, eteHeader+eteRow("99-0001.00", "RL", "7", "1.00", "N"))); err != nil {
		t.Fatal(err)
	}
	if _, err := o.educationLevels("99-0001.00", ""); err == nil || !strings.Contains(err.Error(), "RL category 7, which") {
		t.Errorf("unnamed category: got %v, want an error naming category 7", err)
	}
}

func TestLoadEducation(t *testing.T) {
	ds := realDataset(t)
	web := occupation(t, ds, "15-1254.00")
	if ol := web.Outlook; ol.Experience != "None" || ol.Training != "None" {
		t.Errorf("web developers: experience %q, training %q, want None and None", ol.Experience, ol.Training)
	}
	if ol := occupation(t, ds, "47-2111.00").Outlook; ol.Training != "Apprenticeship" {
		t.Errorf("electricians: training %q, want Apprenticeship", ol.Training)
	}
	el := web.EducationLevels
	if el == nil || len(el.Levels) != 12 {
		t.Fatalf("web developers: got %+v, want 12 levels", el)
	}
	if l := el.Levels[5]; l.Category != 6 || l.Label != "Bachelor's degree" || l.Percent != 45.83 {
		t.Errorf("web developers, level 6: got %+v, want Bachelor's degree at 45.83", l)
	}
	if el.Source.Level != LevelDetailed || el.Source.SOCCode != "15-1254.00" || el.Source.Name != educationName || el.Respondents != "Occupational Expert" {
		t.Errorf("web developers: source %+v", el.Source)
	}
	// Software Developers have no survey in 29.3; they borrow it with
	// their ratings, and say so.
	sw := occupation(t, ds, "15-1252.00")
	if sw.EducationLevels == nil || sw.EducationLevels.Source.SOCCode != sw.RatingsFrom || sw.EducationLevels.Source.Level != LevelRelated {
		t.Errorf("software developers: got %+v, want the survey of %s marked related", sw.EducationLevels, sw.RatingsFrom)
	}
	surveyed := 0
	for _, o := range ds.Occupations {
		if o.EducationLevels == nil {
			continue
		}
		surveyed++
		sum := 0.0
		for _, l := range o.EducationLevels.Levels {
			sum += l.Percent
		}
		if sum < 99 || sum > 101 {
			t.Errorf("%s: education shares sum to %.2f, want about 100", o.ONetCode, sum)
		}
	}
	if surveyed < 850 {
		t.Errorf("got %d occupations with an education survey, want at least 850", surveyed)
	}
}
