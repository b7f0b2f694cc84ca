package assessment

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"rolefit/internal/roles"
)

// FlagCode names an answer pattern that makes a result less trustworthy.
// Codes are stable: the web layer and stored results may key on them.
type FlagCode string

// Flag codes. A flag never stops a result; the person is asked to review.
const (
	// FlagLongRun: LongRun or more identical answers in a row.
	FlagLongRun FlagCode = "long_run"
	// FlagFlat: the dimension scores barely differ (SD < FlatSD), so there is
	// no profile shape to match.
	FlagFlat FlagCode = "flat"
	// FlagLowSpread: the scores differ a little (FlatSD ≤ SD < LowSpreadSD);
	// matches rest on small differences.
	FlagLowSpread FlagCode = "low_spread"
	// FlagIncomplete: some questions have no answer.
	FlagIncomplete FlagCode = "incomplete"
	// FlagFast: whole pages were answered faster than a statement can be
	// read and weighed (see FastPerItem). Only the browser quiz can tell.
	FlagFast FlagCode = "fast"
	// FlagAcquiescent: the person agreed (or disagreed) with statements
	// and with their opposites alike.
	FlagAcquiescent FlagCode = "acquiescent"
	// FlagInconsistent: answers to statements and their opposites point in
	// different directions more than attentive answers do.
	FlagInconsistent FlagCode = "inconsistent"
	// FlagMisfit: the answers resemble no occupation's profile anywhere
	// near as closely as attentive answers do. Set by matching, which knows
	// the occupations (see AddMisfit).
	FlagMisfit FlagCode = "misfit"
	// FlagLooseFit: the answers resemble the nearest occupations less
	// closely than most attentive answers do, so fits are shown lower. Not
	// low-confidence on its own. Set by matching (see AddLooseFit).
	FlagLooseFit FlagCode = "loose_fit"
)

// Thresholds of the careless-response flags. The harness in internal/eval
// measures how often each fires for attentive, random and patterned
// answers (make eval).
const (
	// LongRun is the number of identical consecutive answers (in question
	// order) that flags a result: a whole page answered alike. Eight, the
	// digest's figure, also caught 1.5% of attentive people with a strong
	// agree-bias; one answer throughout is caught either way.
	LongRun     = 10
	FlatSD      = 0.3 // person SD of dimension scores, in scale points
	LowSpreadSD = 0.5
	// FastPerItem is the time per statement under which a page counts as
	// answered too fast to be considered (the careless-response literature
	// uses about 2 s an item).
	FastPerItem = 2 * time.Second
	// FastPagesLow is how many fast pages make a result low-confidence.
	FastPagesLow = 3
	// AcquiescentMean: over the pairs of opposite statements, a mean raw
	// answer this far from Neutral means agreeing (or disagreeing) with
	// both halves of most pairs.
	AcquiescentMean = 1.25
	// InconsistentMean: the mean distance between a statement's answer and
	// its opposite's mirrored answer, from which the pairs count as
	// inconsistent (attentive answers with noise SD 1 average about 1.1,
	// uniformly random ones 1.6).
	InconsistentMean = 2.4
	// MinPairs is how many answered pairs the two pair flags need.
	MinPairs = 4
)

// Flag is one careless-response warning with a message fit to show.
type Flag struct {
	Code    FlagCode
	Message string
}

// DimensionScore is a person's score on one dimension.
type DimensionScore struct {
	ID    string
	Group roles.Block
	N     int     // answered items
	Mean  float64 // 1–5, reverse items counted as 6−x; Neutral when N == 0
	// Z is Mean − Neutral: how far the person leans toward (+) or away
	// from (−) the dimension, in scale points.
	Z float64
}

// Result is the scored questionnaire.
type Result struct {
	Dimensions []DimensionScore // in Bank.Dimensions order
	// Code is the RIASEC high-point code, e.g. "ICR"; empty when the
	// answers give no clear interest pattern (flat interests, or answers
	// that agree with statements and their opposites alike).
	Code     string
	Answered int
	SD       float64 // population SD of the answered dimension means
	Mean     float64 // mean of the answered dimension means
	Flags    []Flag
	// Pairs is how many opposite-statement pairs were answered;
	// Inconsistency the mean |x − (6 − y)| over them, Acquiescence the mean
	// raw answer over both halves (Neutral for someone who answers each
	// pair consistently).
	Pairs         int
	Inconsistency float64
	Acquiescence  float64

	fastPages int  // pages answered too fast; see AddFastPages
	lowConf   bool // a pattern flag that makes the ranking a rough guess
}

// Z returns the dimension means minus Neutral, in Bank.Dimensions order.
func (r Result) Z() []float64 {
	z := make([]float64, len(r.Dimensions))
	for i, d := range r.Dimensions {
		z[i] = d.Z
	}
	return z
}

