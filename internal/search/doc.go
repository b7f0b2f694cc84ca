// Package search is Rolefit's career search: an in-memory index over the
// written roles and the imported occupations no role covers. It forgives
// typos (edit distance), knows acronyms and alternate titles (ours and
// O*NET's), matches technologies and everyday words through the roles'
// own prose and a short list of synonyms, ranks a title match above an
// alternate title above a summary, and suggests what to try when nothing
// matches. It holds no database: the store hands it plain rows, so search
// behaves the same on every storage backend.
package search

import (
	"strings"

	"rolefit/internal/roles"
)

// Kinds of document.
const (
	KindRole       = "role"       // a written role; Key is its slug
	KindOccupation = "occupation" // an imported occupation without a role; Key is its O*NET-SOC code
)

// Doc is one searchable role or occupation, as plain text.
type Doc struct {
	Kind     string
	Key      string
	Title    string
	Summary  string
	Category string // the browsing category's name, e.g. "Legal"
	// AltTitles are a role's own alternate titles.
	AltTitles []string
	// Occupation is the title of the O*NET occupation a role belongs to.
	Occupation string
	// ONetTitles are O*NET's alternate and reported titles of the
	// occupation.
	ONetTitles []string
	// Body is a role's narrative, where the tools, technologies, exams and
	// licences of the work are named.
	Body string
}

// RoleDoc makes the document of a written role in the occupation o.
func RoleDoc(r roles.Role, o roles.Occupation, category string) Doc {
	return Doc{Kind: KindRole, Key: r.Slug, Title: r.Title, Summary: r.Summary, Category: category,
		AltTitles: r.AlternateTitles, Occupation: o.Title, ONetTitles: o.Titles,
		Body: strings.Join([]string{r.DayToDay, r.Harder, r.Thrives, r.Elsewhere, r.HowToBecome, r.WorkEnvironment}, "\n\n")}
}

// OccupationDoc makes the document of an imported occupation no role
// covers; its summary is the first sentence of O*NET's description.
func OccupationDoc(o roles.Occupation, category string) Doc {
	return Doc{Kind: KindOccupation, Key: o.ONetCode, Title: o.Title, Summary: firstSentence(o.Description),
		Category: category, ONetTitles: o.Titles}
}

func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i > 0 {
		return s[:i+1]
	}
	return s
}
