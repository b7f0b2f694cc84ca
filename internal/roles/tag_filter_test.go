package roles

import "testing"

func TestTagFilterKeep(t *testing.T) {
	office := Tags{Schedule: []string{"standard", "on_call"}, Remote: "often", Physical: "sedentary", Hazards: []string{}, Travel: "none"}
	ward := Tags{Schedule: []string{"shifts", "nights", "weekends"}, Remote: "none", Physical: "moderate", Hazards: []string{"infection"}, Travel: "none"}
	site := Tags{Schedule: []string{"standard", "seasonal"}, Remote: "none", Physical: "heavy", Hazards: []string{"heights", "machinery"}, Travel: "some"}
	tests := []struct {
		name               string
		f                  TagFilter
		office, ward, site bool
	}{
		{"zero keeps all", TagFilter{}, true, true, true},
		{"no nights", TagFilter{Avoid: []string{"nights"}}, true, false, true},
		{"no on-call, no nights", TagFilter{Avoid: []string{"on_call", "nights"}}, false, false, true},
		{"remote possible", TagFilter{Remote: "some"}, true, false, false},
		{"mostly remote", TagFilter{Remote: "mostly"}, false, false, false},
		{"not heavy", TagFilter{Physical: "moderate"}, true, true, false},
		{"sedentary", TagFilter{Physical: "sedentary"}, true, false, false},
		{"no hazards", TagFilter{NoHazards: true}, true, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, c := range []struct {
				name string
				tags Tags
				want bool
			}{{"office", office, tt.office}, {"ward", ward, tt.ward}, {"site", site, tt.site}} {
				if got := tt.f.Keep(c.tags); got != c.want {
					t.Errorf("%s: got %v, want %v", c.name, got, c.want)
				}
			}
			if got := tt.f.Keep(Tags{}); got != tt.f.IsZero() {
				t.Errorf("untagged role: got %v, want %v", got, tt.f.IsZero())
			}
		})
	}
}
