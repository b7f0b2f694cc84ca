package catalog

import (
	"fmt"
	"io/fs"

	"gopkg.in/yaml.v3"

	"rolefit/internal/roles"
)

// FollowUps is the part of data/followups.yaml the catalog needs: the
// scales role traits may name. Package assessment owns the file (scales
// with their anchors, and the follow-up questions) and decodes it strictly.
type FollowUps struct {
	Scales []roles.Scale `yaml:"scales"`
}

// loadDimensions reads the ids role traits may name: the question bank's
// dimensions and the follow-up scales.
func (c *Catalog) loadDimensions(fsys fs.FS) error {
	b, err := fs.ReadFile(fsys, QuestionsFile)
	if err != nil {
		return fmt.Errorf("catalog: %w", err)
	}
	// Only the ids are needed here, so the decode is deliberately lenient:
	// package assessment owns the bank and decodes it strictly. (Catalog
	// cannot import assessment: assessment's tests load the catalog.)
	var bank struct {
		Dimensions []struct {
			ID string `yaml:"id"`
		} `yaml:"dimensions"`
	}
	if err := yaml.Unmarshal(b, &bank); err != nil {
		return fmt.Errorf("catalog: %s: %w", QuestionsFile, err)
	}
	c.dimensions = make(map[string]bool, len(bank.Dimensions))
	for _, d := range bank.Dimensions {
		c.dimensions[d.ID] = true
	}

	b, err = fs.ReadFile(fsys, FollowUpsFile)
	if err != nil {
		return fmt.Errorf("catalog: %w", err)
	}
	var f FollowUps
	if err := yaml.Unmarshal(b, &f); err != nil {
		return fmt.Errorf("catalog: %s: %w", FollowUpsFile, err)
	}
	c.Scales = f.Scales
	return nil
}

// Scale returns the follow-up scale with the given id.
func (c *Catalog) Scale(id string) (roles.Scale, bool) {
	for _, s := range c.Scales {
		if s.ID == id {
			return s, true
		}
	}
	return roles.Scale{}, false
}

// traitDimension reports whether a trait may name id: a question-bank
// dimension or a follow-up scale.
func (c *Catalog) traitDimension(id string) bool {
	if c.dimensions[id] {
		return true
	}
	_, ok := c.Scale(id)
	return ok
}
