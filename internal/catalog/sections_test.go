package catalog

import (
	"strings"
	"testing"
	"testing/fstest"
)

// sectionsYAML is the issue 11 part of a role file: how_to_become,
// work_environment, tags and traits. firstTrait varies it per role.
func sectionsYAML(firstTrait string) string {
	return "how_to_become: " + strings.Repeat("path ", 150) +
		"\nwork_environment: " + strings.Repeat("place ", 100) +
		"\ntags:\n  schedule: [standard, on_call]\n  remote: some\n  physical: sedentary\n  hazards: []\n  travel: none\n" +
		"traits:\n" +
		"  - {text: \"" + firstTrait + "\", dimension: stress_tolerance, direction: high, strength: 2}\n" +
		"  - {text: \"would rather not spend the day talking\", dimension: social_orientation, direction: low, strength: 1}\n" +
		"  - {text: \"enjoys designing the data behind a service\", dimension: server_side, direction: high, strength: 2}\n"
}

// complete builds the smallest catalog that passes validation, for
// mutation: the bare catalog with every issue 11 section on both roles.
func complete(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := bare(t)
	for file, first := range map[string]string{"roles/a-role.yaml": "stays calm when production breaks at night", "roles/b-role.yaml": "keeps going through a long outage"} {
		s := string(fsys[file].Data)
		s = strings.Replace(s, "related:", sectionsYAML(first)+"related:", 1)
		fsys[file] = &fstest.MapFile{Data: []byte(s)}
	}
	// Give b-role a trait a-role lacks, so the two siblings differ.
	replaceIn(t, fsys, "roles/b-role.yaml", "dimension: stress_tolerance, direction: high", "dimension: persistence, direction: high")
	return fsys
}

func replaceIn(t *testing.T, fsys fstest.MapFS, file, from, to string) {
	t.Helper()
	s := string(fsys[file].Data)
	if !strings.Contains(s, from) {
		t.Fatalf("%s lacks %q", file, from)
	}
	fsys[file] = &fstest.MapFile{Data: []byte(strings.Replace(s, from, to, 1))}
}

func wantLoadError(t *testing.T, fsys fstest.MapFS, want string) {
	t.Helper()
	_, err := Load(fsys)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got error %v, want one containing %q", err, want)
	}
}

func TestSectionsLoad(t *testing.T) {
	c, err := Load(complete(t))
	if err != nil {
		t.Fatalf("complete catalog should load: %v", err)
	}
	if err := c.validate(true); err != nil {
		t.Fatalf("complete catalog should pass with sections required: %v", err)
	}
	r, _ := c.Role("a-role")
	if got := countWords(r.HowToBecome); got != 150 {
		t.Errorf("how_to_become: got %d words, want 150", got)
	}
	if got := strings.Join(r.Tags.Schedule, ","); got != "standard,on_call" || r.Tags.Remote != "some" || !r.Tags.HasSchedule("on_call") {
		t.Errorf("tags: got %+v", r.Tags)
	}
	if len(r.Traits) != 3 || r.Traits[2].Dimension != "server_side" || r.Traits[1].Direction != "low" || r.Traits[0].Strength != 2 {
		t.Errorf("traits: got %+v", r.Traits)
	}
	if s, ok := c.Scale("incident_response"); !ok || s.Name == "" {
		t.Errorf("follow-up scale incident_response: got %+v, %v", s, ok)
	}
	if got := len(c.Scales); got != 11 {
		t.Errorf("got %d follow-up scales, want 11", got)
	}
}

// TestRequiredSections proves the checks behind requireIssue11Sections: a
// role without the sections fails to load, naming each missing part, and
// loads when they are optional.
func TestRequiredSections(t *testing.T) {
	_, err := Load(bare(t))
	for _, want := range []string{
		`role "a-role": section how_to_become is missing`,
		`role "a-role": section work_environment is missing`,
		`role "a-role": tags are missing`,
		`role "b-role": traits are missing`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want an error containing %q", err, want)
		}
	}
	if !requireIssue11Sections {
		t.Error("requireIssue11Sections is off, but every role has the issue 11 sections")
	}
}

