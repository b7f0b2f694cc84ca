// Package matching owns how a person's scores are compared with roles: role
// profiles built from O*NET ratings standardised with the catalog norms (plus
// each role's hand-set emphasis), the fit score, its calibration to 0–100,
// bands, and explanations that are exact parts of the score. It is pure
// functions over plain values: no HTTP, SQL or I/O.
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

// Source is everything Build needs from the catalog.
type Source struct {
	Roles       []roles.Role
	Occupations map[string]roles.Occupation // by O*NET code
	Elements    []roles.Element
	Norms       roles.Norms
}

// Profile is one role's standardised profile, in the bank's dimension order.
type Profile struct {
	Slug     string
	ONetCode string
	Category string
	Code     string // the occupation's RIASEC code
	// Z holds interests (OI), styles (IM) and skills (LV) as z-scores over
	// the catalog norms, plus the role's emphasis times EmphasisScale.
	Z []float64
	// Weight is the dimension's O*NET importance as (IM−1)/4: 1 for
	// interests, from IM for styles and skills (merged dimensions average
	// their IMs). It weights the skill gaps; the profile correlations are
	// unweighted, which retrieved roles better on the harness.
	Weight    []float64
	Important []bool // skills with IM ≥ ImportantIM: the ones gaps count on
}

// blockOf lists the dimensions of one block, in bank order.
type blockOf struct {
	group roles.Block
	dims  []int
}

// Index holds every role's precomputed vectors, so ranking is a tight loop
// over flat memory. It is immutable after Build and safe for concurrent use.
type Index struct {
	w        Weights
	cal      Calibration
	dims     []assessment.Dimension
	blocks   [3]blockOf // interest, work_style, skill
	profiles []Profile  // sorted by slug
	bySlug   map[string]int

	pk    packed     // see rank.go
	texts []dimTexts // per dimension, see explain.go
}

// Build precomputes every role's profile with the default weights and the
// committed calibration.
func Build(bank *assessment.Bank, src Source) (*Index, error) {
	return BuildWith(bank, src, DefaultWeights(), DefaultCalibration())
}

// BuildWith is Build with explicit weights and calibration, for tuning.
func BuildWith(bank *assessment.Bank, src Source, w Weights, cal Calibration) (*Index, error) {
	if len(bank.Dimensions) > maxDims {
		return nil, fmt.Errorf("matching: %d dimensions, at most %d supported", len(bank.Dimensions), maxDims)
	}
	ix := &Index{w: w, cal: cal, dims: slices.Clone(bank.Dimensions), bySlug: map[string]int{}}
	for i, g := range []roles.Block{roles.BlockInterest, roles.BlockWorkStyle, roles.BlockSkill} {
		ix.blocks[i].group = g
	}
	for d, dim := range ix.dims {
		for i := range ix.blocks {
			if ix.blocks[i].group == dim.Group {
				ix.blocks[i].dims = append(ix.blocks[i].dims, d)
			}
		}
	}

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
		p := ix.profile(r, occ, src.Norms)
		shift, err := emphasis(r, elemDim, len(ix.dims))
		if err != nil {
			errs = append(errs, err.Error())
		}
		for d, e := range shift {
			p.Z[d] += w.EmphasisScale * e
		}
		ix.bySlug[r.Slug] = len(ix.profiles)
		ix.profiles = append(ix.profiles, p)
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("matching: %s", strings.Join(errs, "; "))
	}
	ix.pack()
	ix.texts = newDimTexts(ix.dims)
	return ix, nil
}

// emphasis returns a role's shift per dimension. A merged dimension takes
// the mean of the emphases on its elements, so stressing both halves of a
// pair does not count twice.
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

// profile standardises one occupation's ratings on the bank's dimensions.
func (ix *Index) profile(r roles.Role, occ roles.Occupation, n roles.Norms) Profile {
	p := Profile{
		Slug: r.Slug, ONetCode: r.ONetCode, Category: r.Category, Code: occ.RIASEC,
		Z: make([]float64, len(ix.dims)), Weight: make([]float64, len(ix.dims)), Important: make([]bool, len(ix.dims)),
	}
	for d, dim := range ix.dims {
		var z, im float64
		for _, e := range dim.ONetElements {
			switch dim.Group {
			case roles.BlockInterest:
				z += zscore(occ.Interests, e, n.Interest)
				im += 5 // equal weights
			case roles.BlockWorkStyle:
				z += zscore(occ.WorkStyles, e, n.WorkStyle)
				im += value(occ.WorkStyles, e, n.WorkStyle)
			case roles.BlockSkill:
				s, ok := occ.Skills[e]
				lv, imv := n.SkillLV[e].Mean, n.SkillIM[e].Mean
				if ok {
					lv, imv = s.LV, s.IM
				}
				z += standard(lv, n.SkillLV[e])
				im += imv
			}
		}
		k := float64(len(dim.ONetElements))
		p.Z[d], im = z/k, im/k
		p.Weight[d] = math.Max(0, (im-1)/4)
		p.Important[d] = dim.Group == roles.BlockSkill && im >= ix.w.ImportantIM
	}
	if p.Code == "" {
		p.Code = occupationCode(occ)
	}
	return p
}

// value is the rating of element e, or its norm mean when the occupation
// lacks it (so a gap neither helps nor hurts).
func value(m map[string]float64, e string, n map[string]roles.Norm) float64 {
	if v, ok := m[e]; ok {
		return v
	}
	return n[e].Mean
}

func zscore(m map[string]float64, e string, n map[string]roles.Norm) float64 {
	return standard(value(m, e, n), n[e])
}

func standard(v float64, n roles.Norm) float64 {
	if n.SD <= 0 {
		return 0
	}
	return (v - n.Mean) / n.SD
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
