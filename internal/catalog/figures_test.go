package catalog

import (
	"reflect"
	"regexp"
	"testing"

	"rolefit/data"
)

// Pages show BLS figures of the group a role belongs to, named as such. A
// sentence in a role's own prose that states pay, a headcount or growth
// would give the group's figure to the role, so the prose states none.
var (
	sentenceEnd = regexp.MustCompile(`[.!?]\s+`)
	moneyRE     = regexp.MustCompile(`(?i)\$\s?\d`)
	sixFigureRE = regexp.MustCompile(`(?i)six[- ]figure`)
	payWordRE   = regexp.MustCompile(`(?i)\b(earn\w*|salar(y|ies)|wages?|income|median|paycheck|pays|makes?|an hour|a year|per hour|per year|annual(ly)?|pay (is|of|runs|starts)|starting pay|base pay)\b`)
	percentRE   = regexp.MustCompile(`(?i)\d(\.\d+)?\s?(%|percent)`)
	growthRE    = regexp.MustCompile(`(?i)\b(grow\w*|growth|declin\w+|project(ed|ions?)|outlook|jobs|employment|openings|demand|faster than)\b`)
	bigNumberRE = regexp.MustCompile(`(?i)\b\d{1,3}(,\d{3})+\b|\b\d+(\.\d+)?\s(thousand|million)\b`)
	headWordRE  = regexp.MustCompile(`(?i)\b(people|workers|jobs|positions|professionals|Americans|employed|work (as|in) (the|this))\b`)
	halfEarnRE  = regexp.MustCompile(`(?i)\bhalf of (all )?[\w -]+ earn`)
)

// figureClaim returns why a sentence states a pay, headcount or growth
// figure, or "" if it states none.
func figureClaim(s string) string {
	switch {
	case moneyRE.MatchString(s) && payWordRE.MatchString(s), sixFigureRE.MatchString(s), halfEarnRE.MatchString(s):
		return "pay"
	case percentRE.MatchString(s) && growthRE.MatchString(s):
		return "growth"
	case bigNumberRE.MatchString(s) && headWordRE.MatchString(s):
		return "headcount"
	}
	return ""
}

func TestFigureClaimIsRecognised(t *testing.T) {
	for _, s := range []string{
		"Half of penetration testers earn more than $108,970.",
		"Most make around $60K a year.",
		"Starting pay is $22 an hour in most shops.",
		"It is a six-figure job within five years.",
		"Jobs are projected to grow 8.2% over the decade.",
		"Employment should grow by 15 percent.",
		"About 941,700 search marketing strategists work in the United States.",
		"There are 3,780,930 people employed as fast food and counter workers.",
		"Some 3.8 million workers do this job.",
	} {
		if figureClaim(s) == "" {
			t.Errorf("figureClaim(%q) found nothing, want a figure", s)
		}
	}
	for _, s := range []string{
		"The exam fee is about $400 and most candidates pass on the first try.",
		"Each year combines about 2,000 hours of paid work with classroom hours.",
		"A typical week might be 60 percent modeling and 25 percent meetings.",
		"Licensure needs 3,000 hours of supervised practice.",
	} {
		if why := figureClaim(s); why != "" {
			t.Errorf("figureClaim(%q) = %s, want nothing", s, why)
		}
	}
}

// TestNarrativesStateNoFigures checks every prose field of every role,
// including fields added later: any string field but the identifiers.
func TestNarrativesStateNoFigures(t *testing.T) {
	c, err := Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	skip := map[string]bool{"Slug": true, "Title": true, "Category": true, "ONetCode": true}
	for _, r := range c.Roles {
		v := reflect.ValueOf(r)
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if f.Type.Kind() != reflect.String || skip[f.Name] {
				continue
			}
			for _, s := range sentenceEnd.Split(v.Field(i).String(), -1) {
				if why := figureClaim(s); why != "" {
					t.Errorf("%s %s states a %s figure, which pages show for a wider BLS group: %q", r.Slug, f.Tag.Get("yaml"), why, s)
				}
			}
		}
	}
}
