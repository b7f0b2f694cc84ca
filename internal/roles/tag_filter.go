package roles

import "slices"

// TagFilter keeps the roles whose working conditions fit a reader's limits.
// The zero value keeps every role.
type TagFilter struct {
	Avoid     []string // schedule values a role must not have, e.g. "nights"
	Remote    string   // least remote work wanted, one of Remotes; "" for any
	Physical  string   // most physical demand accepted, one of Physicals; "" for any
	NoHazards bool     // only roles tagged with no hazards
}

// IsZero reports whether the filter keeps every role.
func (f TagFilter) IsZero() bool {
	return len(f.Avoid) == 0 && f.Remote == "" && f.Physical == "" && !f.NoHazards
}

// Keep reports whether a role with tags t passes the filter. A role without
// tags passes only the zero filter: nothing is known of its conditions, so
// it cannot be promised to fit any limit.
func (f TagFilter) Keep(t Tags) bool {
	if f.IsZero() {
		return true
	}
	if t.IsZero() {
		return false
	}
	for _, s := range f.Avoid {
		if slices.Contains(t.Schedule, s) {
			return false
		}
	}
	// Remotes and Physicals are ordered from least to most.
	if f.Remote != "" && slices.Index(Remotes, t.Remote) < slices.Index(Remotes, f.Remote) {
		return false
	}
	if f.Physical != "" && slices.Index(Physicals, t.Physical) > slices.Index(Physicals, f.Physical) {
		return false
	}
	return !f.NoHazards || len(t.Hazards) == 0
}
