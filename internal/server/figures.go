package server

import (
	"fmt"
	"math"
	"strings"

	"rolefit/internal/roles"
)

// figuresView is an occupation's BLS figures formatted for reading, shared
// by role and occupation pages. BLS publishes figures for SOC occupations
// and groups, almost never for the kind of work a role describes, so every
// sentence here names the group the numbers belong to and none gives them
// to the role.
type figuresView struct {
	Group      roles.FiguresGroup
	GroupName  string // the group's title in quotation marks, as sentences use it
	Intro      string // whose figures these are, in one sentence
	Pay        payView
	Outlook    outlookView
	Employment string
	Education  string
	Sources    []string
	Prep       preparationView // BLS entry requirements and O*NET's education survey
}

type payView struct {
	Median, Low, High string
	Year              int
	HasRange          bool
	Text              string // the range bar's text equivalent
	Bar               barGeometry
}

// barGeometry places the 10th, median and 90th percentile on a 600-unit
// axis running from $0 to a fixed top, so bars compare across roles.
type barGeometry struct{ X10, XMed, X90, Width int }

const barTop = 250000

type outlookView struct {
	Change   string
	To       int
	Versus   string
	Sentence string
}

// newFigures formats o's figures for a page about name: a role's title, or
// "" on the occupation's own page.
func newFigures(o roles.Occupation, name string) figuresView {
	v := figuresView{Employment: "not published", Education: "not published", Prep: newPreparation(o)}
	g, ok := roles.FiguresFor(o)
	if !ok {
		v.Intro = "BLS publishes no pay, employment or outlook figures for this occupation or any group it belongs to."
		v.Pay.Text = "BLS publishes no pay figures for this occupation."
		v.Outlook.Sentence = "BLS publishes no projections for this occupation."
		v.Sources = appendSurveySource(v.Sources, o)
		return v
	}
	v.Group, v.GroupName = g, "“"+g.Title+"”"
	v.Intro = figuresIntro(g, o, name)
	if pay := o.Pay; pay != nil {
		v.Pay = payView{Median: wageK(pay.Median), Low: wageK(pay.P10), High: wageK(pay.P90), Year: pay.Year}
		if pay.P10.Value != nil && pay.Median.Value != nil && pay.P90.Value != nil {
			v.Pay.HasRange = true
			x := func(w int) int { return min(600, w*600/barTop) }
			v.Pay.Bar = barGeometry{X10: x(*pay.P10.Value), XMed: x(*pay.Median.Value), X90: x(*pay.P90.Value)}
			v.Pay.Bar.Width = v.Pay.Bar.X90 - v.Pay.Bar.X10
			v.Pay.Text = fmt.Sprintf("Half of the workers BLS counts as %s earn more than %s a year and half earn less, one in ten earns less than %s and one in ten earns more than %s (%d figures).",
				v.GroupName, wageFull(pay.Median), wageFull(pay.P10), wageFull(pay.P90), pay.Year)
		} else if pay.Median.Value != nil {
			v.Pay.Text = fmt.Sprintf("The median annual wage of the workers BLS counts as %s is %s; BLS does not publish a full annual range for them.", v.GroupName, wageFull(pay.Median))
		} else {
			v.Pay.Text = fmt.Sprintf("BLS publishes only hourly wages for %s, because many of these workers do not work year-round, full-time schedules; it gives no annual figures.", v.GroupName)
		}
		v.Sources = append(v.Sources, sourceLine("Pay", pay.Source))
	} else {
		v.Pay.Text = fmt.Sprintf("BLS publishes no wages for %s.", v.GroupName)
	}
	if o.Employment != nil {
		v.Employment = thousands(*o.Employment)
		if o.EmploymentSource != nil {
			v.Sources = append(v.Sources, sourceLine("Employment", *o.EmploymentSource))
		}
	}
	if ol := o.Outlook; ol != nil {
		v.Education = ol.Education
		v.Outlook = outlookView{Change: percent(ol.PercentChange), To: ol.To, Versus: fmt.Sprintf("%d to %d", ol.From, ol.To)}
		v.Outlook.Sentence = outlookSentence(v.GroupName, *ol)
		v.Sources = append(v.Sources, sourceLine("Outlook, education, experience and training", ol.Source))
	} else {
		v.Outlook.Sentence = fmt.Sprintf("BLS publishes no projections for %s.", v.GroupName)
	}
	v.Sources = appendSurveySource(v.Sources, o)
	if o.RatingsFrom != "" {
		v.Sources = append(v.Sources, fmt.Sprintf("O*NET 29.3 has no skill or work-style ratings for this occupation yet; the core skills and the fit profile use those of its closest rated relative, O*NET-SOC %s.", o.RatingsFrom))
	}
	return v
}

// appendSurveySource credits O*NET's education survey, which has figures
// whether or not BLS publishes any.
func appendSurveySource(sources []string, o roles.Occupation) []string {
	if el := o.EducationLevels; el != nil {
		sources = append(sources, fmt.Sprintf("Education survey: %s, %s, O*NET-SOC %s.", el.Source.Name, el.Source.Release, el.Source.SOCCode))
	}
	return sources
}

