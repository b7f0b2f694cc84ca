package importer

import (
	"bufio"
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"rolefit/internal/roles"
)

// The O*NET text files the importer reads.
const (
	fileReadMe      = "Read Me.txt"
	fileOccupations = "Occupation Data.txt"
	fileJobZones    = "Job Zones.txt"
	fileInterests   = "Interests.txt"
	fileWorkStyles  = "Work Styles.txt"
	fileSkills      = "Skills.txt"
	fileRelated     = "Related Occupations.txt"
	fileAltTitles   = "Alternate Titles.txt"
	fileReported    = "Sample of Reported Titles.txt"
)

const colCode = "O*NET-SOC Code"

// riasecLetters maps an interest high-point value (1–6) to its letter;
// 0 means "no high point" and contributes no letter.
const riasecLetters = "RIASEC"

// relation is one row of Related Occupations.txt.
type relation struct {
	code    string
	primary bool // tier Primary-Short or Primary-Long
	index   int
}

// onet holds one O*NET release as read, keyed by O*NET-SOC code.
type onet struct {
	release      string
	titles       map[string]string
	descriptions map[string]string
	jobZones     map[string]int
	interests    map[string]map[string]float64
	highPoints   map[string][3]int
	workStyles   map[string]map[string]float64
	skills       map[string]map[string]roles.SkillRating
	skillRows    map[string]int
	related      map[string][]relation
	elements     map[string]roles.Element
	altTitles    map[string][]string // alternate, short and reported titles, as read

	education       map[string][]educationShare // scale RL, by code
	educationLabels map[int]string              // RL category → short name
}

// newONet returns an empty release ready for the readers.
func newONet() *onet {
	return &onet{
		titles:       map[string]string{},
		descriptions: map[string]string{},
		jobZones:     map[string]int{},
		interests:    map[string]map[string]float64{},
		highPoints:   map[string][3]int{},
		workStyles:   map[string]map[string]float64{},
		skills:       map[string]map[string]roles.SkillRating{},
		skillRows:    map[string]int{},
		related:      map[string][]relation{},
		elements:     map[string]roles.Element{},
		altTitles:    map[string][]string{},

		education:       map[string][]educationShare{},
		educationLabels: map[int]string{},
	}
}

// readONet reads the O*NET files Rolefit uses from dir.
func readONet(dir string, progress func(string, int)) (*onet, error) {
	o := newONet()
	release, err := readRelease(filepath.Join(dir, fileReadMe))
	if err != nil {
		return nil, fmt.Errorf("read O*NET release: %w", err)
	}
	o.release = release
	progress(fileReadMe, 0)

	steps := []struct {
		file string
		read func(path string) (int, error)
	}{
		{fileOccupations, o.readOccupations},
		{fileJobZones, o.readJobZones},
		{fileInterests, o.readInterests},
		{fileWorkStyles, o.readWorkStyles},
		{fileSkills, o.readSkills},
		{fileRelated, o.readRelated},
		{fileAltTitles, o.readAltTitles},
		{fileReported, o.readReportedTitles},
		{fileEducationCategories, o.readEducationCategories},
		{fileEducation, o.readEducation},
	}
	for _, s := range steps {
		n, err := s.read(filepath.Join(dir, s.file))
		if err != nil {
			return nil, fmt.Errorf("read O*NET: %w", err)
		}
		progress(s.file, n)
	}
	if err := o.checkComplete(); err != nil {
		return nil, err
	}
	return o, nil
}

