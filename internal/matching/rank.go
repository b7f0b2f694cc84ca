package matching

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"rolefit/internal/assessment"
	"rolefit/internal/roles"
)

// Person is what matching needs of a scored questionnaire.
type Person struct {
	Z             []float64 // per dimension, in the bank's order
	Code          string    // RIASEC code, shown beside the role's
	LowConfidence bool      // the answers were flagged as careless or flat
}

// NewPerson takes a person from an assessment result.
func NewPerson(r assessment.Result) Person {
	return Person{Z: r.Z(), Code: r.Code, LowConfidence: r.LowConfidence()}
}

// Match is one role's place in a ranking.
type Match struct {
	Slug  string
	Fit   int     // calibrated 0–100; see Band
	Score float64 // raw score the order comes from
	// Explanation is filled for the first n matches Rank was asked to
	// explain, nil beyond them; Index.Explain gives it for any role.
	Explanation *Explanation
}

// Band is the band of the match's fit. (A method, not a field: one string
// fewer to write per role keeps Rank's result loop cheap.)
func (m Match) Band() Band { return BandFor(m.Fit) }

// Ranking is every role in order of fit.
type Ranking struct {
	Matches []Match
	// LowConfidence is true when the answers were flagged or a block of
	// them does not vary; the order is then a rough guess and the caller
	// should say so.
	LowConfidence bool
	// Undefined lists blocks whose answers are all equal: their profile
	// correlation is undefined and counts as 0.
	Undefined []roles.Block
}

// flatVar is the variance under which a block has no shape to correlate.
const flatVar = 1e-9

// The score of role r for person p is
//
//	S = Σ_b W_b · r_b(p, q_r) − Σ_j g_rj · (U·relu(q_rj − p_j − t) + O·relu(p_j − q_rj − t))
//
// with r_b the Pearson correlation over block b (interests, styles, skills)
// and j running over the role's important skills, g its importance weights
// normalised to sum 1. Writing r_b = Σᵢ (q̃ᵢ / (n_b·s_q)) · (p̃ᵢ / s_p), the
// role half aᵢ = q̃ᵢ/(n_b·s_q) is packed once per role and the person half
// p′ᵢ = W_b·pᵢ/s_p once per person, so the whole shape term is one dot
// product of length 54 per role. (Centring p is unnecessary: Σa = 0.)

// packed is every role's vectors in flat slices. Per role, stride floats:
//
//	a[n] low[gaps] high[gaps] under[gaps] over[gaps]
//
// with a in block order (interests, styles, skills); low and high the
// role's level on each important skill minus and plus the tolerance; under
// and over its normalised importance times the penalties. gapIdx (positions
// of those skills in the skill block) and gapN (how many) sit beside.
type packed struct {
	n, gaps int
	stride  int
	order   []int // packed position → dimension
	skill0  int   // packed position of the first skill
	vec     []float64
	gapIdx  []int32
	gapN    []int32
}

func (ix *Index) pack() {
	pk := &ix.pk
	pk.order = nil
	for _, blk := range ix.blocks {
		pk.order = append(pk.order, blk.dims...)
	}
	pk.n = len(pk.order)
	pk.skill0 = len(ix.blocks[0].dims) + len(ix.blocks[1].dims)
	for _, p := range ix.profiles {
		n := 0
		for _, d := range ix.blocks[2].dims {
			if p.Important[d] {
				n++
			}
		}
		pk.gaps = max(pk.gaps, n)
	}
	pk.stride = pk.n + 4*pk.gaps
	pk.vec = make([]float64, pk.stride*len(ix.profiles))
	pk.gapIdx = make([]int32, pk.gaps*len(ix.profiles))
	pk.gapN = make([]int32, len(ix.profiles))
	for r, p := range ix.profiles {
		rec := pk.vec[r*pk.stride : (r+1)*pk.stride]
		a := rec[:pk.n]
		gp := rec[pk.n:]
		low, high, under, over := gp[:pk.gaps], gp[pk.gaps:2*pk.gaps], gp[2*pk.gaps:3*pk.gaps], gp[3*pk.gaps:]
		off := 0
		for _, blk := range ix.blocks {
			copy(a[off:], roleHalf(p, blk.dims))
			off += len(blk.dims)
		}

		// Gap weights: importance over important skills, normalised, with
		// the penalties folded in.
		var sum float64
		for _, d := range ix.blocks[2].dims {
			if p.Important[d] {
				sum += p.Weight[d]
			}
		}
		idx := pk.gapIdx[r*pk.gaps : (r+1)*pk.gaps]
		j := 0
		for i, d := range ix.blocks[2].dims {
			if !p.Important[d] || sum <= 0 {
				continue
			}
			g := p.Weight[d] / sum
			idx[j] = int32(i)
			low[j], high[j] = p.Z[d]-ix.w.Tolerance, p.Z[d]+ix.w.Tolerance
			under[j], over[j] = g*ix.w.Under, g*ix.w.Over
			j++
		}
		pk.gapN[r] = int32(j)
	}
}

