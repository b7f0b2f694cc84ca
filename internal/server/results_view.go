package server

import (
	"cmp"
	"slices"
	"strings"

	"rolefit/internal/assessment"
	"rolefit/internal/matching"
	"rolefit/internal/roles"
	"rolefit/internal/store"
)

// topMatches is how many matches get a card, with their explanation; the
// rest are rows of the table.
const topMatches = 10

// summaryMatches is how many matches the first screen names.
const summaryMatches = 5

type matchView struct {
	target
	Rank     int
	Tier     int
	Tied     bool // in the same tier as the match before it
	Fit      int
	Band     string
	BandKey  string
	Reasons  []pointView
	Stretch  []pointView
	Mismatch *pointView
	RoleCode string
	Starred  bool   // on the result's shortlist
	Next     string // the id of the card or row after this one: where "Not for me" comes back to
}

// tierView is a group of matches within measurement error of each other,
// named together on the first screen.
type tierView struct{ Matches []matchView }

// shortlistItem is one starred role, with its fit when it is in the ranking.
type shortlistItem struct {
	target
	Fit       int
	Band      string
	Comparing bool // checked in the compare form (the first four)
}

// sortLink is one column heading of the table: its sort link and whether
// the table is sorted by it.
type sortLink struct {
	Key, Label, URL string
	Current         bool
	Order           string // aria-sort of the current column
}

type resultsView struct {
	ID            string
	Refine        string // link to the follow-up questions, "" when settled
	MaxFollowUps  int
	Created       string
	ShareURL      string // the page's full address, to copy
	Flags         []assessment.Flag
	LowConfidence bool
	Code          string
	Summary       []tierView // the first screen: the best matches, by tier
	Top           []matchView
	Rest          []matchView // one page of the table
	Hidden        []target
	Shown, Total  int
	Shortlist     []shortlistItem
	ShortlistMax  int
	CompareMin    int
	CompareMax    int
	Categories    []option
	Educations    []option
	Query         resultsQuery
	QueryString   string // Query encoded, for forms that come back here
	Tags          tagFilterView
	Sorts         []sortLink
	RowsFrom      int    // the first row's position in the table, from 1
	RowsTo        int    // the last row's
	RowsTotal     int    // rows of the table on every page
	PageSize      int    // rows on a page of the table
	PrevURL       string // the table's previous page; "" on the first
	NextURL       string
	Interests     []barView
	Strengths     []barView
	ChartHeight   int
	Flash         string
}

func (s *Server) newResultsView(ev *evaluation, rq resultsQuery) resultsView {
	v := resultsView{ID: ev.Result.ID, Refine: s.refineLink(ev), MaxFollowUps: assessment.MaxFollowUps,
		Created: ev.Result.CreatedAt.Format("2 January 2006"), Flags: ev.Score.Flags,
		LowConfidence: ev.Ranking.LowConfidence, Code: ev.Score.Code, Total: len(ev.Ranking.Matches), Query: rq,
		QueryString: rq.Encode(), Tags: newTagFilterView(rq.Tags), ShortlistMax: store.ShortlistMax,
		CompareMin: compareMin, CompareMax: compareMax}
	hidden := map[string]bool{}
	for _, slug := range ev.Result.Hidden {
		if t, ok := s.targets[slug]; ok {
			hidden[slug] = true
			v.Hidden = append(v.Hidden, t)
		}
	}
	starred := map[string]bool{}
	for _, slug := range ev.Result.Shortlist {
		starred[slug] = true
	}
	explain, explainErr := s.index.Explainer(ev.Person)
	var rows []matchView
	for i, m := range ev.Ranking.Matches {
		t, ok := s.targets[m.Slug]
		if !ok || hidden[m.Slug] || (rq.Category != "" && t.Category != rq.Category) || !roles.EducationAtMost(t.Education, rq.Education) || !rq.Tags.Keep(t.Tags) {
			continue
		}
		mv := matchView{target: t, Rank: i + 1, Tier: m.Tier, Fit: m.Fit, Band: m.Band().Label(), BandKey: string(m.Band()), Starred: starred[m.Slug]}
		if i > 0 && ev.Ranking.Matches[i-1].Tier == m.Tier {
			mv.Tied = true
		}
		if len(v.Top) < topMatches {
			if explainErr == nil {
				if ex, err := explain(m.Slug); err == nil {
					s.fillExplanation(&mv, ex)
				}
			}
			v.Top = append(v.Top, mv)
		} else {
			rows = append(rows, mv)
		}
	}
	v.Shown = len(v.Top) + len(rows)
	for i := range v.Top {
		v.Top[i].Next = "matches-h"
		switch {
		case i+1 < len(v.Top):
			v.Top[i].Next = "m-" + v.Top[i+1].Slug
		case len(rows) > 0:
			v.Top[i].Next = "rest-h"
		}
	}
	v.Summary = summaryTiers(v.Top)
	s.fillTable(&v, rows, rq)
	v.Shortlist = s.shortlistItems(ev)
	for _, cat := range s.cat.Categories {
		v.Categories = append(v.Categories, option{Value: cat.Slug, Label: cat.Name, Selected: cat.Slug == rq.Category})
	}
	v.Educations = educationOptions(roles.EducationScale, rq.Education)
	v.Interests, v.Strengths, v.ChartHeight = s.strengthBars(ev.Score)
	return v
}

