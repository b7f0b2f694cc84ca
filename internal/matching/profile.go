// Package matching owns how a person's answers are compared with roles:
// role profiles placed on the questionnaire's own scale, the ranking (a
// likelihood of the answers under each role, read through the posterior
// over roles), the calibrated fit and its bands, tiers of roles within
// measurement error, and explanations that follow fixed, testable rules.
// It is pure functions over plain values: no HTTP, SQL or I/O.
//
// # One scale for people and roles
//
// A person's level on a dimension is their mean answer, 1–5, reverse
// statements mirrored. A role's level on the same dimension is where its
// occupation's O*NET rating falls among all rated occupations, mapped onto
// the same 1–5: level = 1 + 4·p, with p the share of occupations rated
// below it (half of those rated the same). So "Strongly agree" (5) means
// "as much as the occupations that need it most", "Neither" (3) the median
// occupation, "Strongly disagree" (1) the occupations that need it least.
package matching

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"rolefit/internal/assessment"
	"rolefit/internal/roles"
)

// Scale bounds of the common 1–5 scale.
const (
	LevelMin     = 1.0
	LevelMax     = 5.0
	LevelNeutral = 3.0
)

// Source is everything Build needs from the catalog.
type Source struct {
	Roles       []roles.Role
	Occupations map[string]roles.Occupation // by O*NET code
	Elements    []roles.Element
	Norms       roles.Norms
	// FollowUps holds the follow-up scales (and questions) role traits may
	// name; nil means the bank's own (assessment.Bank.FollowUps).
	FollowUps *assessment.FollowUps
}

// Profile is one role's profile on the common scale, in the bank's
// dimension order.
type Profile struct {
	Slug     string
	ONetCode string
	Category string
	Code     string // the occupation's RIASEC code
	// Level is the role's level per dimension on the common 1–5 scale:
	// interests from OI, work styles from IM, skills from LV (see
	// ScaleLevel), moved by the role's traits.
	Level []float64
	// IM is the O*NET importance (1–5) per dimension: for styles and skills
	// (merged dimensions average theirs); 5 for interests.
	IM []float64
	// Scale is the role's level on each follow-up scale, from its traits:
	// 3 (no lean) for a scale its traits do not name.
	Scale []float64
	// Traited marks the scales the role's traits name: a follow-up answer
	// on any other scale tells less about the role (see UntraitedWeight).
	Traited []bool
}

// Index holds every role's profile, so ranking is a tight loop over flat
// memory. It is immutable after Build and safe for concurrent use.
type Index struct {
	w        Weights
	cal      Calibration
	dims     []assessment.Dimension
	scales   []assessment.Scale
	extIdx   map[string]int // dimension or scale id → position in a role's levels
	follow   *assessment.FollowUps
	profiles []Profile // sorted by slug
	bySlug   map[string]int
	// level holds every profile's levels back to back, stride wide: the
	// questionnaire dimensions (Level), then the follow-up scales (Scale).
	level  []float64
	stride int
	// weight holds, per role and position, how much a follow-up answer
	// there counts: 1 on questionnaire dimensions and traited scales,
	// UntraitedWeight on scales the role's traits do not name.
	weight []float64
	texts  []dimTexts
}

// Build precomputes every role's profile with the default weights and the
// committed calibration.
func Build(bank *assessment.Bank, src Source) (*Index, error) {
	return BuildWith(bank, src, DefaultWeights(), DefaultCalibration())
}

