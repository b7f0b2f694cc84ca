package search

import (
	"slices"
	"sort"
	"strings"
)

// Query limits: longer queries are refused by the pages; Search itself
// cuts what it is given to these.
const (
	MaxQueryLen   = 200 // bytes
	MaxQueryTerms = 8
)

// How much a match counts, by how the query word reached the term.
const (
	qExact        = 1.0
	qSynonym      = 0.6
	qCareer       = 0.9  // the career a field's name stands for: "law" → lawyer
	qPrefix       = 0.7  // the word begins a longer term, as while typing
	qPrefixOfWord = 0.5  // the same, when the word is a term itself ("law" in "lawn")
	qTypo1        = 0.6  // one edit away
	qTypo2        = 0.35 // two edits away
	// roleBoost ranks a written role ahead of a data-only occupation that
	// matches as well: it has a full profile to read.
	roleBoost = 1.25
)

// Hit is one ranked result.
type Hit struct {
	Kind, Key, Title, Summary string
	// Matched is the alternate title or other title that matched, when it
	// is not the document's own title; "" otherwise.
	Matched string
	Score   float64
}

// Result is what a search found.
type Result struct {
	Hits []Hit
	// Corrected is the query as understood when some word was taken for
	// a typo ("data scientst" → "data scientist"), else "".
	Corrected string
	// Suggestions are queries that would find something, offered when
	// nothing matched ("did you mean").
	Suggestions []string
}

// expansion is one term a query word stands for, and how well.
type expansion struct {
	term    termID
	quality float64
}

// queryWords turns what a person typed into at most MaxQueryTerms distinct
// stemmed words, stop words dropped.
func queryWords(q string) []string {
	if len(q) > MaxQueryLen {
		q = q[:MaxQueryLen]
	}
	var out []string
	seen := map[string]bool{}
	for _, w := range words(q) {
		w = stem(w)
		if stopWords[w] || seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, w)
		if len(out) == MaxQueryTerms {
			break
		}
	}
	return out
}

// expand lists the terms a query word matches: itself, the career a
// field's name stands for, its synonyms,
// longer terms it begins (from three letters), and, only when it is no
// term at all, the title terms one or two typos away. fix is the likeliest
// correction when typos were assumed.
func (ix *Index) expand(w string) (exps []expansion, fix string) {
	id, known := ix.lookup(w)
	if known {
		exps = append(exps, expansion{id, qExact})
	}
	// A career or synonym the index does not hold matches nothing.
	if c, ok := careerOf[w]; ok {
		if id, ok := ix.lookup(c); ok {
			exps = append(exps, expansion{id, qCareer})
		}
	}
	for _, s := range synonyms[w] {
		if s = stem(s); s != w {
			if id, ok := ix.lookup(s); ok {
				exps = append(exps, expansion{id, qSynonym})
			}
		}
	}
	prefixed := false
	if len([]rune(w)) >= 3 {
		q := qPrefix
		if known {
			q = qPrefixOfWord
		}
		from, to := ix.withPrefix(w)
		for t := from; t < to; t++ {
			if t != id || !known {
				exps = append(exps, expansion{t, q})
				prefixed = true
			}
		}
	}
	if known || prefixed {
		return exps, ""
	}
	// In the terms' order, so that equal matches weigh the same way on
	// every run.
	best, bestD, bestN := "", 99, uint32(0)
	for _, c := range ix.corrections(w, maxTypos(len([]rune(w)))) {
		term := ix.term(c.term)
		q := qTypo1
		if c.dist > 1 {
			q = qTypo2
		}
		if []rune(term)[0] != []rune(w)[0] {
			q *= 0.7 // a first letter is seldom the mistyped one
		}
		exps = append(exps, expansion{c.term, q})
		if d, n := c.dist, c.titled; d < bestD || d == bestD && (n > bestN || n == bestN && term < best) {
			best, bestD, bestN = term, d, n
		}
	}
	return exps, best
}

// docScore gathers, per document, the best match of each query word.
type docScore struct {
	best    [MaxQueryTerms]float64 // best weighted match per query word
	extra   [MaxQueryTerms]float64 // the other matches per word, which break ties
	phrase  float64                // the best phrase bonus of its strings
	whole   float64                // the best bonus of a string that is the query
	matched int32                  // the string that earned it, -1 for none
}

// Search returns up to limit documents matching q, best first.
func (ix *Index) Search(q string, limit int) Result {
	ws := queryWords(q)
	if len(ws) == 0 || limit <= 0 {
		return Result{}
	}
	r := ix.run(ws, limit)
	if len(r.Hits) == 0 {
		r.Suggestions = ix.suggest(ws)
	}
	return r
}

// strMatch is how one titled string matched the query so far: which words
// and the weakest quality among them, for the phrase bonus.
type strMatch struct {
	mask    uint8
	quality float64
}

// minShare drops hits scoring under this share of the best one: a passing
// mention in some prose is not worth listing beside a title match.
const minShare = 0.08

