package search

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// distance is the optimal-string-alignment edit distance between a and b
// (insertions, deletions, substitutions and swaps of neighbours), or max+1
// once it is known to exceed max.
func distance(a, b []rune, max int) int {
	var rows [3][32]int
	return distanceIn(&rows, a, b, max)
}

// distanceIn is distance with its three rows in rows when b fits, so that
// scanning a vocabulary allocates nothing.
func distanceIn(rows *[3][32]int, a, b []rune, max int) int {
	if d := len(a) - len(b); d > max || -d > max {
		return max + 1
	}
	// Three rows: two back for swaps, the previous, the current.
	var prev2, prev, cur []int
	if len(b) < len(rows[0]) {
		prev2, prev, cur = rows[0][:len(b)+1], rows[1][:len(b)+1], rows[2][:len(b)+1]
	} else {
		prev2, prev, cur = make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if best > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], max+1)
}

// maxTypos is how many edits a word of n letters may carry and still be
// corrected: none under four letters, where one edit makes another word.
func maxTypos(n int) int {
	switch {
	case n >= 8:
		return 2
	case n >= 4:
		return 1
	}
	return 0
}

// correction is a title term within some edits of a query word.
type correction struct {
	term   termID
	titled uint32 // how many titled strings have it
	dist   int
}

// corrections returns the title terms within max edits of w, in the terms'
// order, each with its distance.
func (ix *Index) corrections(w string, max int) []correction {
	var out []correction
	if max == 0 {
		return out
	}
	rw := []rune(w)
	if len(rw) > maxFuzzyLen {
		return out
	}
	hw := letters(rw)
	var rows [3][32]int
	var rt []rune
	fz := &ix.fuzzy
	for n := len(rw) - max; n <= len(rw)+max; n++ {
		if n < 0 || n+1 >= len(fz.byLen) {
			continue
		}
		for i := fz.byLen[n]; i < fz.byLen[n+1]; i++ {
			// Each edit changes at most two letter counts, so half their
			// difference bounds the distance from below: most terms are
			// ruled out without the full computation.
			if (letterGap(&hw, &fz.hist[i])+1)/2 > max {
				continue
			}
			rt = append(rt[:0], []rune(ix.term(fz.term[i]))...)
			if d := distanceIn(&rows, rw, rt, max); d <= max && d > 0 {
				out = append(out, correction{term: fz.term[i], titled: fz.titled[i], dist: d})
			}
		}
	}
	slices.SortFunc(out, func(a, b correction) int { return cmp.Compare(a.term, b.term) })
	return out
}

// maxFuzzyLen is the longest word corrected: longer ones are not typos of
// job titles' words, and would only cost time.
const maxFuzzyLen = 24

// letters counts the letters a to z of a word.
func letters(w []rune) (h [26]uint8) {
	for _, r := range w {
		if r >= 'a' && r <= 'z' && h[r-'a'] < 255 {
			h[r-'a']++
		}
	}
	return h
}

// letterGap is the sum of the differences between two letter counts.
func letterGap(a, b *[26]uint8) int {
	gap := 0
	for i := range a {
		d := int(a[i]) - int(b[i])
		if d < 0 {
			d = -d
		}
		gap += d
	}
	return gap
}

// fuzzyTable lists the titled terms, the dictionary of typo correction,
// by their length in runes, with their letter counts, so that a query
// word is compared with the few terms of about its length and letters.
type fuzzyTable struct {
	term   []termID // entry i's term
	titled []uint32 // how many titled strings have it
	hist   [][26]uint8
	byLen  []uint32 // the entries of n runes are byLen[n]:byLen[n+1]
}

// prepareFuzzy lays out the title terms, those titled (by term id) counts
// strings of, by length in runes, once.
func (ix *Index) prepareFuzzy(titled []uint32) {
	type cand struct {
		id termID
		n  int
	}
	var cands []cand
	longest := 0
	for id := range termID(ix.nTerms()) { // #nosec G115 -- below the term count, an int32
		if titled[id] > 0 {
			n := utf8.RuneCountInString(ix.term(id))
			cands = append(cands, cand{id, n})
			longest = max(longest, n)
		}
	}
	slices.SortStableFunc(cands, func(a, b cand) int { return a.n - b.n })
	fz := fuzzyTable{term: make([]termID, 0, len(cands)), titled: make([]uint32, 0, len(cands)),
		hist: make([][26]uint8, 0, len(cands)), byLen: make([]uint32, longest+2)}
	for _, c := range cands {
		fz.term = append(fz.term, c.id)
		fz.titled = append(fz.titled, titled[c.id])
		fz.hist = append(fz.hist, letters([]rune(ix.term(c.id))))
		fz.byLen[c.n+1]++
	}
	for n := 1; n < len(fz.byLen); n++ {
		fz.byLen[n] += fz.byLen[n-1]
	}
	ix.fuzzy = fz
}

// suggest offers up to three queries that would find something, built from
// the title terms closest to each word (up to three edits, at most half the
// word), for when nothing matched.
func (ix *Index) suggest(ws []string) []string {
	choices := make([][]string, len(ws))
	for i, w := range ws {
		if _, ok := ix.lookup(w); ok {
			choices[i] = []string{w}
			continue
		}
		n := len([]rune(w))
		cands := ix.corrections(w, min(3, max(1, n/2)))
		// Term ids are in the terms' order, so the last key sorts them
		// alphabetically.
		slices.SortFunc(cands, func(a, b correction) int {
			if a.dist != b.dist {
				return a.dist - b.dist
			}
			if a.titled != b.titled {
				return cmp.Compare(b.titled, a.titled)
			}
			return cmp.Compare(a.term, b.term)
		})
		for _, c := range cands[:min(3, len(cands))] {
			choices[i] = append(choices[i], ix.term(c.term))
		}
	}
	// The best choice for every word, then each runner-up in turn.
	var out []string
	seen := map[string]bool{}
	try := func(pick []string) {
		q := strings.Join(pick, " ")
		if len(out) < 3 && q != "" && !seen[q] {
			seen[q] = true
			if len(ix.run(pick, 1).Hits) > 0 {
				out = append(out, q)
			}
		}
	}
	choices = slices.DeleteFunc(choices, func(c []string) bool { return len(c) == 0 })
	first := make([]string, len(choices))
	for i, c := range choices {
		first[i] = c[0]
	}
	try(first)
	for i, c := range choices {
		for _, alt := range c[1:] {
			pick := slices.Clone(first)
			pick[i] = alt
			try(pick)
		}
	}
	return out
}
