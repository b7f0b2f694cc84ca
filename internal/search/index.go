package search

import (
	"math"
	"slices"
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
	field field
	scale float32 // multiplies the field's weight; see New
	words uint16  // its words, pairs not counted, so a string equal to the query can be told
	text  string  // shown as "matched" when it is not the document's title
}

// posting says a term occurs in a string, tf times.
type posting struct {
	str int32
	tf  uint16
}

// Index is an immutable search index; build one with New and share it.
type Index struct {
	docs     []Doc
	strs     []str
	postings map[string][]posting
	vocab    []string       // every term, sorted, for prefix matches
	titled   map[string]int // terms of titles → how many strings have them, for typo correction
	proseDF  map[string]int // terms of summaries and prose → how many documents have them
	// The titled terms as runes, and their indexes by length, for typo
	// correction without converting every term on every query.
	fuzzy      [][]rune
	fuzzyTerms []string
	hist       [][26]uint8 // letter counts of the fuzzy terms
	byLen      map[int][]int
}

// New indexes docs.
func New(docs []Doc) *Index {
	// Sized for a full O*NET import: some 40,000 terms, half of them in
	// titles, so the maps do not grow step by step.
	ix := &Index{docs: docs, postings: make(map[string][]posting, 40000), titled: make(map[string]int, 20000),
		proseDF: make(map[string]int, 20000)}
	shares := onetShares(docs)
	for i, d := range docs {
		doc := int32(i)
		ix.add(doc, fTitle, d.Title, 1)
		ix.addAcronym(doc, fTitleAcronym, d.Title)
		for _, t := range d.AltTitles {
			ix.add(doc, fAlt, t, 1)
			ix.addAcronym(doc, fAltAcronym, t)
		}
		if d.Occupation != "" && d.Occupation != d.Title {
			ix.add(doc, fOccupation, d.Occupation, 1)
			ix.addAcronym(doc, fOccupationAcronym, d.Occupation)
		}
		for j, t := range d.ONetTitles {
			share := float32(1)
			if shares[i] != nil {
				share = shares[i][j]
			}
			if share > 0 {
				ix.add(doc, fONet, t, share)
			}
		}
		ix.add(doc, fCategory, d.Category, 1)
		prose := map[string]bool{}
		for _, t := range ix.add(doc, fSummary, d.Summary, 1) {
			prose[t] = true
		}
		for _, t := range ix.add(doc, fBody, d.Body, 1) {
			prose[t] = true
		}
		for t := range prose {
			ix.proseDF[t]++
		}
	}
	ix.vocab = make([]string, 0, len(ix.postings))
	for t, ps := range ix.postings {
		ix.vocab = append(ix.vocab, t)
		// Appending doubled each list's capacity as it grew; copying it to
		// its length returns that slack (a third of the index's memory).
		ix.postings[t] = slices.Clone(ps)
	}
	ix.strs = slices.Clip(ix.strs)
	slices.Sort(ix.vocab)
	ix.prepareFuzzy()
	return ix
}

// Len returns the number of documents.
func (ix *Index) Len() int { return len(ix.docs) }

// add indexes text and returns its distinct terms.
func (ix *Index) add(doc int32, f field, text string, scale float32) []string {
	return ix.addAs(doc, f, text, text, scale)
}

// addAs indexes text, shown as display when it is what matched, and
// returns its distinct terms.
func (ix *Index) addAs(doc int32, f field, text, display string, scale float32) []string {
	ts, n := terms(text)
	if len(ts) == 0 {
		return nil
	}
	// The conversions are bounded: a full import indexes some 60,000
	// strings, far below 2^31, and the counts are clamped to 2^16-1.
	id := int32(len(ix.strs))        // #nosec G115 -- bounded, see above
	words := uint16(min(n, 1<<16-1)) // #nosec G115 -- clamped
	ix.strs = append(ix.strs, str{doc: doc, field: f, scale: scale, words: words, text: display})
	// Count each term once per string, with its frequency: sorting keeps
	// this allocation-free for the many short titles.
	slices.Sort(ts)
	for i := 0; i < len(ts); {
		j := i + 1
		for j < len(ts) && ts[j] == ts[i] {
			j++
		}
		t := ts[i]
		ix.postings[t] = append(ix.postings[t], posting{str: id, tf: uint16(min(j-i, 1<<16-1))}) // #nosec G115 -- clamped
		if f.titled() {
			ix.titled[t]++
		}
		i = j
	}
	return slices.Compact(ts)
}

func (ix *Index) addAcronym(doc int32, f field, title string) {
	if a := acronym(title); a != "" {
		ix.addAs(doc, f, a, title, 1)
	}
}

// rarity weighs a term of prose by how few documents use it: a tool or
// technology named in a handful of roles ("python") tells more than a word
// most roles use ("team"). It runs from 0.5 to 2.5.
func (ix *Index) rarity(term string) float64 {
	df := ix.proseDF[term]
	if df == 0 {
		return 1
	}
	return max(0.5, min(2.5, math.Log(1+float64(len(ix.docs))/float64(df))))
}

// onetShares decides, for roles that share an O*NET occupation (and so its
// O*NET titles), how much each title counts for each of them: a title goes
// to the roles whose own title and alternate titles share the most words
// with it ("Back End Software Engineer" to Back-End Web Developer, not to
// Front-End), split among ties; a title sharing no word with any of them
// is split among all, since it says little about which is meant. It
// returns, per document index, the share of each O*NET title, or nil for
// a document that shares its occupation with no other role.
func onetShares(docs []Doc) map[int][]float32 {
	groups := map[string][]int{}
	for i, d := range docs {
		if d.Kind == KindRole && d.Occupation != "" {
			groups[d.Occupation] = append(groups[d.Occupation], i)
		}
	}
	out := map[int][]float32{}
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		own := make([]map[string]bool, len(g))
		for k, i := range g {
			own[k] = map[string]bool{}
			for _, t := range append([]string{docs[i].Title}, docs[i].AltTitles...) {
				ts, _ := terms(t)
				for _, term := range ts {
					own[k][term] = true
				}
			}
		}
		for k, i := range g {
			shares := make([]float32, len(docs[i].ONetTitles))
			for j, title := range docs[i].ONetTitles {
				ts, _ := terms(title)
				overlap := make([]int, len(g))
				best := 0
				for m := range g {
					for _, t := range ts {
						if own[m][t] {
							overlap[m]++
						}
					}
					best = max(best, overlap[m])
				}
				ties := 0
				for m := range g {
					if overlap[m] == best {
						ties++
					}
				}
				if overlap[k] == best {
					shares[j] = 1 / float32(ties)
				}
			}
			out[i] = shares
		}
	}
	return out
}
