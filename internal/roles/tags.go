package roles

import "slices"

// Tags describe a role's working conditions as data, so that pages can filter
// on them. Each field takes values from a closed vocabulary below; the catalog
// rejects anything else.
type Tags struct {
	Schedule []string `yaml:"schedule" json:"schedule"` // one or more of Schedules
	Remote   string   `yaml:"remote" json:"remote"`     // one of Remotes
	Physical string   `yaml:"physical" json:"physical"` // one of Physicals
	Hazards  []string `yaml:"hazards" json:"hazards"`   // zero or more of Hazards
	Travel   string   `yaml:"travel" json:"travel"`     // one of Travels
}

// IsZero reports whether no tag is set, i.e. the role file has no tags yet.
func (t Tags) IsZero() bool {
	return len(t.Schedule) == 0 && t.Remote == "" && t.Physical == "" && len(t.Hazards) == 0 && t.Travel == ""
}

// HasSchedule reports whether the role's schedule includes s.
func (t Tags) HasSchedule(s string) bool { return slices.Contains(t.Schedule, s) }

// The closed tag vocabularies, in the order pages list them. "standard"
// means mostly daytime weekday hours.
var (
	Schedules = []string{"standard", "shifts", "nights", "weekends", "on_call", "seasonal", "irregular"}
	Remotes   = []string{"none", "some", "often", "mostly"}
	Physicals = []string{"sedentary", "light", "moderate", "heavy"}
	Hazards   = []string{"heights", "machinery", "vehicles", "chemicals", "infection", "violence", "weather",
		"electrical", "radiation", "noise", "heat", "sharp_tools", "animals"}
	Travels = []string{"none", "some", "frequent"}
)
