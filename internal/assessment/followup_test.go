package assessment

import (
	"strings"
	"testing"
	"testing/fstest"

	"rolefit/data"
)

func TestLoadFollowUps(t *testing.T) {
	b := loadBank(t)
	f, err := LoadFollowUps(data.FS, "followups.yaml", b)
	if err != nil {
		t.Fatalf("LoadFollowUps: %v", err)
	}
	if len(f.Scales) == 0 || len(f.Questions) < 10 {
		t.Fatalf("got %d scales and %d questions", len(f.Scales), len(f.Questions))
	}
	// Every scale is asked about by at least one option, or traits on it
	// could never be told apart.
	asked := map[string]bool{}
	for _, q := range f.Questions {
		for _, o := range q.Options {
			for _, s := range o.Signals {
				asked[s.Dimension] = true
			}
		}
	}
	for _, s := range f.Scales {
		if !asked[s.ID] {
			t.Errorf("scale %s: no follow-up option signals it", s.ID)
		}
	}
	raw, _ := data.FS.ReadFile("followups.yaml")
	for _, british := range []string{"colour", "organis", "behaviour", "centre"} {
		if strings.Contains(strings.ToLower(string(raw)), british) {
			t.Errorf("followups.yaml uses the British %q", british)
		}
	}
}

func TestFollowUpsMistakes(t *testing.T) {
	b := loadBank(t)
	raw, _ := data.FS.ReadFile("followups.yaml")
	tests := []struct{ name, from, to, want string }{
		{"unknown key", "\nscales:", "\nextra: 1\nscales:", "field extra not found"},
		{"bad anchor", "anchors: [artistic]", "anchors: [painting]", `anchor "painting"`},
		{"unknown signal", "{dimension: server_side, direction: high}]}", "{dimension: backend, direction: high}]}", `unknown dimension or scale "backend"`},
		{"bad direction", "direction: low}]}", "direction: down}]}", `direction "down"`},
		{"bad id", "id: fu_build", "id: build", `needs an id starting "fu_"`},
		{"one option", "      - {id: deep, text:", "      - {id: whole, text:", "needs a unique id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(string(raw), tt.from, tt.to, 1)
			if src == string(raw) {
				t.Fatalf("fixture: %q not found", tt.from)
			}
			_, err := LoadFollowUps(fstest.MapFS{"f.yaml": {Data: []byte(src)}}, "f.yaml", b)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestFollowUpEvidenceAndStorage(t *testing.T) {
	b := loadBank(t)
	f, err := LoadFollowUps(data.FS, "followups.yaml", b)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := f.Evidence(map[string]string{"fu_build": "api"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, e := range ev {
		got[e.Dimension] = e.Level
	}
	if got["server_side"] != 5 || len(got) != 1 {
		t.Errorf("evidence of choosing api: got %v, want server_side 5 and nothing for the options passed over", got)
	}
	ev, _ = f.Evidence(map[string]string{"fu_scope": "deep"})
	if len(ev) != 1 || ev[0] != (Evidence{Dimension: "end_to_end", Level: 1}) {
		t.Errorf("evidence of choosing a low option: got %v, want end_to_end 1", ev)
	}
	if _, err := f.Evidence(map[string]string{"fu_build": "nope"}); err == nil {
		t.Error("an unknown option gave no error")
	}
	if _, err := f.Evidence(map[string]string{"fu_nope": "api"}); err == nil {
		t.Error("an unknown follow-up gave no error")
	}
	stored, err := f.Store(map[string]string{"fu_build": "tooling", "fu_scope": "whole"})
	if err != nil {
		t.Fatal(err)
	}
	stored["q01"] = 4
	stored["fu_night"] = 9 // names no option: dropped, not an error
	answers, follow := f.Split(stored)
	if len(answers) != 1 || answers["q01"] != 4 || follow["fu_build"] != "tooling" || follow["fu_scope"] != "whole" || len(follow) != 2 {
		t.Errorf("round trip: got answers %v and follow-ups %v", answers, follow)
	}
	if _, err := f.Store(map[string]string{"fu_build": "nope"}); err == nil {
		t.Error("storing an unknown option gave no error")
	}
}
