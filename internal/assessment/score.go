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
)

// Thresholds of the careless-response flags.
const (
	LongRun     = 8   // identical consecutive answers, in question order
	FlatSD      = 0.3 // person SD of dimension scores, in scale points
	LowSpreadSD = 0.5
	// FastPerItem is the time per statement under which a page counts as
	// answered too fast to be considered (the careless-response literature
	// uses about 2 s an item).
	FastPerItem = 2 * time.Second
	// FastPagesLow is how many fast pages make a result low-confidence.
	FastPagesLow = 3
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
	// Z is Mean − Neutral: the agreement scale is read as z-units of the
	// occupation norms, one scale point per SD, centred on "neither". It is
	// the inverse of how the synthetic respondents answer (3 + z + noise),
	// and it is not person-centred: profile correlation removes the
	// person's overall level per block, while the skill shortfall needs it.
	Z float64
}

// Result is the scored questionnaire.
type Result struct {
	Dimensions []DimensionScore // in Bank.Dimensions order
	Code       string           // RIASEC high-point code, e.g. "ICR"
	Answered   int
	SD         float64 // population SD of the answered dimension means
	Flags      []Flag

	fastPages int // pages answered too fast; see AddFastPages
}

// Z returns the z-scores in Bank.Dimensions order.
func (r Result) Z() []float64 {
	z := make([]float64, len(r.Dimensions))
	for i, d := range r.Dimensions {
		z[i] = d.Z
	}
	return z
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

// LowConfidence reports whether the answers look careless or too flat to
// trust the ranking; the result is still shown, with a prompt to review.
func (r Result) LowConfidence() bool {
	return r.Has(FlagLongRun) || r.Has(FlagFlat) || r.fastPages >= FastPagesLow
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

// riasec maps the interest elements to their letters.
var riasec = map[string]byte{
	"1.B.1.a": 'R', "1.B.1.b": 'I', "1.B.1.c": 'A',
	"1.B.1.d": 'S', "1.B.1.e": 'E', "1.B.1.f": 'C',
}

// Score turns answers (question id → 1–5) into a Result. Unanswered questions
// are allowed and flagged. It returns an error only for misuse: an unknown
// question id or an answer outside the scale.
func Score(b *Bank, answers map[string]int) (Result, error) {
	sum := make([]float64, len(b.Dimensions))
	n := make([]int, len(b.Dimensions))
	for id, x := range answers {
		qi, ok := b.qIndex[id]
		if !ok {
			return Result{}, fmt.Errorf("assessment: unknown question %q", id)
		}
		if x < ScaleMin || x > ScaleMax {
			return Result{}, fmt.Errorf("assessment: answer %d to %s outside %d–%d", x, id, ScaleMin, ScaleMax)
		}
		if b.Questions[qi].Reverse {
			x = ScaleMin + ScaleMax - x
		}
		sum[b.qDim[qi]] += float64(x)
		n[b.qDim[qi]]++
	}

	res := Result{Dimensions: make([]DimensionScore, len(b.Dimensions)), Answered: len(answers)}
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
		mean := m1 / float64(answeredDims)
		res.SD = math.Sqrt(math.Max(0, m2/float64(answeredDims)-mean*mean))
	}
	res.Code = code(b, res.Dimensions)

	if longestRun(b, answers) >= LongRun {
		res.Flags = append(res.Flags, Flag{FlagLongRun, fmt.Sprintf(
			"You gave the same answer to %d or more questions in a row. If you rushed, a second look will make your matches more accurate.", LongRun)})
	}
	switch {
	case res.SD < FlatSD:
		res.Flags = append(res.Flags, Flag{FlagFlat,
			"Your answers are nearly the same across every topic, so there is little to tell roles apart. Your matches are shown, but treat them as a rough guess."})
	case res.SD < LowSpreadSD:
		res.Flags = append(res.Flags, Flag{FlagLowSpread,
			"Your answers vary only a little between topics, so some matches rest on small differences. Using the ends of the scale where they fit helps."})
	}
	if len(answers) < len(b.Questions) {
		res.Flags = append(res.Flags, Flag{FlagIncomplete, fmt.Sprintf(
			"You answered %d of %d questions; topics you skipped count as neutral.", len(answers), len(b.Questions))})
	}
	return res, nil
}

// code returns the three interest letters with the highest means, ties
// broken in RIASEC order.
func code(b *Bank, ds []DimensionScore) string {
	type letter struct {
		c    byte
		mean float64
	}
	var ls []letter
	for i, d := range b.Dimensions {
		if d.Group != roles.BlockInterest || len(d.ONetElements) == 0 {
			continue
		}
		if c, ok := riasec[d.ONetElements[0]]; ok {
			ls = append(ls, letter{c, ds[i].Mean})
		}
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