// run scores every document against the query words ws.
func (ix *Index) run(ws []string, limit int) Result {
	scores := map[int32]*docScore{}
	strs := map[int32]strMatch{}
	fixes := make([]string, 0, len(ws))
	corrected := false
	for i, w := range ws {
		exps, fix := ix.expand(w)
		if fix != "" {
			corrected = true
			fixes = append(fixes, fix)
		} else {
			fixes = append(fixes, w)
		}
		// The best value, and its quality, each string reaches for this word.
		value, quality := map[int32]float64{}, map[int32]float64{}
		for _, e := range exps {
			ids, tfs := ix.postings(e.term)
			for k, id := range ids {
				if v := ix.value(id, tfs[k], e); v > value[id] {
					value[id], quality[id] = v, e.quality
				}
			}
		}
		for id, v := range value {
			s := ix.strs[id]
			ds := scores[s.doc]
			if ds == nil {
				ds = &docScore{matched: -1}
				scores[s.doc] = ds
			}
			if v > ds.best[i] {
				ds.extra[i] += ds.best[i]
				ds.best[i] = v
			} else {
				ds.extra[i] += v
			}
			if s.field.titled() {
				m, ok := strs[id]
				if !ok {
					m.quality = 1
				}
				m.mask |= 1 << i
				m.quality = min(m.quality, quality[id])
				strs[id] = m
			}
		}
	}
	ix.phrases(scores, strs, len(ws))
	hits := make([]Hit, 0, len(scores))
	top := 0.0
	for doc, ds := range scores {
		var sum, extra float64
		matched := 0
		for i := range ws {
			sum += ds.best[i]
			extra += min(ds.extra[i], 2*ds.best[i])
			if ds.best[i] > 0 {
				matched++
			}
		}
		score := sum + 0.1*extra + ds.phrase + ds.whole
		if cover := float64(matched) / float64(len(ws)); cover < 1 {
			score *= cover * cover
		}
		d := ix.docs[doc]
		if d.Kind == KindRole {
			score *= roleBoost
		}
		h := Hit{Kind: d.Kind, Key: d.Key, Title: d.Title, Summary: d.Summary, Score: score}
		if ds.matched >= 0 {
			h.Matched = ix.strText(ds.matched)
		}
		hits = append(hits, h)
		top = max(top, score)
	}
	hits = slices.DeleteFunc(hits, func(h Hit) bool { return h.Score < minShare*top })
	sort.Slice(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.Kind != b.Kind {
			return a.Kind == KindRole
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.Key < b.Key
	})
	r := Result{Hits: hits[:min(limit, len(hits))]}
	if corrected && len(r.Hits) > 0 {
		r.Corrected = strings.Join(fixes, " ")
	}
	return r
}

// value is what one occurrence of an expansion is worth: the weight of its
// field, scaled for the string, times how well the query word reached the
// term. In prose, a rarer term and a term named again count more.
func (ix *Index) value(id int32, tf uint8, e expansion) float64 {
	s := &ix.strs[id]
	v := weights[s.field] * float64(s.scale) * e.quality
	if s.field == fBody || s.field == fSummary {
		v *= ix.rarity(e.term)
	}
	if s.field == fBody {
		v *= min(1+0.25*float64(tf-1), 2)
	}
	return v
}

// phrases gives each document two bonuses from its titled strings: one
// for its best string holding every query word, remembered to show what
// matched when it is not the title, and one for its best string holding
// nothing else (it is the query). They add up, so that among roles whose
// titles all hold "nurse" the one O*NET also calls plain "Nurse"
// (Registered Nurse) comes first. Each is scaled by the weakest way a word
// matched there.
func (ix *Index) phrases(scores map[int32]*docScore, strs map[int32]strMatch, n int) {
	full := uint8(1)<<n - 1
	for id, m := range strs {
		if m.mask != full {
			continue
		}
		s := ix.strs[id]
		w := weights[s.field] * float64(s.scale) * m.quality
		ds := scores[s.doc]
		if bonus := 0.5 * w * float64(n); bonus > ds.phrase || bonus == ds.phrase && ix.better(id, ds.matched) {
			ds.phrase, ds.matched = bonus, id
		}
		if int(s.words) == n {
			ds.whole = max(ds.whole, 0.5*w)
		}
	}
	for _, ds := range scores {
		if ds.matched >= 0 && ix.strs[ds.matched].field.isTitle() {
			ds.matched = -1
		}
	}
}

// better breaks a tie between two strings earning the same bonus, so the
// string shown does not depend on map order: the title first, then the
// shorter string, then the first indexed.
func (ix *Index) better(a, b int32) bool {
	if b < 0 {
		return true
	}
	sa, sb := ix.strs[a], ix.strs[b]
	if sa.field.isTitle() != sb.field.isTitle() {
		return sa.field.isTitle()
	}
	if sa.words != sb.words {
		return sa.words < sb.words
	}
	return a < b
}
