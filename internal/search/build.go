package search

import (
	"slices"
	"strings"
)

// builder gathers an Index's tables with maps, which New then lays out
// flat; none of it outlives New.
type builder struct {
	ix      *Index
	ids     map[string]int32 // term → its number in order of first use
	names   []string         // that number → term
	titled  []uint32         // by that number
	proseDF []uint32
	lastDoc []int32 // by that number: 1 + the last document counted in proseDF
	entries []entry // every posting, in the order strings were added
	text    strings.Builder
	shown   map[string][2]uint32 // display text already in text, so a title shared by roles is kept once
}

// entry is one posting before the terms are sorted.
type entry struct {
	term, str int32
	tf        uint16
}

// New indexes docs.
func New(docs []Doc) *Index {
	// Sized for a full O*NET import: some 175,000 terms and half a million
	// postings, so the tables do not grow step by step.
	b := &builder{ix: &Index{docs: make([]docInfo, len(docs))}, ids: make(map[string]int32, 180000),
		entries: make([]entry, 0, 1<<19), shown: map[string][2]uint32{}}
	shares := onetShares(docs)
	for i, d := range docs {
		b.ix.docs[i] = docInfo{Kind: d.Kind, Key: d.Key, Title: d.Title, Summary: d.Summary}
		doc := int32(i) // #nosec G115 -- a catalog has thousands of documents at most
		b.add(doc, fTitle, d.Title, 1)
		b.addAcronym(doc, fTitleAcronym, d.Title)
		for _, t := range d.AltTitles {
			b.add(doc, fAlt, t, 1)
			b.addAcronym(doc, fAltAcronym, t)
		}
		if d.Occupation != "" && d.Occupation != d.Title {
			b.add(doc, fOccupation, d.Occupation, 1)
			b.addAcronym(doc, fOccupationAcronym, d.Occupation)
		}
		for j, t := range d.ONetTitles {
			share := float32(1)
			if shares[i] != nil {
				share = shares[i][j]
			}
			if share > 0 {
				b.add(doc, fONet, t, share)
			}
		}
		b.add(doc, fCategory, d.Category, 1)
		b.add(doc, fSummary, d.Summary, 1)
		b.add(doc, fBody, d.Body, 1)
	}
	b.ix.prepareFuzzy(b.layout())
	return b.ix
}

// add indexes text.
func (b *builder) add(doc int32, f field, text string, scale float32) {
	b.addAs(doc, f, text, text, scale)
}

// addAs indexes text, shown as display when it is what matched.
func (b *builder) addAs(doc int32, f field, text, display string, scale float32) {
	ts, n := terms(text)
	if len(ts) == 0 {
		return
	}
	// The conversions are bounded: a full import indexes some 60,000
	// strings, far below 2^31, and the counts are clamped to 2^16-1.
	id := int32(len(b.ix.strs))      // #nosec G115 -- bounded, see above
	words := uint16(min(n, 1<<16-1)) // #nosec G115 -- clamped
	s := str{doc: doc, field: f, scale: scale, words: words}
	if f.titled() {
		at, ok := b.shown[display]
		if !ok {
			at = [2]uint32{uint32(b.text.Len()), uint32(b.text.Len() + len(display))} // #nosec G115 -- a few MB of titles
			b.text.WriteString(display)
			b.shown[display] = at
		}
		s.textAt, s.textEnd = at[0], at[1]
	}
	b.ix.strs = append(b.ix.strs, s)
	prose := f == fSummary || f == fBody
	// Count each term once per string, with its frequency: sorting keeps
	// this allocation-free for the many short titles.
	slices.Sort(ts)
	for i := 0; i < len(ts); {
		j := i + 1
		for j < len(ts) && ts[j] == ts[i] {
			j++
		}
		t := b.termNumber(ts[i])
		b.entries = append(b.entries, entry{term: t, str: id, tf: uint16(min(j-i, 1<<16-1))}) // #nosec G115 -- clamped
		if f.titled() {
			b.titled[t]++
		}
		if prose && b.lastDoc[t] != doc+1 {
			b.lastDoc[t] = doc + 1
			b.proseDF[t]++
		}
		i = j
	}
}

// termNumber returns the number of term t, giving it the next one when new.
func (b *builder) termNumber(t string) int32 {
	if n, ok := b.ids[t]; ok {
		return n
	}
	n := int32(len(b.names)) // #nosec G115 -- some 175,000 terms
	b.ids[t] = n
	b.names = append(b.names, t)
	b.titled = append(b.titled, 0)
	b.proseDF = append(b.proseDF, 0)
	b.lastDoc = append(b.lastDoc, 0)
	return n
}

func (b *builder) addAcronym(doc int32, f field, title string) {
	if a := acronym(title); a != "" {
		b.addAs(doc, f, a, title, 1)
	}
}

// layout sorts the terms and lays the index's tables out flat: the terms
// back to back, then each term's postings in the order their strings were
// added (ascending string ids). It returns how many titled strings have
// each term, by term id, for typo correction.
func (b *builder) layout() (titled []uint32) {
	ix := b.ix
	ix.text = b.text.String()
	ix.strs = slices.Clip(ix.strs)
	order := make([]int32, len(b.names)) // sorted position → number
	for i := range order {
		order[i] = int32(i) // #nosec G115 -- some 175,000 terms
	}
	slices.SortFunc(order, func(x, y int32) int { return strings.Compare(b.names[x], b.names[y]) })
	rank := make([]int32, len(order)) // number → sorted position
	var terms strings.Builder
	ix.termAt = make([]uint32, 0, len(order)+1)
	titled = make([]uint32, len(order))
	ix.proseDF = make([]uint32, len(order))
	for pos, n := range order {
		rank[n] = int32(pos)                               // #nosec G115 -- as above
		ix.termAt = append(ix.termAt, uint32(terms.Len())) // #nosec G115 -- a few MB of terms
		terms.WriteString(b.names[n])
		titled[pos], ix.proseDF[pos] = b.titled[n], b.proseDF[n]
	}
	ix.termAt = append(ix.termAt, uint32(terms.Len())) // #nosec G115 -- a few MB of terms
	ix.terms = terms.String()

	// Count, then place: postAt[pos+1] ends term pos's postings.
	ix.postAt = make([]uint32, len(order)+1)
	for _, e := range b.entries {
		ix.postAt[rank[e.term]+1]++
	}
	for i := 1; i < len(ix.postAt); i++ {
		ix.postAt[i] += ix.postAt[i-1]
	}
	next := slices.Clone(ix.postAt[:len(order)])
	ix.postStr = make([]int32, len(b.entries))
	ix.postTF = make([]uint8, len(b.entries))
	for _, e := range b.entries {
		pos := rank[e.term]
		ix.postStr[next[pos]] = e.str
		ix.postTF[next[pos]] = uint8(min(e.tf, 255)) // #nosec G115 -- clamped
		next[pos]++
	}
	return titled
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