// readRelease turns the first two lines of Read Me.txt ("O*NET 29.3
// Database", "May 2025 Release") into "O*NET 29.3 Database (May 2025)".
func readRelease(path string) (string, error) {
	f, err := os.Open(path) // #nosec G304 -- reading the release the operator names is this package's job
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var lines []string
	for len(lines) < 2 && sc.Scan() {
		lines = append(lines, strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff")))
	}
	if err := sc.Err(); err != nil {
		return "", fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "O*NET ") || !strings.HasSuffix(lines[1], " Release") {
		return "", fmt.Errorf("%s:1: want \"O*NET <version> Database\" then \"<month year> Release\"", filepath.Base(path))
	}
	return fmt.Sprintf("%s (%s)", lines[0], strings.TrimSuffix(lines[1], " Release")), nil
}

func (o *onet) readOccupations(path string) (int, error) {
	return readTSV(path, []string{colCode, "Title", "Description"}, func(f []string) error {
		o.titles[f[0]] = f[1]
		o.descriptions[f[0]] = f[2]
		return nil
	})
}

func (o *onet) readJobZones(path string) (int, error) {
	return readTSV(path, []string{colCode, "Job Zone"}, func(f []string) error {
		z, err := parseWhole("Job Zone", f[1])
		if err != nil {
			return err
		}
		if z < 1 || z > 5 {
			return fmt.Errorf("the Job Zone %d is outside 1–5", z)
		}
		o.jobZones[f[0]] = z
		return nil
	})
}

// readInterests reads the RIASEC scores (scale OI) and the three
// high points (scale IH, elements 1.B.1.g, .h and .i).
func (o *onet) readInterests(path string) (int, error) {
	highPoint := map[string]int{"1.B.1.g": 0, "1.B.1.h": 1, "1.B.1.i": 2}
	return readTSV(path, []string{colCode, "Element ID", "Element Name", "Scale ID", "Data Value"}, func(f []string) error {
		code, id, name, scale := f[0], f[1], f[2], f[3]
		switch scale {
		case "OI":
			v, err := parseRating("Data Value", f[4], 1, 7)
			if err != nil {
				return err
			}
			o.addElement(id, name, roles.BlockInterest)
			put(o.interests, code, id, v)
		case "IH":
			pos, ok := highPoint[id]
			if !ok {
				return fmt.Errorf("unknown high-point element %q", id)
			}
			v, err := parseWhole("Data Value", f[4])
			if err != nil {
				return err
			}
			if v < 0 || v > len(riasecLetters) {
				return fmt.Errorf("high point %d outside 0–6", v)
			}
			hp := o.highPoints[code]
			hp[pos] = v
			o.highPoints[code] = hp
		default:
			return fmt.Errorf("unknown scale %q", scale)
		}
		return nil
	})
}

// readWorkStyles reads work style importance (scale IM).
func (o *onet) readWorkStyles(path string) (int, error) {
	return readTSV(path, []string{colCode, "Element ID", "Element Name", "Scale ID", "Data Value"}, func(f []string) error {
		if f[3] != "IM" {
			return fmt.Errorf("unknown scale %q", f[3])
		}
		v, err := parseRating("Data Value", f[4], 1, 5)
		if err != nil {
			return err
		}
		o.addElement(f[1], f[2], roles.BlockWorkStyle)
		put(o.workStyles, f[0], f[1], v)
		return nil
	})
}

// readSkills reads skill importance (IM, 1–5) and level (LV, 0–7).
func (o *onet) readSkills(path string) (int, error) {
	return readTSV(path, []string{colCode, "Element ID", "Element Name", "Scale ID", "Data Value"}, func(f []string) error {
		code, id, scale := f[0], f[1], f[3]
		var v float64
		var err error
		switch scale {
		case "IM":
			v, err = parseRating("Data Value", f[4], 1, 5)
		case "LV":
			v, err = parseRating("Data Value", f[4], 0, 7)
		default:
			return fmt.Errorf("unknown scale %q", scale)
		}
		if err != nil {
			return err
		}
		o.addElement(id, f[2], roles.BlockSkill)
		m := o.skills[code]
		if m == nil {
			m = map[string]roles.SkillRating{}
			o.skills[code] = m
		}
		r := m[id]
		if scale == "IM" {
			r.IM = v
		} else {
			r.LV = v
		}
		m[id] = r
		o.skillRows[code]++
		return nil
	})
}

func (o *onet) readRelated(path string) (int, error) {
	n, err := readTSV(path, []string{colCode, "Related O*NET-SOC Code", "Relatedness Tier", "Index"}, func(f []string) error {
		var primary bool
		switch f[2] {
		case "Primary-Short", "Primary-Long":
			primary = true
		case "Supplemental":
		default:
			return fmt.Errorf("unknown relatedness tier %q", f[2])
		}
		i, err := parseWhole("Index", f[3])
		if err != nil {
			return err
		}
		o.related[f[0]] = append(o.related[f[0]], relation{code: f[1], primary: primary, index: i})
		return nil
	})
	if err != nil {
		return 0, err
	}
	// Primary tiers first, then by O*NET's rank.
	for _, rs := range o.related {
		slices.SortStableFunc(rs, func(a, b relation) int {
			if a.primary != b.primary {
				if a.primary {
					return -1
				}
				return 1
			}
			return cmp.Compare(a.index, b.index)
		})
	}
	return n, nil
}

// readAltTitles reads O*NET's alternate titles and their short forms
// ("Certified Public Accountant (CPA)", "CPA"), which search matches.
func (o *onet) readAltTitles(path string) (int, error) {
	return readTSV(path, []string{colCode, "Alternate Title", "Short Title"}, func(f []string) error {
		o.altTitles[f[0]] = append(o.altTitles[f[0]], f[1])
		if f[2] != "n/a" {
			o.altTitles[f[0]] = append(o.altTitles[f[0]], f[2])
		}
		return nil
	})
}

// readReportedTitles reads the job titles O*NET's surveys reported.
func (o *onet) readReportedTitles(path string) (int, error) {
	return readTSV(path, []string{colCode, "Reported Job Title"}, func(f []string) error {
		o.altTitles[f[0]] = append(o.altTitles[f[0]], f[1])
		return nil
	})
}

// titlesOf returns an occupation's alternate and reported titles without
// repeats (ignoring case) or its own title, sorted.
func (o *onet) titlesOf(code string) []string {
	seen := map[string]bool{strings.ToLower(o.titles[code]): true}
	var out []string
	for _, t := range o.altTitles[code] {
		t = strings.TrimSpace(t)
		if k := strings.ToLower(t); t != "" && !seen[k] {
			seen[k] = true
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return out
}

func (o *onet) addElement(id, name string, block roles.Block) {
	if _, ok := o.elements[id]; !ok {
		o.elements[id] = roles.Element{ID: id, Name: name, Block: block}
	}
}

// checkComplete rejects occupations rated on only part of a block, which
// would silently skew norms and matching.
func (o *onet) checkComplete() error {
	count := map[roles.Block]int{}
	for _, e := range o.elements {
		count[e.Block]++
	}
	for _, code := range sortedKeys(o.skills) {
		if n := len(o.skills[code]); n != count[roles.BlockSkill] || o.skillRows[code] != 2*n {
			return fmt.Errorf("%s: %s has %d rows for %d of %d skills, want IM and LV for each", fileSkills, code, o.skillRows[code], n, count[roles.BlockSkill])
		}
	}
	for _, code := range sortedKeys(o.workStyles) {
		if n := len(o.workStyles[code]); n != count[roles.BlockWorkStyle] {
			return fmt.Errorf("%s: %s has %d of %d work styles", fileWorkStyles, code, n, count[roles.BlockWorkStyle])
		}
	}
	for _, code := range sortedKeys(o.interests) {
		if n := len(o.interests[code]); n != count[roles.BlockInterest] {
			return fmt.Errorf("%s: %s has %d of %d interests", fileInterests, code, n, count[roles.BlockInterest])
		}
	}
	return nil
}

// riasec spells the high-point code, e.g. [2 6 1] → "ICR".
func riasec(hp [3]int) string {
	var b strings.Builder
	for _, v := range hp {
		if v > 0 {
			b.WriteByte(riasecLetters[v-1])
		}
	}
	return b.String()
}

func put(m map[string]map[string]float64, code, id string, v float64) {
	inner := m[code]
	if inner == nil {
		inner = map[string]float64{}
		m[code] = inner
	}
	inner[id] = v
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
