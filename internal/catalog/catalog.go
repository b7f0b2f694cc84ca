// Package catalog loads Rolefit's embedded catalog (categories, hand-written
// roles, generated occupation figures) from a file system and checks that it
// is complete and consistent before anything is served from it.
package catalog

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"rolefit/internal/roles"
)

// Release names the public data releases the figures come from.
type Release struct {
	ONet        string `json:"onet"`
	OEWS        string `json:"oews"`
	Projections string `json:"projections"`
}

// Figures is the shape of data/occupations.json, written by `make data`.
type Figures struct {
	Release     Release            `json:"release"`
	Elements    []roles.Element    `json:"elements"`
	Norms       roles.Norms        `json:"norms"`
	Occupations []roles.Occupation `json:"occupations"`
}

// Titles is the shape of data/onet_titles.json, written by `make data`:
// O*NET's alternate and reported job titles of the catalog's occupations,
// which search matches.
type Titles struct {
	Source string              `json:"source"`
	Titles map[string][]string `json:"titles"` // O*NET-SOC code → titles
}

// Catalog is everything Rolefit knows about careers, validated.
type Catalog struct {
	Release     Release
	Categories  []roles.Category
	Roles       []roles.Role // sorted by slug
	Occupations map[string]roles.Occupation
	Elements    []roles.Element
	Norms       roles.Norms
	Scales      []roles.Scale // follow-up scales, in file order

	// dimensions holds the question bank's dimension ids, which role
	// traits may name besides the follow-up scales.
	dimensions map[string]bool
}

// Paths of the catalog files inside the data file system.
const (
	CategoriesFile = "categories.yaml"
	RolesDir       = "roles"
	FiguresFile    = "occupations.json"
	QuestionsFile  = "questions.yaml"
	FollowUpsFile  = "followups.yaml"
	TitlesFile     = "onet_titles.json"
)

// Load reads, completes and validates the catalog held in fsys.
func Load(fsys fs.FS) (*Catalog, error) {
	c := &Catalog{Occupations: map[string]roles.Occupation{}}

	b, err := fs.ReadFile(fsys, CategoriesFile)
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	if err := decodeYAML(b, &c.Categories); err != nil {
		return nil, fmt.Errorf("catalog: %s: %w", CategoriesFile, err)
	}

	if err := c.loadDimensions(fsys); err != nil {
		return nil, err
	}

	b, err = fs.ReadFile(fsys, FiguresFile)
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	var fig Figures
	if err := json.Unmarshal(b, &fig); err != nil {
		return nil, fmt.Errorf("catalog: %s: %w", FiguresFile, err)
	}
	c.Release, c.Elements, c.Norms = fig.Release, fig.Elements, fig.Norms
	var titles Titles
	switch b, err := fs.ReadFile(fsys, TitlesFile); {
	case errors.Is(err, fs.ErrNotExist): // search then has the roles' own titles only
	case err != nil:
		return nil, fmt.Errorf("catalog: %w", err)
	default:
		if err := json.Unmarshal(b, &titles); err != nil {
			return nil, fmt.Errorf("catalog: %s: %w", TitlesFile, err)
		}
	}
	for _, o := range fig.Occupations {
		o.Titles = titles.Titles[o.ONetCode]
		c.Occupations[o.ONetCode] = o
	}

	names, err := fs.Glob(fsys, RolesDir+"/*.yaml")
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	sort.Strings(names)
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("catalog: %w", err)
		}
		var r roles.Role
		if err := decodeYAML(b, &r); err != nil {
			return nil, fmt.Errorf("catalog: %s: %w", name, err)
		}
		if want := strings.TrimSuffix(path.Base(name), ".yaml"); r.Slug != want {
			return nil, fmt.Errorf("catalog: %s: slug %q does not match the file name", name, r.Slug)
		}
		trimRole(&r)
		c.Roles = append(c.Roles, r)
	}
	sort.Slice(c.Roles, func(i, j int) bool { return c.Roles[i].Slug < c.Roles[j].Slug })

	for i := range c.Roles {
		r := &c.Roles[i]
		if len(r.CoreSkills) == 0 {
			if o, ok := c.Occupations[r.ONetCode]; ok {
				r.CoreSkills = TopSkills(o, c.Elements, 5)
			}
		}
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// decodeYAML decodes strictly, so a misspelt key is an error, not a silent gap.
func decodeYAML(b []byte, v any) error {
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	return dec.Decode(v)
}

func trimRole(r *roles.Role) {
	for _, s := range []*string{&r.Summary, &r.DayToDay, &r.Harder, &r.Thrives, &r.Elsewhere, &r.HowToBecome, &r.WorkEnvironment} {
		*s = strings.TrimSpace(*s)
	}
}

// TopSkills returns the names of an occupation's n most important skills,
// ties broken by O*NET element id so the order never depends on map order.
func TopSkills(o roles.Occupation, elements []roles.Element, n int) []string {
	type rated struct {
		id, name string
		im       float64
	}
	var all []rated
	for _, e := range elements {
		if e.Block != roles.BlockSkill {
			continue
		}
		if s, ok := o.Skills[e.ID]; ok {
			all = append(all, rated{e.ID, e.Name, s.IM})
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].im != all[j].im {
			return all[i].im > all[j].im
		}
		return all[i].id < all[j].id
	})
	var out []string
	for i := 0; i < len(all) && i < n; i++ {
		out = append(out, all[i].name)
	}
	return out
}

// Role returns the role with the given slug.
func (c *Catalog) Role(slug string) (roles.Role, bool) {
	i := sort.Search(len(c.Roles), func(i int) bool { return c.Roles[i].Slug >= slug })
	if i < len(c.Roles) && c.Roles[i].Slug == slug {
		return c.Roles[i], true
	}
	return roles.Role{}, false
}

// Category returns the category with the given slug.
func (c *Catalog) Category(slug string) (roles.Category, bool) {
	for _, cat := range c.Categories {
		if cat.Slug == slug {
			return cat, true
		}
	}
	return roles.Category{}, false
}

// ElementByName returns the element with the given O*NET name.
func (c *Catalog) ElementByName(name string) (roles.Element, bool) {
	for _, e := range c.Elements {
		if e.Name == name {
			return e, true
		}
	}
	return roles.Element{}, false
}
