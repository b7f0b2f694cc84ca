package catalog

import (
	"regexp"
	"strings"
	"testing"

	"rolefit/data"
	"rolefit/internal/roles"
)

// educationWords says, per BLS typical entry-level education, what a
// how_to_become text must mention somewhere (case aside): a cheap check
// that the prose does not contradict the figure shown beside it. Levels
// without an entry (high school, no formal credential) ask for nothing.
var educationWords = map[string]*regexp.Regexp{
	"Doctoral or professional degree": regexp.MustCompile(`(?i)\b(doctoral|doctorate|doctor of \w+|ph\.?\s?d|m\.?d|(?-i:D\.O)|osteopathic|dds|dmd|j\.?d|pharm\.?\s?d|dvm|vmd|dpt|o\.?d|au\.?d|psy\.?d|ed\.?d|dnp|` +
		`professional degree|(law|medical|dental|veterinary|pharmacy|optometry|chiropractic|podiatr\w*) (school|degree|program)|residency)\b`),
	"Master's degree":               regexp.MustCompile(`(?i)\b(master\w*|graduate (degree|program|school|study|studies)|m\.?s\.?w|mba|mph|m\.?ed|mlis|mls|msn|mfa|mpa|m\.?s|m\.?a)\b`),
	"Bachelor's degree":             regexp.MustCompile(`(?i)\b(bachelor\w*|degrees?|b\.?s\.?n|four-year)\b`),
	"Associate's degree":            regexp.MustCompile(`(?i)\b(associate's|associate degree|associate of|degrees?|two-year)\b`),
	"Postsecondary nondegree award": regexp.MustCompile(`(?i)\b(certificat\w*|diploma|programs?|courses?|school|academy|training|licen[cs]\w*|apprentice\w*)\b`),
	"Some college, no degree":       regexp.MustCompile(`(?i)\b(college|courses?|classes|credits)\b`),
}

// becomeMismatch returns why a how_to_become text does not fit the
// occupation's BLS entry education, or "".
func becomeMismatch(r roles.Role, o roles.Occupation) string {
	if r.HowToBecome == "" || o.Outlook == nil {
		return ""
	}
	re, ok := educationWords[o.Outlook.Education]
	if !ok || re.MatchString(r.HowToBecome) {
		return ""
	}
	return "BLS gives " + o.Title + " a typical entry education of \"" + o.Outlook.Education + "\", but how_to_become never mentions it (looked for " + re.String() + ")"
}

func TestHowToBecomeFitsBLSEducation(t *testing.T) {
	c, err := Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range c.Roles {
		if why := becomeMismatch(r, c.Occupations[r.ONetCode]); why != "" {
			t.Errorf("role %q: %s", r.Slug, why)
		}
	}
}

func TestBecomeMismatch(t *testing.T) {
	occ := func(edu string) roles.Occupation {
		return roles.Occupation{Title: "Made-up Workers", Outlook: &roles.Outlook{Education: edu}}
	}
	tests := []struct {
		edu, text string
		ok        bool
	}{
		{"Doctoral or professional degree", "Dentists finish dental school and pass the licensing exams.", true},
		{"Doctoral or professional degree", "After an M.D. or D.O., a residency of three to seven years follows.", true},
		{"Doctoral or professional degree", "Most hold a bachelor's degree in biology and do well with doctors.", false},
		{"Master's degree", "A master's in counseling and 3,000 supervised hours.", true},
		{"Master's degree", "An MSW and state licensure.", true},
		{"Master's degree", "A bachelor's degree is enough.", false},
		{"Bachelor's degree", "A degree in accounting and the CPA exam.", true},
		{"Bachelor's degree", "Learn on the job from a senior.", false},
		{"Associate's degree", "An associate's degree in radiography.", true},
		{"Postsecondary nondegree award", "A state-approved program and the NCLEX-PN.", true},
		{"High school diploma or equivalent", "Anything at all.", true},
		{"Bachelor's degree", "", true}, // not written yet
	}
	for _, tt := range tests {
		why := becomeMismatch(roles.Role{HowToBecome: tt.text}, occ(tt.edu))
		if (why == "") != tt.ok {
			t.Errorf("%s / %q: got %q, want ok=%v", tt.edu, tt.text, why, tt.ok)
		}
	}
	if why := becomeMismatch(roles.Role{HowToBecome: "On the job."}, occ("Master's degree")); !strings.Contains(why, `"Master's degree"`) || !strings.Contains(why, "Made-up Workers") {
		t.Errorf("message %q should name the occupation and its education", why)
	}
}