// summaryTiers groups the first summaryMatches cards by tier.
func summaryTiers(top []matchView) []tierView {
	var out []tierView
	for i, m := range top[:min(len(top), summaryMatches)] {
		if i > 0 && m.Tied {
			out[len(out)-1].Matches = append(out[len(out)-1].Matches, m)
			continue
		}
		out = append(out, tierView{Matches: []matchView{m}})
	}
	return out
}

// shortlistItems are the result's starred roles, in the order starred.
func (s *Server) shortlistItems(ev *evaluation) []shortlistItem {
	fits := map[string]int{}
	for _, m := range ev.Ranking.Matches {
		fits[m.Slug] = m.Fit
	}
	var out []shortlistItem
	comparing := 0
	for _, slug := range ev.Result.Shortlist {
		t, ok := s.targets[slug]
		if !ok {
			continue
		}
		it := shortlistItem{target: t, Fit: fits[slug], Band: matching.BandFor(fits[slug]).Label()}
		if t.IsRole && comparing < compareMax {
			it.Comparing = true
			comparing++
		}
		out = append(out, it)
	}
	return out
}

// tableColumns are the table's sortable columns, in order.
var tableColumns = []string{"title", "fit", "pay", "growth", "education"}

// sortLabels are the table's column headings, by sort key.
var sortLabels = map[string]string{"fit": "Fit", "title": "Career", "pay": "Median pay", "growth": "Growth", "education": "Typical education"}

// fillTable sorts the matches after the cards as rq asks and keeps the
// page of them rq names, with the links to sort and to turn pages.
func (s *Server) fillTable(v *resultsView, rows []matchView, rq resultsQuery) {
	sortRows(rows, rq.Sort)
	current := cmp.Or(rq.Sort, "fit")
	for _, k := range tableColumns {
		l := sortLink{Key: k, Label: sortLabels[k], URL: rq.withSort(k).url(v.ID, "rest-h"), Current: k == current}
		if l.Current {
			l.Order = "descending"
			if k == "title" || k == "education" {
				l.Order = "ascending"
			}
		}
		v.Sorts = append(v.Sorts, l)
	}
	v.RowsTotal, v.PageSize = len(rows), tablePageSize
	pages := max(1, (len(rows)+tablePageSize-1)/tablePageSize)
	page := min(rq.Page, pages)
	from, to := (page-1)*tablePageSize, min(len(rows), page*tablePageSize)
	v.Rest = rows[from:to]
	v.RowsFrom, v.RowsTo = from+1, to
	if page > 1 {
		v.PrevURL = rq.withPage(page-1).url(v.ID, "rest-h")
	}
	if page < pages {
		v.NextURL = rq.withPage(page+1).url(v.ID, "rest-h")
	}
}

// sortRows orders the table: by fit (the ranking's order), title, median
// pay or growth (highest first) or education (least first). Matches
// without the figure go last; ties keep the ranking's order.
func sortRows(rows []matchView, key string) {
	missingLast := func(ha, hb bool) int {
		switch {
		case ha && !hb:
			return -1
		case !ha && hb:
			return 1
		}
		return 0
	}
	by := map[string]func(a, b matchView) int{
		"title": func(a, b matchView) int { return strings.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)) },
		"pay": func(a, b matchView) int {
			return cmp.Or(missingLast(a.Pay > 0, b.Pay > 0), cmp.Compare(b.Pay, a.Pay))
		},
		"growth": func(a, b matchView) int {
			return cmp.Or(missingLast(a.HasGrowth, b.HasGrowth), cmp.Compare(b.Growth, a.Growth))
		},
		"education": func(a, b matchView) int {
			ra, rb := roles.EducationRank(a.Education), roles.EducationRank(b.Education)
			return cmp.Or(missingLast(ra > 0, rb > 0), cmp.Compare(ra, rb))
		},
	}[key]
	if by == nil {
		return
	}
	slices.SortStableFunc(rows, func(a, b matchView) int { return cmp.Or(by(a, b), cmp.Compare(a.Rank, b.Rank)) })
}

// GrowthText is the growth figure for a table cell.
func (t target) GrowthText() string {
	if !t.HasGrowth {
		return "not published"
	}
	return percent(t.Growth)
}
