package matching

import "rolefit/internal/assessment"

// Evaluation is a scored and ranked set of answers.
type Evaluation struct {
	Result  assessment.Result
	Person  Person
	Ranking Ranking
	// Next is the follow-up question worth asking next, nil when the order
	// of the top candidates is settled (or the answers are low-confidence).
	Next *assessment.FollowUp
}

// Evaluate scores stored answers (statement answers, and follow-up answers
// under their own ids, see assessment.FollowUps.Split) with bank, records
// pages answered too fast (out of the bank's sections), ranks every role,
// and records on the result what only the ranking can tell: answers that
// resemble no occupation (a misfit, which makes the result low-confidence)
// or fit the nearest ones loosely. The first explain matches carry
// explanations that follow the final confidence. Both the web layer and
// the evaluation harness go through it.
func (ix *Index) Evaluate(bank *assessment.Bank, stored map[string]int, fastPages, explain int) (Evaluation, error) {
	answers, follow := stored, map[string]string(nil)
	if ix.follow != nil {
		answers, follow = ix.follow.Split(stored)
	}
	res, err := assessment.Score(bank, answers)
	if err != nil {
		return Evaluation{}, err
	}
	res.AddFastPages(fastPages, len(bank.Sections))
	p, err := ix.WithFollowUps(NewPerson(res), follow)
	if err != nil {
		return Evaluation{}, err
	}
	rk, err := ix.Rank(p, 0)
	if err != nil {
		return Evaluation{}, err
	}
	switch {
	case rk.Misfit:
		res.AddMisfit()
		p.LowConfidence, p.Code = true, res.Code
	case rk.Loose:
		res.AddLooseFit()
	}
	for i := 0; i < explain && i < len(rk.Matches); i++ {
		e := ix.explain(p, ix.bySlug[rk.Matches[i].Slug], p.LowConfidence || rk.LowConfidence)
		rk.Matches[i].Explanation = &e
	}
	ev := Evaluation{Result: res, Person: p, Ranking: rk}
	if q, ok := ix.NextFollowUp(p, rk); ok {
		ev.Next = &q
	}
	return ev, nil
}

// FollowUps returns the follow-up bank the index was built with, or nil.
func (ix *Index) FollowUps() *assessment.FollowUps { return ix.follow }

// Position returns where a questionnaire dimension or follow-up scale sits
// in a role's levels (Profile.Level, then Profile.Scale).
func (ix *Index) Position(id string) (int, bool) {
	i, ok := ix.extIdx[id]
	return i, ok
}
