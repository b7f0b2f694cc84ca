package search

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// keys lists the hits' keys.
func keys(r Result) []string {
	out := make([]string, len(r.Hits))
	for i, h := range r.Hits {
		out[i] = h.Key
	}
	return out
}

func TestFieldsRankTitleOverAltOverSummary(t *testing.T) {
	ix := New([]Doc{
		{Kind: KindRole, Key: "in-summary", Title: "Clerk", Summary: "Keeps the harbor ledger."},
		{Kind: KindRole, Key: "in-alt", Title: "Registrar", AltTitles: []string{"Harbor Officer"}},
		{Kind: KindRole, Key: "in-title", Title: "Harbor Master"},
		{Kind: KindRole, Key: "in-body", Title: "Pilot", Body: "Most days start at the harbor."},
		{Kind: KindOccupation, Key: "11-0000.00", Title: "Harbor Masters"},
	})
	got := keys(ix.Search("harbor", 10))
	want := []string{"in-title", "11-0000.00", "in-alt", "in-summary", "in-body"}
	if !slices.Equal(got, want) {
		t.Errorf("harbor: got %v, want %v (title, then the data-only title, alt, summary, prose)", got, want)
	}
}

// A role that some title names by the query alone is the plain job the
// query means: it ranks above roles whose titles merely hold the word.
func TestAStringThatIsTheQueryRanksFirst(t *testing.T) {
	ix := New([]Doc{
		{Kind: KindRole, Key: "anesthetist", Title: "Nurse Anesthetist", ONetTitles: []string{"Staff Nurse", "Head Nurse"}},
		{Kind: KindRole, Key: "lpn", Title: "Licensed Practical Nurse", ONetTitles: []string{"Staff Nurse", "Head Nurse"}},
		{Kind: KindRole, Key: "rn", Title: "Registered Nurse", ONetTitles: []string{"Staff Nurse", "Nurse"}},
	})
	if got := keys(ix.Search("nurse", 3)); got[0] != "rn" {
		t.Errorf("nurse: got %v, want rn (O*NET's plain \"Nurse\") first", got)
	}
}

func TestIssueQueries(t *testing.T) {
	cp := rolesCorpus(t)
	top := func(q string, n int) []string {
		k := keys(cp.ix.Search(q, n))
		return k
	}
	// "c++" is one word, not the letter c: no unrelated roles.
	if got := top("c++", 50); len(got) == 0 || len(got) > 10 || got[0] != "software-developer" {
		t.Errorf("c++: got %v, want a handful led by software-developer", got)
	}
	// "law" is about the law, not lawns.
	if got := top("law", 3); got[0] != "lawyer" || slices.Contains(got, "landscaper") {
		t.Errorf("law: got %v, want lawyer first and no landscaper in the top 3", got)
	}
	// A doctor is a physician first.
	if got := top("doctor", 10); got[0] != "family-physician" {
		t.Errorf("doctor: got %v, want family-physician first", got)
	}
	// Software engineers include back-end developers.
	if got := top("software engineer", 10); !slices.Contains(got, "back-end-web-developer") || got[0] != "software-developer" {
		t.Errorf("software engineer: got %v, want software-developer first and back-end among the top 10", got)
	}
	for q, want := range map[string]string{"cpa": "accountant", "rn": "registered-nurse", "sre": "site-reliability-engineer", "hvac": "hvac-technician"} {
		if got := top(q, 1); len(got) == 0 || got[0] != want {
			t.Errorf("%s: got %v, want %s first", q, got, want)
		}
	}
}

func TestTyposAreCorrected(t *testing.T) {
	cp := rolesCorpus(t)
	r := cp.ix.Search("data scientst", 3)
	if len(r.Hits) == 0 || r.Hits[0].Key != "data-scientist" || r.Corrected != "data scientist" {
		t.Errorf("data scientst: got %v, corrected %q, want data-scientist first and \"data scientist\"", keys(r), r.Corrected)
	}
	if r := cp.ix.Search("plumber", 3); r.Corrected != "" {
		t.Errorf("a correct word was corrected to %q", r.Corrected)
	}
	// Too far for a typo: nothing found, but a suggestion that finds.
	r = cp.ix.Search("develoopperr", 10)
	if len(r.Hits) != 0 || !slices.Contains(r.Suggestions, "developer") {
		t.Errorf("develoopperr: got %v, suggestions %v, want none and the suggestion developer", keys(r), r.Suggestions)
	}
	for _, s := range r.Suggestions {
		if len(cp.ix.Search(s, 1).Hits) == 0 {
			t.Errorf("suggestion %q finds nothing", s)
		}
	}
	if r := cp.ix.Search("zzzzqqq", 10); len(r.Hits) != 0 || len(r.Suggestions) != 0 {
		t.Errorf("nonsense: got %v, suggestions %v, want nothing", keys(r), r.Suggestions)
	}
	// Short words are never taken for typos of other short words.
	for _, h := range cp.ix.Search("pa", 10).Hits {
		if h.Key == "paralegal" {
			t.Error("pa matched paralegal")
		}
	}
}

func TestMatchedShowsTheAlternateTitle(t *testing.T) {
	cp := rolesCorpus(t)
	r := cp.ix.Search("ethical hacker", 1)
	if len(r.Hits) == 0 || r.Hits[0].Key != "penetration-tester" || r.Hits[0].Matched != "Ethical Hacker" {
		t.Errorf("ethical hacker: got %+v, want penetration-tester matched by Ethical Hacker", r.Hits)
	}
	r = cp.ix.Search("registered nurse", 1)
	if len(r.Hits) == 0 || r.Hits[0].Matched != "" {
		t.Errorf("a title match shows matched %q, want none", r.Hits[0].Matched)
	}
}

// FuzzSearch feeds what people might type into the search box, and worse:
// whatever the text, Search must not panic, must keep its limit, and must
// return documents of the index, in order, with valid text.
func FuzzSearch(f *testing.F) {
	cp := rolesCorpus(f)
	for _, q := range []string{
		"nurse", "back end", "back-end developer", `"unbalanced`, "a OR b", "NOT x", "NEAR(a b)", "title:chef",
		"x*", "*", "^start", "(", ")", "a AND", "-", "+", "c++", "c#", "{a b}", "é", "ﬁre", "İstanbul", "日本語", "١٢٣",
		"\x00", "\xff\xfe", "a\u0301", "ǅ", "a b c d e f g h i j k", string(make([]byte, 300)), "develoopperr",
		strings.Repeat("x", 40), strings.Repeat("ab ", 100),
	} {
		f.Add(q)
	}
	valid := map[string]bool{}
	for _, d := range cp.ix.docs {
		valid[d.Key] = true
	}
	f.Fuzz(func(t *testing.T, q string) {
		const limit = 20
		r := cp.ix.Search(q, limit)
		if len(r.Hits) > limit {
			t.Errorf("Search(%q): got %d hits, want at most %d", q, len(r.Hits), limit)
		}
		for i, h := range r.Hits {
			if !valid[h.Key] || h.Title == "" || !utf8.ValidString(h.Title) || h.Score <= 0 || (i > 0 && h.Score > r.Hits[i-1].Score) {
				t.Errorf("Search(%q): hit %d %+v is not a scored document of the index in order", q, i, h)
			}
		}
		if len(r.Hits) > 0 && len(r.Suggestions) > 0 {
			t.Errorf("Search(%q): suggestions %v beside hits", q, r.Suggestions)
		}
		if !utf8.ValidString(r.Corrected) {
			t.Errorf("Search(%q): corrected %q is not valid UTF-8", q, r.Corrected)
		}
	})
}