// BuildWith is Build with explicit weights and calibration, for tuning.
func BuildWith(bank *assessment.Bank, src Source, w Weights, cal Calibration) (*Index, error) {
	ix := &Index{w: w, cal: cal, dims: slices.Clone(bank.Dimensions), bySlug: map[string]int{}, extIdx: map[string]int{}, follow: src.FollowUps}
	if ix.follow == nil {
		ix.follow = bank.FollowUps
	}
	if ix.follow != nil {
		ix.scales = slices.Clone(ix.follow.Scales)
	}
	for d, dim := range ix.dims {
		ix.extIdx[dim.ID] = d
	}
	for s, sc := range ix.scales {
		ix.extIdx[sc.ID] = len(ix.dims) + s
	}
	ix.stride = len(ix.dims) + len(ix.scales)

	rs := slices.Clone(src.Roles)
	slices.SortFunc(rs, func(a, b roles.Role) int { return strings.Compare(a.Slug, b.Slug) })
	shared := map[string]int{} // roles per O*NET occupation
	for _, r := range rs {
		shared[r.ONetCode]++
	}
	var errs []string
	for _, r := range rs {
		occ, ok := src.Occupations[r.ONetCode]
		if !ok {
			errs = append(errs, fmt.Sprintf("role %s: no occupation %s", r.Slug, r.ONetCode))
			continue
		}
		p := ix.profile(r, occ, src.Norms)
		if err := ix.applyTraits(&p, r, shared[r.ONetCode] > 1); err != nil {
			errs = append(errs, err.Error())
		}
		ix.bySlug[r.Slug] = len(ix.profiles)
		ix.profiles = append(ix.profiles, p)
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("matching: %s", strings.Join(errs, "; "))
	}
	for _, p := range ix.profiles {
		ix.level = append(ix.level, p.Level...)
		ix.level = append(ix.level, p.Scale...)
		for range p.Level {
			ix.weight = append(ix.weight, 1)
		}
		for _, t := range p.Traited {
			ix.weight = append(ix.weight, map[bool]float64{true: 1, false: UntraitedWeight}[t])
		}
	}
	ix.texts = newDimTexts(ix.dims)
	return ix, nil
}

// Trait levels on the common scale. A trait on a questionnaire dimension
// makes sure the role's level is at least (high) or at most (low) the
// trait's level: traits only move a role where O*NET's occupation-wide
// rating disagrees with what the role's own description says, which is
// what tells apart roles that share an occupation. On a follow-up scale
// the trait sets the role's level outright (roles with no trait on a scale
// sit at 3), and reaches the scale's anchors more softly.
var (
	traitHigh  = [3]float64{0, 3.8, 4.4} // by strength: top 30%, top 15% of occupations
	anchorHigh = [3]float64{0, 3.6, 4.0}
	scaleHigh  = [3]float64{0, 4, 5}
)

// UntraitedWeight is how much a follow-up answer on a scale counts for a
// role whose traits do not name the scale: its level there (3) is a guess,
// not a description, so a person's choice on it should move the role
// little either way.
const UntraitedWeight = 0.3

// SoleTraitShift is the most a trait may move a questionnaire dimension of
// a role that is alone on its O*NET occupation: there the occupation's
// measured rating describes the role itself, and the trait (our judgment)
// only nudges it. Roles that share an occupation are told apart by their
// traits alone, so there a trait moves the level as far as it says.
const SoleTraitShift = 0.5

// applyTraits moves p by the role's traits; shared says whether other
// roles share its occupation.
func (ix *Index) applyTraits(p *Profile, r roles.Role, shared bool) error {
	limit := func(before, after float64) float64 {
		if shared {
			return after
		}
		return min(before+SoleTraitShift, max(before-SoleTraitShift, after))
	}
	p.Scale = make([]float64, len(ix.scales))
	p.Traited = make([]bool, len(ix.scales))
	for s := range p.Scale {
		p.Scale[s] = LevelNeutral
	}
	own := map[int]bool{}
	var bad []string
	for _, t := range r.Traits {
		k := min(2, max(1, t.Strength))
		i, ok := ix.extIdx[t.Dimension]
		switch {
		case !ok:
			bad = append(bad, fmt.Sprintf("role %s: trait on unknown dimension %q", r.Slug, t.Dimension))
		case i < len(ix.dims):
			own[i] = true
			p.Level[i] = limit(p.Level[i], bound(p.Level[i], t.Direction, traitHigh[k]))
		default:
			v := scaleHigh[k]
			if t.Direction == roles.DirectionLow {
				v = LevelMin + LevelMax - v
			}
			p.Scale[i-len(ix.dims)] = v
			p.Traited[i-len(ix.dims)] = true
		}
	}
	for _, t := range r.Traits {
		i, ok := ix.extIdx[t.Dimension]
		if !ok || i < len(ix.dims) {
			continue
		}
		for _, a := range ix.scales[i-len(ix.dims)].Anchors {
			if d, ok := ix.extIdx[a]; ok && !own[d] {
				p.Level[d] = limit(p.Level[d], bound(p.Level[d], t.Direction, anchorHigh[min(2, max(1, t.Strength))]))
			}
		}
	}
	if len(bad) > 0 {
		return errors.New(strings.Join(bad, "; "))
	}
	return nil
}

