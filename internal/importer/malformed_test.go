package importer

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// writeFile writes a small synthetic file into a fresh temporary folder
// and returns its path.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Synthetic headers, in the column layout of the O*NET 29.3 text files.
const (
	skillsHeader    = "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tData Value\tN\tStandard Error\tLower CI Bound\tUpper CI Bound\tRecommend Suppress\tNot Relevant\tDate\tDomain Source\r\n"
	interestsHeader = "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tData Value\tDate\tDomain Source\r\n"
	jobZonesHeader  = "O*NET-SOC Code\tJob Zone\tDate\tDomain Source\r\n"
	relatedHeader   = "O*NET-SOC Code\tRelated O*NET-SOC Code\tRelatedness Tier\tIndex\r\n"
	projHeader      = "Occupation Title,Occupation Code,Employment 2024,Employment 2034,\"Employment Change, 2024-2034\",\"Employment Percent Change, 2024-2034\",\"Occupational Openings, 2024-2034 Annual Average\",Median Annual Wage 2024,Typical Entry-Level Education,Education Code,Work Experience in a Related Occupation,Workex Code,Typical on-the-job Training,trCode\r\n"
)

// skillRow is a made-up Skills.txt row.
func skillRow(code, id, scale, value string) string {
	return strings.Join([]string{code, id, "Made-up Skill", scale, value, "8", "0.1", "1", "2", "N", "N", "08/2023", "Analyst"}, "\t") + "\r\n"
}

