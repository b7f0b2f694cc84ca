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
}

// Profile is one role's profile on the common scale, in the bank's
// dimension order.
type Profile struct {
	Slug     string
	ONetCode string
	Category string
	Code     string // the occupation's RIASEC code
	// Level is the role's level per dimension on the common 1–5 scale:
	// interests from OI, work styles from IM, skills from LV, each placed
	// among all rated occupations, plus the role's emphasis.
	Level []float64
	// IM is the O*NET importance (1–5) per dimension: for styles and skills
	// (merged dimensions average theirs); 5 for interests.
	IM []float64
}

// Index holds every role's profile, so ranking is a tight loop over flat
// memory. It is immutable after Build and safe for concurrent use.
type Index struct {
	w        Weights
	cal      Calibration
	dims     []assessment.Dimension
	profiles []Profile // sorted by slug
	bySlug   map[string]int
	level    []float64 // every profile's Level, back to back
	texts    []dimTexts
}

// Build precomputes every role's profile with the default weights and the
// committed calibration.
func Build(bank *assessment.Bank, src Source) (*Index, error) {
	return BuildWith(bank, src, DefaultWeights(), DefaultCalibration())
}

// BuildWith is Build with explicit weights and calibration, for tuning.
func BuildWith(bank *assessment.Bank, src Source, w Weights, cal Calibration) (*Index, error) {
	ix := &Index{w: w, cal: cal, dims: slices.Clone(bank.Dimensions), bySlug: map[string]int{}}
	elemDim := map[string]int{} // element name → dimension
	dimOf := map[string]int{}   // element id → dimension
	for d, dim := range ix.dims {
		for _, e := range dim.ONetElements {
			dimOf[e] = d
		}
	}
	for _, e := range src.Elements {
		if d, ok := dimOf[e.ID]; ok {
			elemDim[e.Name] = d
		}
	}

	rs := slices.Clone(src.Roles)
	slices.SortFunc(rs, func(a, b roles.Role) int { return strings.Compare(a.Slug, b.Slug) })
	var errs []string
	for _, r := range rs {
		occ, ok := src.Occupations[r.ONetCode]
		if !ok {
			errs = append(errs, fmt.Sprintf("role %s: no occupation %s", r.Slug, r.ONetCode))
			continue
		}
		shift, err := emphasis(r, elemDim, len(ix.dims))
		if err != nil {
			errs = append(errs, err.Error())
		}
		for d := range shift {
			shift[d] *= w.EmphasisScale
		}
		ix.bySlug[r.Slug] = len(ix.profiles)
		ix.profiles = append(ix.profiles, ix.profile(r, occ, src.Norms, shift))
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("matching: %s", strings.Join(errs, "; "))
	}
	for _, p := range ix.profiles {
		ix.level = append(ix.level, p.Level...)
	}
	ix.texts = newDimTexts(ix.dims)
	return ix, nil
}

// emphasis returns a role's shift per dimension, in SDs of the occupation
// norms. A merged dimension takes the mean of the emphases on its elements,
// so stressing both halves of a pair does not count twice.
func emphasis(r roles.Role, elemDim map[string]int, n int) ([]float64, error) {
	shift, count := make([]float64, n), make([]int, n)
	var bad []string
	for _, em := range r.Emphasis {
		d, ok := elemDim[em.Descriptor]
		if !ok {
			bad = append(bad, fmt.Sprintf("role %s: emphasis %q is not a measured descriptor", r.Slug, em.Descriptor))
			continue
		}
		shift[d] += em.Weight
		count[d]++
	}
	for d, c := range count {
		if c > 1 {
			shift[d] /= float64(c)
		}
	}
	if len(bad) > 0 {
		return shift, errors.New(strings.Join(bad, "; "))
	}
	return shift, nil
}

// profile places one occupation's ratings on the common scale, each
// rating moved by shift SDs first.
func (ix *Index) profile(r roles.Role, occ roles.Occupation, n roles.Norms, shift []float64) Profile {
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
			lv += ScaleLevel(dim.Group, v+shift[d]*nm.SD, nm)
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
