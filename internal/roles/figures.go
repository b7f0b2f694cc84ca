package roles

import "strings"

// How the BLS row behind an occupation's figures relates to the occupation,
// as FiguresGroup.Level says it. Only GroupOccupation is the occupation's
// own row; every other level is a wider group the occupation belongs to.
const (
	// GroupOccupation: the SOC occupation itself, which O*NET does not split
	// ("15-1254.00 Web Developers" → SOC 15-1254).
	GroupOccupation = "occupation"
	// GroupDetailed: a detailed SOC occupation that O*NET splits into
	// several, this one among them ("35-3023.01 Baristas" → SOC 35-3023
	// Fast food and counter workers).
	GroupDetailed = "detailed"
	// GroupAllOther: a SOC "all other" catch-all of occupations without a
	// code of their own ("15-1299.04 Penetration Testers" → SOC 15-1299).
	GroupAllOther = "all_other"
	// GroupMerged, GroupBroad, GroupMinor: BLS publishes only a combined
	// code, the broad group or the minor group (see roles.Source.Level).
	GroupMerged = "merged"
	GroupBroad  = "broad"
	GroupMinor  = "minor"
)

// FiguresGroup names the BLS group whose pay, employment and outlook an
// occupation's pages show.
type FiguresGroup struct {
	SOCCode string `json:"soc_code"`
	Title   string `json:"title"`
	Level   string `json:"level"`
}

// Own reports whether the figures are the occupation's own rather than a
// wider group's.
func (g FiguresGroup) Own() bool { return g.Level == GroupOccupation }

// FiguresFor returns the group whose figures o carries: the row of its pay,
// or of its outlook when BLS publishes no wages for it. ok is false when o
// has neither. The title is the Employment Projections one when that row is
// the same code, because EP writes titles in sentence case, which reads
// better inside a sentence than OEWS's title case.
func FiguresFor(o Occupation) (g FiguresGroup, ok bool) {
	var src Source
	switch {
	case o.Pay != nil:
		src = o.Pay.Source
	case o.Outlook != nil:
		src = o.Outlook.Source
	default:
		return FiguresGroup{}, false
	}
	g = FiguresGroup{SOCCode: src.SOCCode, Title: src.SOCTitle}
	if o.Outlook != nil && o.Outlook.Source.SOCCode == src.SOCCode && o.Outlook.Source.SOCTitle != "" {
		g.Title = o.Outlook.Source.SOCTitle
	}
	if g.Title == "" {
		g.Title = o.Title
	}
	switch {
	case src.Level == GroupMerged || src.Level == GroupBroad || src.Level == GroupMinor:
		g.Level = src.Level
	case strings.Contains(strings.ToLower(g.Title), "all other"):
		g.Level = GroupAllOther
	case !strings.HasSuffix(o.ONetCode, ".00"):
		g.Level = GroupDetailed
	default:
		g.Level = GroupOccupation
	}
	return g, true
}