// figuresIntro says whose figures a page shows. name is the role the page
// is about, or "" for the occupation itself.
func figuresIntro(g roles.FiguresGroup, o roles.Occupation, name string) string {
	head := fmt.Sprintf("These figures are for “%s” (SOC %s)", g.Title, g.SOCCode)
	who := name
	if who == "" {
		who = o.Title
	}
	switch g.Level {
	case roles.GroupOccupation:
		if name == "" {
			return head + ", the occupation as BLS publishes it."
		}
		return head + fmt.Sprintf(", the whole BLS occupation that %s belongs to, not for %s alone.", name, name)
	case roles.GroupDetailed:
		return head + fmt.Sprintf(", a BLS occupation that covers %s among other kinds of work.", who)
	case roles.GroupAllOther:
		return head + fmt.Sprintf(", a BLS catch-all group of occupations without a code of their own; %s is one of many in it.", who)
	case roles.GroupMerged:
		return head + fmt.Sprintf(", a combined BLS occupation that includes %s; BLS does not publish %s on its own.", who, who)
	case roles.GroupBroad:
		return head + fmt.Sprintf(", a broad BLS group that includes %s; BLS does not publish %s on its own.", who, who)
	default:
		return head + fmt.Sprintf(", a BLS minor group that includes %s; BLS does not publish %s on its own.", who, who)
	}
}

// outlookSentence words a projection for group. Employment Projections
// counts are in thousands with one decimal, so they are shown to the
// nearest hundred; when both years round to the same count, the sentence
// says the change is under a hundred rather than "from 1,800 to 1,800".
func outlookSentence(group string, ol roles.Outlook) string {
	from, to := jobs(ol.Employment2024), jobs(ol.Employment2034)
	var change string
	switch {
	case ol.PercentChange > 0:
		change = "grow by " + percent(ol.PercentChange)
	case ol.PercentChange < 0:
		change = "decline by " + percent(-ol.PercentChange)
	default:
		change = "show little or no change"
	}
	var counts string
	if from == to {
		counts = fmt.Sprintf("from about %s jobs, a change of fewer than 100 jobs (including self-employed)", thousands(from))
	} else {
		counts = fmt.Sprintf("from about %s to %s jobs (including self-employed)", thousands(from), thousands(to))
	}
	openings := "fewer than 50"
	if n := jobs(ol.Openings); n > 0 {
		openings = "about " + thousands(n)
	}
	return fmt.Sprintf("BLS projects employment in %s to %s from %d to %d, %s, with %s openings a year from growth and from people leaving the group.",
		group, change, ol.From, ol.To, counts, openings)
}

// jobs turns an Employment Projections count in thousands into a whole
// number of jobs; rounding, not truncation, so 4.1 is 4,100 and not 4,099.
func jobs(thousandsOf float64) int { return int(math.Round(thousandsOf * 1000)) }

func sourceLine(what string, src roles.Source) string {
	s := fmt.Sprintf("%s: %s, %s, SOC %s", what, src.Name, src.Release, src.SOCCode)
	if src.SOCTitle != "" {
		s += " " + src.SOCTitle
	}
	if src.Level != "" && src.Level != "detailed" {
		s += ", which BLS publishes in place of the detailed occupation"
	}
	return s + "."
}

// newTarget makes a match target of a role or occupation, with the line of
// figures its result card shows.
func newTarget(slug, title, href, category string, o roles.Occupation) target {
	t := target{Slug: slug, Title: title, Href: href, Category: category, JobZone: o.JobZone, PayText: "not published"}
	g, ok := roles.FiguresFor(o)
	if !ok {
		return t
	}
	t.Group = "“" + g.Title + "”"
	t.raw = rawFigures{Group: g.Title, SOC: g.SOCCode}
	var parts []string
	if o.Pay != nil && o.Pay.Median.Value != nil {
		t.Pay, t.PayText = *o.Pay.Median.Value, wageK(o.Pay.Median)
		parts = append(parts, "median pay "+t.PayText)
	}
	if o.Pay != nil {
		t.raw.P10, t.raw.P90 = deref(o.Pay.P10.Value), deref(o.Pay.P90.Value)
	}
	t.raw.Employment = deref(o.Employment)
	if ol := o.Outlook; ol != nil {
		t.Growth, t.HasGrowth, t.raw.GrowthTo = ol.PercentChange, true, ol.To
		t.Education = ol.Education
		parts = append(parts, fmt.Sprintf("growth %s to %d", percent(ol.PercentChange), ol.To), "typical education: "+ol.Education)
	}
	if len(parts) > 0 {
		t.Figures = fmt.Sprintf("For the BLS group “%s”: %s.", g.Title, strings.Join(parts, ", "))
	}
	return t
}

// deref is *p, or 0 for nil.
func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}