// Means returns the dimension means (1–5), in Bank.Dimensions order.
func (r Result) Means() []float64 {
	m := make([]float64, len(r.Dimensions))
	for i, d := range r.Dimensions {
		m[i] = d.Mean
	}
	return m
}

// Items returns how many statements were answered per dimension.
func (r Result) Items() []int {
	n := make([]int, len(r.Dimensions))
	for i, d := range r.Dimensions {
		n[i] = d.N
	}
	return n
}

// Has reports whether the result carries the flag.
func (r Result) Has(code FlagCode) bool {
	for _, f := range r.Flags {
		if f.Code == code {
			return true
		}
	}
	return false
}

// LowConfidence reports whether the answers look careless, patterned or too
// flat to trust the ranking; the result is still shown, with a prompt to
// review, and without confident reasons.
func (r Result) LowConfidence() bool {
	return r.lowConf || r.fastPages >= FastPagesLow
}

// AddFastPages records that pages of the quiz (out of total) were answered
// faster than FastPerItem a statement, adding the fast flag when any were.
func (r *Result) AddFastPages(pages, total int) {
	if pages <= 0 {
		return
	}
	r.fastPages = pages
	r.Flags = append(r.Flags, Flag{FlagFast, fmt.Sprintf(
		"You answered %d of the %d pages in under %d seconds a statement. Answers given that quickly are often less considered; a second look may change your matches.",
		pages, total, int(FastPerItem.Seconds()))})
}

// AddMisfit records that the answers resemble no occupation closely enough
// to rank on; matching decides it, since only it knows the occupations.
func (r *Result) AddMisfit() {
	if r.Has(FlagMisfit) {
		return
	}
	r.lowConf = true
	r.Code = ""
	r.Flags = append(r.Flags, Flag{FlagMisfit,
		"Your answers do not resemble the profile of any occupation we know, which often happens when statements are answered without reading them closely. Your matches are shown, but treat them as a rough guess."})
}

// AddLooseFit records that matching capped the fits because the answers
// fit the nearest occupations only loosely.
func (r *Result) AddLooseFit() {
	if r.Has(FlagLooseFit) || r.Has(FlagMisfit) {
		return
	}
	r.Flags = append(r.Flags, Flag{FlagLooseFit,
		"Your answers resemble the nearest occupations less closely than most people's do, so every fit is shown a little lower. A second look at answers you were unsure of may sharpen them."})
}

// riasec maps the interest elements to their letters.
var riasec = map[string]byte{
	"1.B.1.a": 'R', "1.B.1.b": 'I', "1.B.1.c": 'A',
	"1.B.1.d": 'S', "1.B.1.e": 'E', "1.B.1.f": 'C',
}

// Score turns answers (question id → 1–5) into a Result. Unanswered questions
// are allowed and flagged; answers to retired statements count toward their
// dimension, so results saved before a statement was replaced still score.
// It returns an error only for misuse: an unknown question id or an answer
// outside the scale.
func Score(b *Bank, answers map[string]int) (Result, error) {
	sum := make([]float64, len(b.Dimensions))
	n := make([]int, len(b.Dimensions))
	asked := 0
	for id, x := range answers {
		it, ok := b.itemOf(id)
		if !ok {
			return Result{}, fmt.Errorf("assessment: unknown question %q", id)
		}
		if x < ScaleMin || x > ScaleMax {
			return Result{}, fmt.Errorf("assessment: answer %d to %s outside %d–%d", x, id, ScaleMin, ScaleMax)
		}
		if b.Asked(id) {
			asked++
		}
		if it.reverse {
			x = ScaleMin + ScaleMax - x
		}
		sum[it.dim] += float64(x)
		n[it.dim]++
	}

	res := Result{Dimensions: make([]DimensionScore, len(b.Dimensions)), Answered: len(answers), Acquiescence: Neutral}
	var m1, m2 float64
	answeredDims := 0
	for i, d := range b.Dimensions {
		ds := DimensionScore{ID: d.ID, Group: d.Group, N: n[i], Mean: Neutral}
		if n[i] > 0 {
			ds.Mean = sum[i] / float64(n[i])
			m1 += ds.Mean
			m2 += ds.Mean * ds.Mean
			answeredDims++
		}
		ds.Z = ds.Mean - Neutral
		res.Dimensions[i] = ds
	}
	if answeredDims > 0 {
		res.Mean = m1 / float64(answeredDims)
		res.SD = math.Sqrt(math.Max(0, m2/float64(answeredDims)-res.Mean*res.Mean))
	}
	res.pairStats(b, answers)

	if longestRun(b, answers) >= LongRun {
		res.lowConf = true
		res.Flags = append(res.Flags, Flag{FlagLongRun, fmt.Sprintf(
			"You gave the same answer to %d or more questions in a row. If you rushed, a second look will make your matches more accurate.", LongRun)})
	}
	switch {
	case res.SD < FlatSD:
		res.lowConf = true
		res.Flags = append(res.Flags, Flag{FlagFlat,
			"Your answers are nearly the same across every topic, so there is little to tell roles apart. Your matches are shown, but treat them as a rough guess."})
	case res.SD < LowSpreadSD:
		res.Flags = append(res.Flags, Flag{FlagLowSpread,
			"Your answers vary only a little between topics, so some matches rest on small differences. Using the ends of the scale where they fit helps."})
	}
	if res.Pairs >= MinPairs {
		switch {
		case math.Abs(res.Acquiescence-Neutral) >= AcquiescentMean:
			res.lowConf = true
			word := "agreed"
			if res.Acquiescence < Neutral {
				word = "disagreed"
			}
			res.Flags = append(res.Flags, Flag{FlagAcquiescent, fmt.Sprintf(
				"You %s with most statements and with their opposites too (some statements say the reverse of others on purpose). Your matches are shown, but treat them as a rough guess.", word)})
		case res.Inconsistency >= InconsistentMean:
			res.lowConf = true
			res.Flags = append(res.Flags, Flag{FlagInconsistent,
				"Some of your answers contradict each other: a few statements say the reverse of others on purpose, and you agreed with one side and then the other. Your matches are shown, but treat them as a rough guess."})
		}
	}
	if asked < len(b.Questions) {
		res.Flags = append(res.Flags, Flag{FlagIncomplete, fmt.Sprintf(
			"You answered %d of %d questions; topics you skipped count as neutral.", asked, len(b.Questions))})
	}
	if !res.lowConf {
		res.Code = code(b, res.Dimensions)
	}
	return res, nil
}