func TestSectionMistakes(t *testing.T) {
	const a = "roles/a-role.yaml"
	tests := []struct {
		name, from, to, wantErr string
	}{
		{"short how_to_become", strings.Repeat("path ", 150), "path path", "section how_to_become has 2 words, want 100–220"},
		{"long work_environment", strings.Repeat("place ", 100), strings.Repeat("place ", 181), "section work_environment has 181 words, want 80–180"},
		{"unknown schedule", "schedule: [standard, on_call]", "schedule: [standard, oncall]", `tags.schedule: "oncall" is not one of standard, shifts`},
		{"empty schedule", "schedule: [standard, on_call]", "schedule: []", "tags.schedule needs at least one of"},
		{"duplicate schedule", "schedule: [standard, on_call]", "schedule: [nights, nights]", `tags.schedule: "nights" is listed twice`},
		{"bad remote", "remote: some", "remote: hybrid", `tags.remote: "hybrid" is not one of none, some, often, mostly`},
		{"no physical", "  physical: sedentary\n", "", `tags.physical: "" is not one of`},
		{"bad hazard", "hazards: []", "hazards: [sharks]", `tags.hazards: "sharks" is not one of`},
		{"duplicate hazard", "hazards: []", "hazards: [heat, heat]", `tags.hazards: "heat" is listed twice`},
		{"bad travel", "travel: none", "travel: always", `tags.travel: "always"`},
		{"unknown tag key", "travel: none", "travels: none", "field travels not found in type roles.Tags"},
		{"too few traits", "  - {text: \"enjoys designing the data behind a service\", dimension: server_side, direction: high, strength: 2}\n", "", "has 2 traits, want 3–6"},
		{"final period", "stays calm when production breaks at night", "stays calm when production breaks at night.", "must not end with a period"},
		{"capital start", "stays calm when production breaks at night", "Stays calm when production breaks at night", "must start lower-case"},
		{"short text", "stays calm when production breaks at night", "calm", "trait 1 (stress_tolerance): text has 1 words, want 3–12"},
		{"unknown dimension", "dimension: server_side", "dimension: grit", `trait 3 (grit): "grit" is neither a question-bank dimension nor a follow-up scale`},
		{"follow-up scale outside technology", "category: technology", "category: other", `trait 3 (server_side): follow-up scales are for technology roles only`},
		{"same dimension twice", "dimension: server_side", "dimension: stress_tolerance", "trait 3 (stress_tolerance): a second trait on the same dimension"},
		{"bad direction", "direction: low", "direction: down", `direction "down", want high or low`},
		{"bad strength", "strength: 1", "strength: 3", "strength 3, want 1 or 2"},
		{"unknown trait key", "strength: 1}", "strength: 1, weight: 2}", "field weight not found in type roles.Trait"},
		{"identical sibling traits", "dimension: stress_tolerance, direction: high", "dimension: persistence, direction: high",
			`roles "a-role" and "b-role" share occupation 15-1254.00 and have identical traits`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := complete(t)
			replaceIn(t, fsys, a, tt.from, tt.to)
			wantLoadError(t, fsys, tt.wantErr)
		})
	}
}

// TestFollowUpScaleMistakes: the scales traits may name are checked here;
// the whole file (anchors, questions, unknown keys) is decoded strictly by
// package assessment (TestLoadFollowUps).
func TestFollowUpScaleMistakes(t *testing.T) {
	tests := []struct {
		name, from, to, wantErr string
	}{
		{"duplicate id", "id: networking", "id: infrastructure", `follow-up scale "infrastructure": id already used`},
		{"clash with a dimension", "id: networking", "id: mathematics", `follow-up scale "mathematics": id already used`},
		{"no description", "description: Routers", "summary: Routers", "needs a snake_case id, a name and a description"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := complete(t)
			replaceIn(t, fsys, FollowUpsFile, tt.from, tt.to)
			wantLoadError(t, fsys, tt.wantErr)
		})
	}
}
