package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// stopWords carry no meaning in a job title or a query.
var stopWords = map[string]bool{
	"a": true, "an": true, "and": true, "as": true, "at": true, "by": true, "for": true, "from": true,
	"in": true, "of": true, "on": true, "or": true, "the": true, "to": true, "with": true,
}

// fold lower-cases s and strips accents and compatibility forms ("Café",
// "ﬁre", full-width letters), so that they match their plain spelling.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	t := transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.ToLower(out)
}

// words splits s into folded words of letters and digits. A trailing "+"
// or "#" stays part of its word, so "C++" and "C#" are words of their own
// rather than "c".
func words(s string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	for _, r := range fold(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if n := len(cur); n > 0 && (cur[n-1] == '+' || cur[n-1] == '#') {
				flush()
			}
			cur = append(cur, r)
		case (r == '+' || r == '#') && len(cur) > 0:
			cur = append(cur, r)
		default:
			flush()
		}
	}
	flush()
	return out
}

// stem reduces an English plural to its singular, lightly: "nurses" →
// "nurse", "secretaries" → "secretary", "coaches" → "coach". The same rule
// runs on the index and the query, so an imperfect stem still matches.
func stem(w string) string {
	if len(w) <= 3 || !isLetters(w) {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "xes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	}
	return w
}

func isLetters(w string) bool {
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// terms returns the searchable terms of a text: its stemmed words without
// stop words, then each adjacent pair of words run together ("back end" →
// "backend", "Full-Stack" → "fullstack"), so spacing and hyphens do not
// matter. n is the number of words, pairs not counted.
func terms(s string) (ts []string, n int) {
	ws := words(s)
	var kept []string
	for _, w := range ws {
		if !stopWords[w] {
			kept = append(kept, w)
			ts = append(ts, stem(w))
		}
	}
	n = len(ts)
	for i := 0; i+1 < len(kept); i++ {
		ts = append(ts, stem(kept[i]+kept[i+1]))
	}
	return ts, n
}

// acronym returns the initials of a title of two or more words ("Site
// Reliability Engineer" → "sre", "Registered Nurses" → "rn"), or "".
func acronym(s string) string {
	var b strings.Builder
	n := 0
	for _, w := range words(s) {
		if stopWords[w] {
			continue
		}
		r := []rune(w)[0]
		if !unicode.IsLetter(r) {
			return ""
		}
		b.WriteRune(r)
		n++
	}
	if n < 2 {
		return ""
	}
	return b.String()
}
