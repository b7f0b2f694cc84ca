package server

import (
	"strings"

	"rolefit/internal/roles"
)

// Reader-facing names of the tag vocabularies of roles.Tags, shared by the
// profile page's work environment list and the filter forms.
var (
	scheduleLabels = map[string]string{
		"standard": "daytime on weekdays", "shifts": "shift work", "nights": "nights", "weekends": "weekends",
		"on_call": "on call", "seasonal": "seasonal peaks", "irregular": "irregular hours",
	}
	remoteLabels = map[string]string{
		"none": "not possible: the work is on site", "some": "possible some of the time",
		"often": "often possible", "mostly": "mostly remote",
	}
	physicalLabels = map[string]string{
		"sedentary": "sedentary: mostly sitting", "light": "light: some standing and walking, little lifting",
		"moderate": "moderate: on your feet, with some lifting", "heavy": "heavy: lifting, climbing, sustained effort",
	}
	hazardLabels = map[string]string{
		"heights": "heights", "machinery": "moving machinery", "vehicles": "vehicles and traffic", "chemicals": "chemicals",
		"infection": "infection", "violence": "aggression or violence", "weather": "bad weather", "electrical": "electricity",
		"radiation": "radiation", "noise": "loud noise", "heat": "heat", "sharp_tools": "sharp tools", "animals": "animals",
	}
	travelLabels = map[string]string{"none": "little or none", "some": "some", "frequent": "frequent"}
)

// tagRow is one line of the work environment list.
type tagRow struct{ Name, Value string }

// tagRows spells a role's tags out for reading; nil when it has none.
func tagRows(t roles.Tags) []tagRow {
	if t.IsZero() {
		return nil
	}
	hazards := "none in particular"
	if len(t.Hazards) > 0 {
		hazards = labelList(t.Hazards, hazardLabels)
	}
	rows := []tagRow{
		{"Schedule", labelList(t.Schedule, scheduleLabels)},
		{"Remote work", remoteLabels[t.Remote]},
		{"Physical demands", physicalLabels[t.Physical]},
		{"Hazards", hazards},
		{"Travel", travelLabels[t.Travel]},
	}
	for i := range rows {
		rows[i].Value = capitalize(rows[i].Value)
	}
	return rows
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// labelList joins the reader-facing labels of tag values; semicolons,
// because a label may hold a comma.
func labelList(values []string, labels map[string]string) string {
	names := make([]string, len(values))
	for i, v := range values {
		names[i] = labels[v]
	}
	return strings.Join(names, "; ")
}