// roleHalf returns aᵢ = q̃ᵢ/(n·s_q) over one block of p: the role's share
// of the block correlation. A flat block gives zeros: no shape to match.
func roleHalf(p Profile, dims []int) []float64 {
	a := make([]float64, len(dims))
	n := float64(len(dims))
	var mean, m2 float64
	for _, d := range dims {
		mean += p.Z[d]
		m2 += p.Z[d] * p.Z[d]
	}
	if n == 0 {
		return a
	}
	mean /= n
	v := m2/n - mean*mean
	if v < flatVar {
		return a
	}
	sd := math.Sqrt(v)
	for i, d := range dims {
		a[i] = (p.Z[d] - mean) / (n * sd)
	}
	return a
}

// person is a person's half of the score, in packed order.
type person struct {
	scaled    []float64 // p′ᵢ = W_b·pᵢ/s_p, 0 in an undefined block
	skills    []float64 // raw skill z-scores, for the gaps
	mean, sd  [3]float64
	undefined [3]bool
}

func (ix *Index) person(p Person) (person, error) {
	var ps person
	if len(p.Z) != len(ix.dims) {
		return ps, fmt.Errorf("matching: person has %d scores, want %d", len(p.Z), len(ix.dims))
	}
	for _, x := range p.Z {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return ps, errors.New("matching: person score is not a number")
		}
	}
	ps.scaled = make([]float64, ix.pk.n)
	ps.skills = make([]float64, len(ix.blocks[2].dims))
	bw := [3]float64{ix.w.Interest, ix.w.Style, ix.w.Skill}
	off := 0
	for b, blk := range ix.blocks {
		n := float64(len(blk.dims))
		var m1, m2 float64
		for _, d := range blk.dims {
			m1 += p.Z[d]
			m2 += p.Z[d] * p.Z[d]
		}
		if n > 0 {
			ps.mean[b] = m1 / n
			if v := m2/n - ps.mean[b]*ps.mean[b]; v >= flatVar {
				ps.sd[b] = math.Sqrt(v)
			}
		}
		ps.undefined[b] = ps.sd[b] == 0
		for i, d := range blk.dims {
			if !ps.undefined[b] {
				ps.scaled[off+i] = bw[b] * p.Z[d] / ps.sd[b]
			}
			if b == 2 {
				ps.skills[i] = p.Z[d]
			}
		}
		off += len(blk.dims)
	}
	return ps, nil
}

