package importer

import (
	"fmt"
	"maps"
	"math"
	"slices"

	"rolefit/internal/roles"
)

// rated reports whether O*NET publishes the occupation's own skill and
// work style ratings.
func (o *onet) rated(code string) bool {
	return len(o.skills[code]) > 0 && len(o.workStyles[code]) > 0
}

// occupations builds every occupation that has a Job Zone and either its
// own ratings or a rated related occupation to borrow them from.
func (o *onet) occupations() ([]roles.Occupation, []Gap, error) {
	var (
		out  []roles.Occupation
		gaps []Gap
	)
	for _, code := range sortedKeys(o.jobZones) {
		title, ok := o.titles[code]
		if !ok {
			return nil, nil, fmt.Errorf("%s: %s has a Job Zone but no row in %s", fileJobZones, code, fileOccupations)
		}
		occ := roles.Occupation{
			ONetCode:    code,
			SOCCode:     roles.SOCOf(code),
			Title:       title,
			Description: o.descriptions[code],
			JobZone:     o.jobZones[code],
			Interests:   maps.Clone(o.interests[code]),
			RIASEC:      riasec(o.highPoints[code]),
			WorkStyles:  maps.Clone(o.workStyles[code]),
			Skills:      maps.Clone(o.skills[code]),
			Related:     []string{},
			Titles:      o.titlesOf(code),
		}
		for _, r := range o.related[code] {
			if r.primary {
				occ.Related = append(occ.Related, r.code)
			}
		}
		if !o.rated(code) {
			from := o.ratedRelative(code)
			gaps = append(gaps, Gap{ONetCode: code, RatingsFrom: from})
			if from == "" {
				continue
			}
			occ.RatingsFrom = from
			occ.WorkStyles = maps.Clone(o.workStyles[from])
			occ.Skills = maps.Clone(o.skills[from])
			if len(occ.Interests) == 0 {
				occ.Interests = maps.Clone(o.interests[from])
				occ.RIASEC = riasec(o.highPoints[from])
			}
		}
		if occ.Interests == nil {
			occ.Interests = map[string]float64{}
		}
		var err error
		if occ.EducationLevels, err = o.educationLevels(code, occ.RatingsFrom); err != nil {
			return nil, nil, err
		}
		out = append(out, occ)
	}
	return out, gaps, nil
}

// ratedRelative returns the most closely related occupation with its own
// ratings: primary tiers first, then O*NET's rank. "" if there is none.
func (o *onet) ratedRelative(code string) string {
	for _, r := range o.related[code] {
		if o.rated(r.code) {
			return r.code
		}
	}
	return ""
}

// norms computes, per element, the mean and population standard deviation
// over occupations with their own ratings; borrowed ratings would count
// the lending occupation twice. Interests are O*NET's own for every
// occupation, so their norm covers all occupations with a Job Zone.
func (o *onet) norms(elements []roles.Element) roles.Norms {
	n := roles.Norms{
		Interest:  map[string]roles.Norm{},
		WorkStyle: map[string]roles.Norm{},
		SkillIM:   map[string]roles.Norm{},
		SkillLV:   map[string]roles.Norm{},
	}
	// Iterate codes in order so float sums, and so the output, are stable.
	var withInterests, rated []string
	for _, code := range sortedKeys(o.jobZones) {
		if len(o.interests[code]) > 0 {
			withInterests = append(withInterests, code)
		}
		if o.rated(code) {
			rated = append(rated, code)
		}
	}
	for _, e := range elements {
		id := e.ID
		switch e.Block {
		case roles.BlockInterest:
			n.Interest[id] = norm(withInterests, func(c string) float64 { return o.interests[c][id] })
		case roles.BlockWorkStyle:
			n.WorkStyle[id] = norm(rated, func(c string) float64 { return o.workStyles[c][id] })
		case roles.BlockSkill:
			n.SkillIM[id] = norm(rated, func(c string) float64 { return o.skills[c][id].IM })
			n.SkillLV[id] = norm(rated, func(c string) float64 { return o.skills[c][id].LV })
		}
	}
	return n
}

// norm is the mean and population standard deviation of value over codes.
func norm(codes []string, value func(code string) float64) roles.Norm {
	if len(codes) == 0 {
		return roles.Norm{}
	}
	var sum float64
	for _, c := range codes {
		sum += value(c)
	}
	mean := sum / float64(len(codes))
	var sq float64
	vs := make([]float64, len(codes))
	for i, c := range codes {
		vs[i] = value(c)
		d := vs[i] - mean
		sq += d * d
	}
	return roles.Norm{Mean: mean, SD: math.Sqrt(sq / float64(len(codes))), Q: quantiles(vs, roles.NormQuantiles)}
}

// quantiles returns k evenly spaced quantiles of vs (0 to 100 percent),
// interpolating linearly between order statistics and rounded to 4
// decimals so the generated figures stay stable and readable.
func quantiles(vs []float64, k int) []float64 {
	s := slices.Clone(vs)
	slices.Sort(s)
	out := make([]float64, k)
	for i := range out {
		pos := float64(i) / float64(k-1) * float64(len(s)-1)
		lo := int(pos)
		v := s[lo]
		if lo+1 < len(s) {
			v += (pos - float64(lo)) * (s[lo+1] - s[lo])
		}
		out[i] = math.Round(v*1e4) / 1e4
	}
	return out
}