// bound raises level to at least high (direction high) or lowers it to at
// most its mirror 6 − high (direction low).
func bound(level float64, direction string, high float64) float64 {
	if direction == roles.DirectionLow {
		return min(level, LevelMin+LevelMax-high)
	}
	return max(level, high)
}

// profile places one occupation's ratings on the common scale.
func (ix *Index) profile(r roles.Role, occ roles.Occupation, n roles.Norms) Profile {
	p := Profile{
		Slug: r.Slug, ONetCode: r.ONetCode, Category: r.Category, Code: occ.RIASEC,
		Level: make([]float64, len(ix.dims)), IM: make([]float64, len(ix.dims)),
	}
	for d, dim := range ix.dims {
		var lv, im float64
		for _, e := range dim.ONetElements {
			var v float64
			var nm roles.Norm
			switch dim.Group {
			case roles.BlockInterest:
				nm = n.Interest[e]
				v = value(occ.Interests, e, nm)
				im += 5
			case roles.BlockWorkStyle:
				nm = n.WorkStyle[e]
				v = value(occ.WorkStyles, e, nm)
				im += v
			case roles.BlockSkill:
				nm = n.SkillLV[e]
				v = nm.Mean
				imv := n.SkillIM[e].Mean
				if s, ok := occ.Skills[e]; ok {
					v, imv = s.LV, s.IM
				}
				im += imv
			}
			lv += ScaleLevel(dim.Group, v, nm)
		}
		k := float64(len(dim.ONetElements))
		p.Level[d], p.IM[d] = lv/k, im/k
	}
	if p.Code == "" {
		p.Code = occupationCode(occ)
	}
	return p
}

// ScaleLevel places an O*NET rating of a descriptor of block g on the
// common 1–5 scale. Interests (OI) and skills (LV) are placed by rank among
// all rated occupations: 1 + 4 × the share rated below (half of those
// rated the same). Work styles keep O*NET's own 1–5 importance scale:
// their ratings crowd between 3.5 and 5, so ranking them would stretch a
// difference of a few tenths of a point into the whole answer scale.
func ScaleLevel(g roles.Block, rating float64, n roles.Norm) float64 {
	if g == roles.BlockWorkStyle {
		return math.Min(LevelMax, math.Max(LevelMin, rating))
	}
	return LevelMin + (LevelMax-LevelMin)*n.Percentile(rating)
}

// value is the rating of element e, or its norm mean when the occupation
// lacks it (so a gap neither helps nor hurts).
func value(m map[string]float64, e string, n roles.Norm) float64 {
	if v, ok := m[e]; ok {
		return v
	}
	return n.Mean
}

// occupationCode derives a RIASEC code from OI when O*NET gives none.
func occupationCode(occ roles.Occupation) string {
	ids := []string{"1.B.1.a", "1.B.1.b", "1.B.1.c", "1.B.1.d", "1.B.1.e", "1.B.1.f"}
	order := []int{0, 1, 2, 3, 4, 5}
	slices.SortStableFunc(order, func(a, b int) int {
		va, vb := occ.Interests[ids[a]], occ.Interests[ids[b]]
		switch {
		case va > vb:
			return -1
		case va < vb:
			return 1
		}
		return 0
	})
	var sb strings.Builder
	for _, i := range order[:3] {
		sb.WriteByte("RIASEC"[i])
	}
	return sb.String()
}

// Profiles returns the role profiles, sorted by slug. Callers must not
// modify them.
func (ix *Index) Profiles() []Profile { return ix.profiles }

// Profile returns the profile of the role with the given slug.
func (ix *Index) Profile(slug string) (Profile, bool) {
	i, ok := ix.bySlug[slug]
	if !ok {
		return Profile{}, false
	}
	return ix.profiles[i], true
}

// Dimensions returns the bank's dimensions, in vector order.
func (ix *Index) Dimensions() []assessment.Dimension { return ix.dims }

// Weights returns the weights the index scores with.
func (ix *Index) Weights() Weights { return ix.w }

// Calibration returns the calibration the index maps scores to fits with.
func (ix *Index) Calibration() Calibration { return ix.cal }

// share is the fraction of occupations below a level on the common scale.
func share(level float64) float64 {
	return math.Min(1, math.Max(0, (level-LevelMin)/(LevelMax-LevelMin)))
}