// itemOf returns how the statement with the given id counts, for asked and
// retired statements alike.
func (b *Bank) itemOf(id string) (item, bool) {
	if qi, ok := b.qIndex[id]; ok {
		return item{b.qDim[qi], b.Questions[qi].Reverse}, true
	}
	it, ok := b.retired[id]
	return it, ok
}

// pairStats measures the answered pairs of opposite statements.
func (r *Result) pairStats(b *Bank, answers map[string]int) {
	var dist, raw float64
	for _, p := range b.pairs {
		x, okx := answers[b.Questions[p[0]].ID]
		y, oky := answers[b.Questions[p[1]].ID]
		if !okx || !oky {
			continue
		}
		r.Pairs++
		dist += math.Abs(float64(x - (ScaleMin + ScaleMax - y)))
		raw += float64(x+y) / 2
	}
	if r.Pairs > 0 {
		r.Inconsistency = dist / float64(r.Pairs)
		r.Acquiescence = raw / float64(r.Pairs)
	}
}

// minCodeSpread is the spread of the six interest means (max − min) under
// which the answers show no interest pattern, and so no code.
const minCodeSpread = 0.5

// code returns the three interest letters with the highest means, ties
// broken in RIASEC order, or "" when the interests barely differ.
func code(b *Bank, ds []DimensionScore) string {
	type letter struct {
		c    byte
		mean float64
	}
	var ls []letter
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, d := range b.Dimensions {
		if d.Group != roles.BlockInterest || len(d.ONetElements) == 0 {
			continue
		}
		if c, ok := riasec[d.ONetElements[0]]; ok {
			ls = append(ls, letter{c, ds[i].Mean})
			lo, hi = min(lo, ds[i].Mean), max(hi, ds[i].Mean)
		}
	}
	if len(ls) == 0 || hi-lo < minCodeSpread {
		return ""
	}
	// ls is in bank order; a stable sort keeps RIASEC order among ties
	// only if the bank lists interests R, I, A, S, E, C, so rank explicitly.
	sort.SliceStable(ls, func(i, j int) bool {
		if ls[i].mean != ls[j].mean {
			return ls[i].mean > ls[j].mean
		}
		return strings.IndexByte("RIASEC", ls[i].c) < strings.IndexByte("RIASEC", ls[j].c)
	})
	out := make([]byte, 0, 3)
	for i := 0; i < len(ls) && i < 3; i++ {
		out = append(out, ls[i].c)
	}
	return string(out)
}

// longestRun is the longest stretch of identical raw answers in question
// order; an unanswered question breaks a stretch.
func longestRun(b *Bank, answers map[string]int) int {
	best, run, prev := 0, 0, 0
	for _, q := range b.Questions {
		x, ok := answers[q.ID]
		switch {
		case !ok:
			run, prev = 0, 0
			continue
		case x == prev:
			run++
		default:
			run, prev = 1, x
		}
		best = max(best, run)
	}
	return best
}