func TestMalformedONet(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		content string
		read    func(o *onet, path string) (int, error)
		want    string
	}{
		{
			name:    "short row",
			file:    fileSkills,
			content: skillsHeader + skillRow("99-0001.00", "2.A.1.a", "IM", "3.00") + "99-0001.00\t2.A.1.a\tMade-up Skill\tLV\t3.00\t8\t0.1\r\n",
			read:    (*onet).readSkills,
			want:    "Skills.txt:3: want 13 fields, got 7",
		},
		{
			name:    "bad float",
			file:    fileSkills,
			content: skillsHeader + skillRow("99-0001.00", "2.A.1.a", "IM", "3,x"),
			read:    (*onet).readSkills,
			want:    `Skills.txt:2: Data Value "3,x": invalid syntax`,
		},
		{
			name:    "rating off its scale",
			file:    fileSkills,
			content: skillsHeader + skillRow("99-0001.00", "2.A.1.a", "IM", "6.00"),
			read:    (*onet).readSkills,
			want:    "Skills.txt:2: Data Value 6 outside 1–5",
		},
		{
			name:    "unknown scale",
			file:    fileSkills,
			content: skillsHeader + skillRow("99-0001.00", "2.A.1.a", "XX", "3.00"),
			read:    (*onet).readSkills,
			want:    `Skills.txt:2: unknown scale "XX"`,
		},
		{
			name:    "missing column",
			file:    fileJobZones,
			content: "O*NET-SOC Code\tZone\r\n99-0001.00\t3\r\n",
			read:    (*onet).readJobZones,
			want:    `Job Zones.txt:1: missing column "Job Zone"`,
		},
		{
			name:    "job zone out of range",
			file:    fileJobZones,
			content: jobZonesHeader + "99-0001.00\t3\t08/2023\tAnalyst\r\n99-0002.00\t9\t08/2023\tAnalyst\r\n",
			read:    (*onet).readJobZones,
			want:    "Job Zones.txt:3: the Job Zone 9 is outside 1–5",
		},
		{
			name:    "high point out of range",
			file:    fileInterests,
			content: interestsHeader + "99-0001.00\t1.B.1.g\tFirst Interest High-Point\tIH\t9.00\t11/2023\tMade-up\r\n",
			read:    (*onet).readInterests,
			want:    "Interests.txt:2: high point 9 outside 0–6",
		},
		{
			name:    "unknown tier",
			file:    fileRelated,
			content: relatedHeader + "99-0001.00\t99-0002.00\tSecondary\t1\r\n",
			read:    (*onet).readRelated,
			want:    `Related Occupations.txt:2: unknown relatedness tier "Secondary"`,
		},
		{
			name:    "empty file",
			file:    fileJobZones,
			content: "",
			read:    (*onet).readJobZones,
			want:    "Job Zones.txt: empty file",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.read(newONet(), writeFile(t, tt.file, tt.content))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestIncompleteSkills(t *testing.T) {
	content := skillsHeader +
		skillRow("99-0001.00", "2.A.1.a", "IM", "3.00") + skillRow("99-0001.00", "2.A.1.a", "LV", "3.00") +
		skillRow("99-0001.00", "2.A.1.b", "IM", "3.00") + skillRow("99-0001.00", "2.A.1.b", "LV", "3.00") +
		skillRow("99-0002.00", "2.A.1.a", "IM", "3.00") + skillRow("99-0002.00", "2.A.1.a", "LV", "3.00")
	o := newONet()
	if _, err := o.readSkills(writeFile(t, fileSkills, content)); err != nil {
		t.Fatalf("readSkills: %v", err)
	}
	want := "Skills.txt: 99-0002.00 has 2 rows for 1 of 2 skills"
	if err := o.checkComplete(); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got error %v, want one containing %q", err, want)
	}
}

func TestMalformedProjections(t *testing.T) {
	good := "Made-up workers    * Made-up Alias,99-0001,\"1,234.50\",\"1,300.00\",65.5,5.3,12.1,\"50,000\",Bachelor's degree,3,None,4,None,6\r\n"
	tests := []struct {
		name, content, want string
	}{
		{"bad number", projHeader + good + "Other made-up workers,99-0002,\"1,2x\",3,1,1,1,N/A,None,8,None,4,None,6\r\n", `Employment Projections.csv:3: Employment 2024 "1,2x": invalid syntax`},
		{"wrong field count", projHeader + "Made-up workers,99-0001,1,2\r\n", "Employment Projections.csv:2: wrong number of fields"},
		{"missing column", "Occupation Title,Occupation Code\r\n", `Employment Projections.csv:1: missing column "Employment 2024"`},
		{"duplicate code", projHeader + good + good, "Employment Projections.csv:3: Occupation Code 99-0001 appears twice"},
		{"empty", "", "Employment Projections.csv: empty file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readProjections(writeFile(t, fileProjections, tt.content))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestReadProjectionsRow(t *testing.T) {
	content := projHeader + "Made-up workers    * Made-up Alias* Other Alias,99-0001,\"1,234.50\",\"1,300.00\",65.5,-5.3,12.1,\"50,000\",Bachelor's degree,3,Less than 5 years,2,Internship/residency,2\r\n"
	rows, n, err := readProjections(writeFile(t, fileProjections, content))
	if err != nil {
		t.Fatalf("readProjections: %v", err)
	}
	want := projectionRow{title: "Made-up workers", base: 1234.5, target: 1300, change: -5.3, openings: 12.1, education: "Bachelor's degree",
		experience: "Less than 5 years", training: "Internship/residency"}
	if n != 1 || rows["99-0001"] != want {
		t.Errorf("got %d rows, %+v, want 1 row, %+v", n, rows["99-0001"], want)
	}
}

// writeOEWS builds a small synthetic OEWS workbook from rows of cells.
func writeOEWS(t *testing.T, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheetOEWS); err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheetOEWS, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), fileOEWS)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadOEWS(t *testing.T) {
	header := []any{"AREA", "I_GROUP", "OCC_CODE", "OCC_TITLE", "O_GROUP", "TOT_EMP", "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90", "ANNUAL", "HOURLY"}
	row := func(code, group string, emp any, wages ...any) []any {
		return append([]any{99, "cross-industry", code, "Made-up Workers", group, emp}, wages...)
	}
	tests := []struct {
		name string
		rows [][]any
		want string // error substring; "" for success
	}{
		{"good", [][]any{header, row("99-0010", "broad", 1200, 30000, 40000, "#", "#", "#"), row("99-0010", "detailed", 1200, 30000, 40000, "#", "#", "#"), row("99-0011", "detailed", "**", "*", "*", "*", "*", "*", "", "TRUE")}, ""},
		{"bad employment", [][]any{header, row("99-0011", "detailed", "lots", 1, 2, 3, 4, 5)}, `national_M2024_dl.xlsx:2: TOT_EMP "lots": invalid syntax`},
		{"bad wage", [][]any{header, row("99-0011", "detailed", 10, 1, 2, "3.5", 4, 5)}, `national_M2024_dl.xlsx:2: A_MEDIAN "3.5": not a whole number`},
		{"duplicate", [][]any{header, row("99-0011", "detailed", 10, 1, 2, 3, 4, 5), row("99-0011", "detailed", 10, 1, 2, 3, 4, 5)}, "national_M2024_dl.xlsx:3: OCC_CODE 99-0011 appears twice"},
		{"missing column", [][]any{{"AREA", "OCC_CODE"}}, `national_M2024_dl.xlsx:1: missing column "I_GROUP"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, _, err := readOEWS(writeOEWS(t, tt.rows))
			if tt.want != "" {
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("got error %v, want one containing %q", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatalf("readOEWS: %v", err)
			}
			broad := rows["99-0010"]
			if broad.group != "broad" || *broad.wages[0].Value != 30000 || !broad.wages[2].AtLeast || *broad.wages[4].Value != TopAnnualWage {
				t.Errorf("99-0010: got %+v, want the broad row with # from the median up", broad)
			}
			hourly := rows["99-0011"]
			if hourly.employment != nil || hourly.wages[2].Value != nil {
				t.Errorf("99-0011: got employment %v, median %v, want both nil", hourly.employment, hourly.wages[2].Value)
			}
		})
	}
}

func TestMissingFile(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		read func() error
		want string
	}{
		{"tsv", func() error { _, err := readTSV(filepath.Join(dir, fileSkills), nil, nil); return err }, fileSkills},
		{"release", func() error { _, err := readRelease(filepath.Join(dir, fileReadMe)); return err }, fileReadMe},
		{"oews", func() error { _, _, err := readOEWS(filepath.Join(dir, fileOEWS)); return err }, fileOEWS},
		{"projections", func() error { _, _, err := readProjections(filepath.Join(dir, fileProjections)); return err }, fileProjections},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.read()
			if err == nil || !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want a not-exist error naming %s", err, tt.want)
			}
		})
	}
}

func TestReadRelease(t *testing.T) {
	tests := []struct {
		name, content, want, wantErr string
	}{
		{"good", "O*NET 29.3 Database\r\nMay 2025 Release\r\n----\r\n", "O*NET 29.3 Database (May 2025)", ""},
		{"unexpected", "Some other database\r\n", "", "Read Me.txt:1: want"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readRelease(writeFile(t, fileReadMe, tt.content))
			if got != tt.want || (err == nil) != (tt.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("got %q, %v, want %q, error containing %q", got, err, tt.want, tt.wantErr)
			}
		})
	}
}
