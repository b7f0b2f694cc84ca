package matching

import "rolefit/internal/assessment"

// Evaluation is a scored and ranked set of answers.
type Evaluation struct {
	Result  assessment.Result
	Person  Person
	Ranking Ranking
}

// Evaluate scores answers with bank, records pages answered too fast (out
// of the bank's sections), ranks every role, and records on the result what
// only the ranking can tell: answers that resemble no occupation (a misfit,
// which makes the result low-confidence) or fit the nearest ones loosely.
// The first explain matches carry explanations that follow the final
// confidence. Both the web layer and the evaluation harness go through it.
func (ix *Index) Evaluate(bank *assessment.Bank, answers map[string]int, fastPages, explain int) (Evaluation, error) {
	res, err := assessment.Score(bank, answers)
	if err != nil {
		return Evaluation{}, err
	}
	res.AddFastPages(fastPages, len(bank.Sections))
	p := NewPerson(res)
	rk, err := ix.Rank(p, 0)
	if err != nil {
		return Evaluation{}, err
	}
	switch {
	case rk.Misfit:
		res.AddMisfit()
		p = NewPerson(res)
	case rk.Loose:
		res.AddLooseFit()
	}
	for i := 0; i < explain && i < len(rk.Matches); i++ {
		e := ix.explain(p, ix.bySlug[rk.Matches[i].Slug], p.LowConfidence || rk.LowConfidence)
		rk.Matches[i].Explanation = &e
	}
	return Evaluation{Result: res, Person: p, Ranking: rk}, nil
}