// score is role r's score: the hot loop of Rank. The dot product is
// unrolled by four so consecutive adds do not wait on each other.
func (ix *Index) score(ps *person, r int) float64 {
	pk := &ix.pk
	rec := pk.vec[r*pk.stride : (r+1)*pk.stride]
	p := ps.scaled
	a := rec[:len(p)]
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+3 < len(p); i += 4 {
		s0 += a[i] * p[i]
		s1 += a[i+1] * p[i+1]
		s2 += a[i+2] * p[i+2]
		s3 += a[i+3] * p[i+3]
	}
	for ; i < len(p); i++ {
		s0 += a[i] * p[i]
	}

	n := int(pk.gapN[r])
	g := rec[pk.n:]
	low, high := g[:n], g[pk.gaps:pk.gaps+n]
	under, over := g[2*pk.gaps:2*pk.gaps+n], g[3*pk.gaps:3*pk.gaps+n]
	idx := pk.gapIdx[r*pk.gaps : r*pk.gaps+n]
	k := ps.skills
	var pen0, pen1 float64
	for j, i := range idx {
		// A branch beats branch-free relu here: most skills sit inside
		// the tolerance and skip both.
		switch x := k[i]; {
		case x < low[j]:
			pen0 += under[j] * (low[j] - x)
		case x > high[j]:
			pen1 += over[j] * (x - high[j])
		}
	}
	return (s0 + s1) + (s2 + s3) - (pen0 + pen1)
}

// Rank scores every role against p and returns them best first, ties broken
// by slug. The first explain matches carry an Explanation. It fails only on
// misuse (a vector of the wrong length or not-a-number scores); flat or
// careless answers give a low-confidence ranking, never an error.
func (ix *Index) Rank(p Person, explain int) (Ranking, error) {
	ps, err := ix.person(p)
	if err != nil {
		return Ranking{}, err
	}
	n := len(ix.profiles)
	// Sort on one uint64 per role: the score's float32 bits mapped to an
	// order-preserving unsigned key (inverted: best first) above the role
	// index, which is slug order. Scores equal to float32 precision tie.
	keys := make([]uint64, 2*n) // keys, then radix scratch
	scores := make([]float64, n)
	for r := range n {
		s := ix.score(&ps, r)
		scores[r] = s
		bits := math.Float32bits(float32(s))
		if bits&(1<<31) != 0 {
			bits = ^bits
		} else {
			bits |= 1 << 31
		}
		keys[r] = uint64(^bits)<<32 | uint64(r)
	}
	if n >= radixMin {
		keys = radixSort(keys[:n], keys[n:])
	} else {
		keys = keys[:n]
		slices.Sort(keys)
	}

	rk := Ranking{Matches: make([]Match, n), LowConfidence: p.LowConfidence}
	for b, u := range ps.undefined {
		if u {
			rk.Undefined = append(rk.Undefined, ix.blocks[b].group)
			rk.LowConfidence = true
		}
	}
	for i, k := range keys {
		r := int(uint32(k)) // #nosec G115 -- the low 32 bits hold the role index by construction
		rk.Matches[i] = Match{Slug: ix.profiles[r].Slug, Fit: ix.cal.Fit(scores[r]), Score: scores[r]}
		if i < explain {
			e := ix.explain(p, &ps, r)
			rk.Matches[i].Explanation = &e
		}
	}
	return rk, nil
}

// radixMin is the size from which radixSort beats a comparison sort.
const radixMin = 512

// radixSort sorts keys by their upper 32 bits, stably, so that equal
// scores stay in index order: three passes of 11 bits, about four times
// faster than a comparison sort at a thousand roles. tmp has len(keys).
func radixSort(keys, tmp []uint64) []uint64 {
	const bits, buckets = 11, 1 << 11
	var count [buckets]int
	for shift := 32; shift < 64; shift += bits {
		count = [buckets]int{}
		for _, k := range keys {
			count[(k>>shift)&(buckets-1)]++
		}
		sum := 0
		for i, c := range count {
			count[i] = sum
			sum += c
		}
		for _, k := range keys {
			b := (k >> shift) & (buckets - 1)
			tmp[count[b]] = k
			count[b]++
		}
		keys, tmp = tmp, keys
	}
	return keys
}

// Score returns role slug's raw score for p, as Rank computes it.
func (ix *Index) Score(p Person, slug string) (float64, error) {
	r, ok := ix.bySlug[slug]
	if !ok {
		return 0, fmt.Errorf("matching: unknown role %q", slug)
	}
	ps, err := ix.person(p)
	if err != nil {
		return 0, err
	}
	return ix.score(&ps, r), nil
}
