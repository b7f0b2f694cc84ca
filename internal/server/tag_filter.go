package server

import (
	"net/url"
	"slices"

	"rolefit/internal/roles"
)

// The query parameters of the working-conditions filter, shared by the
// category page and the results page.
const (
	paramAvoid    = "avoid"    // repeated: schedule values to leave out
	paramRemote   = "remote"   // least remote work wanted
	paramPhysical = "physical" // most physical demand accepted
	paramHazards  = "hazards"  // "none": only roles without hazards
)

// The choices the form offers; the schedule ones are the tags people most
// often want to avoid.
var (
	avoidChoices = []option{
		{Value: "nights", Label: "No night work"}, {Value: "weekends", Label: "No weekend work"},
		{Value: "on_call", Label: "No on-call duty"}, {Value: "shifts", Label: "No shift work"},
		{Value: "irregular", Label: "No irregular hours"},
	}
	remoteChoices = []option{
		{Value: "some", Label: "At least sometimes possible"}, {Value: "often", Label: "Often possible"},
		{Value: "mostly", Label: "Mostly remote"},
	}
	physicalChoices = []option{
		{Value: "sedentary", Label: "Mostly sitting"}, {Value: "light", Label: "Light at most"},
		{Value: "moderate", Label: "Not heavy"},
	}
)

// tagFilterFrom reads the filter from a query. Values the form never
// offers are ignored, like the page's other filters do.
func tagFilterFrom(q url.Values) roles.TagFilter {
	var f roles.TagFilter
	for _, o := range avoidChoices {
		if slices.Contains(q[paramAvoid], o.Value) {
			f.Avoid = append(f.Avoid, o.Value)
		}
	}
	if v := q.Get(paramRemote); hasChoice(remoteChoices, v) {
		f.Remote = v
	}
	if v := q.Get(paramPhysical); hasChoice(physicalChoices, v) {
		f.Physical = v
	}
	f.NoHazards = q.Get(paramHazards) == "none"
	return f
}

func hasChoice(opts []option, v string) bool {
	return slices.ContainsFunc(opts, func(o option) bool { return o.Value == v })
}

// tagFilterView is the filter's form state.
type tagFilterView struct {
	Avoid, Remote, Physical []option
	NoHazards, Active       bool
}

func newTagFilterView(f roles.TagFilter) tagFilterView {
	v := tagFilterView{NoHazards: f.NoHazards, Active: !f.IsZero()}
	mark := func(opts []option, on func(string) bool) []option {
		out := slices.Clone(opts)
		for i := range out {
			out[i].Selected = on(out[i].Value)
		}
		return out
	}
	v.Avoid = mark(avoidChoices, func(s string) bool { return slices.Contains(f.Avoid, s) })
	v.Remote = mark(remoteChoices, func(s string) bool { return s == f.Remote })
	v.Physical = mark(physicalChoices, func(s string) bool { return s == f.Physical })
	return v
}

// addTagFilter writes f into q, for links that keep the filter.
func addTagFilter(q url.Values, f roles.TagFilter) {
	for _, s := range f.Avoid {
		q.Add(paramAvoid, s)
	}
	if f.Remote != "" {
		q.Set(paramRemote, f.Remote)
	}
	if f.Physical != "" {
		q.Set(paramPhysical, f.Physical)
	}
	if f.NoHazards {
		q.Set(paramHazards, "none")
	}
}
