package search

import (
	"math"
	"sort"
	"strings"
)

// field is where in a document a string comes from.
type field uint8

const (
	fTitle field = iota
	fTitleAcronym
	fAlt
	fAltAcronym
	fOccupation
	fOccupationAcronym
	fONet
	fCategory
	fSummary
	fBody
	nFields
)

// weights rank a match by where it is: the title over alternate titles
// over the occupation's and O*NET's titles over the summary and category
// over the prose.
var weights = [nFields]float64{
	fTitle: 10, fTitleAcronym: 9, fAlt: 7, fAltAcronym: 6.5, fOccupation: 4, fOccupationAcronym: 3.5,
	fONet: 4, fCategory: 2.5, fSummary: 2, fBody: 1,
}

// titled reports whether a field holds a title, whose words feed typo
// correction (prose is too loose a dictionary).
func (f field) titled() bool { return f <= fONet }

// isTitle reports whether a field is the document's own title, or its
// initials: a match there needs no "matched" note.
func (f field) isTitle() bool { return f == fTitle || f == fTitleAcronym }

// str is one indexed string: a title, an alternate title, a summary.
type str struct {
	doc   int32
	scale float32 // multiplies the field's weight; see New
	// text[textAt:textEnd] is shown as "matched" when the string is a
	// title but not the document's own; prose keeps no text.
	textAt, textEnd uint32
	words           uint16 // its words, pairs not counted, so a string equal to the query can be told
	field           field
}

// docInfo is what a hit shows of a document.
type docInfo struct {
	Kind, Key, Title, Summary string
}

// termID numbers the index's terms in sorted order.
type termID int32

// Index is an immutable search index; build one with New and share it.
//
// Its tables are flat arrays of numbers and two long strings rather than
// maps of strings to slices: a full import has some 175,000 distinct terms
// (prose's word pairs make most of them) and half a million postings, and
// as a map they took 30 MB that the collector scanned on every cycle of a
// busy server. Flat, they take a third of that and hold no pointers.
type Index struct {
	docs []docInfo
	strs []str
	text string // the titled strings' display text, back to back

	// terms holds every term, sorted, back to back: term i is
	// terms[termAt[i]:termAt[i+1]]. Sorted, it serves exact lookups and
	// prefix matches alike, by binary search.
	terms  string
	termAt []uint32
	// The postings of term i are postStr[postAt[i]:postAt[i+1]], string
	// ids in ascending order, with how often the term occurs in each
	// (postTF, capped at 255: only the first few repeats count).
	postAt  []uint32
	postStr []int32
	postTF  []uint8
	proseDF []uint32 // per term: how many documents' summary or prose has it
	fuzzy   fuzzyTable
}

// Len returns the number of documents.
func (ix *Index) Len() int { return len(ix.docs) }

// nTerms is the number of distinct terms.
func (ix *Index) nTerms() int { return len(ix.termAt) - 1 }

// term returns the text of term id.
func (ix *Index) term(id termID) string { return ix.terms[ix.termAt[id]:ix.termAt[id+1]] }

// search returns the first term id at or after w in sorted order.
func (ix *Index) search(w string) termID {
	return termID(sort.Search(ix.nTerms(), func(i int) bool { return ix.term(termID(i)) >= w })) // #nosec G115 -- below the term count, an int32
}

// lookup returns the id of the term w, if the index has it.
func (ix *Index) lookup(w string) (termID, bool) {
	id := ix.search(w)
	return id, int(id) < ix.nTerms() && ix.term(id) == w
}

// withPrefix returns the ids of the terms that begin with w: a run of
// sorted terms.
func (ix *Index) withPrefix(w string) (from, to termID) {
	from = ix.search(w)
	to = from
	for int(to) < ix.nTerms() && strings.HasPrefix(ix.term(to), w) {
		to++
	}
	return from, to
}

// postings returns the strings holding term id and how often each does.
func (ix *Index) postings(id termID) ([]int32, []uint8) {
	a, b := ix.postAt[id], ix.postAt[id+1]
	return ix.postStr[a:b], ix.postTF[a:b]
}

// strText is the text a titled string shows when it matched.
func (ix *Index) strText(id int32) string {
	s := &ix.strs[id]
	return ix.text[s.textAt:s.textEnd]
}

// rarity weighs a term of prose by how few documents use it: a tool or
// technology named in a handful of roles ("python") tells more than a word
// most roles use ("team"). It runs from 0.5 to 2.5.
func (ix *Index) rarity(id termID) float64 {
	df := ix.proseDF[id]
	if df == 0 {
		return 1
	}
	return max(0.5, min(2.5, math.Log(1+float64(len(ix.docs))/float64(df))))
}
