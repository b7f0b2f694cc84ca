package roles

// Role is one hand-written career profile, as edited in data/roles/*.yaml.
type Role struct {
	Slug            string   `yaml:"slug" json:"slug"`
	Title           string   `yaml:"title" json:"title"`
	Category        string   `yaml:"category" json:"category"`
	ONetCode        string   `yaml:"onet_code" json:"onet_code"`
	AlternateTitles []string `yaml:"alternate_titles" json:"alternate_titles"`
	Summary         string   `yaml:"summary" json:"summary"`
	DayToDay        string   `yaml:"day_to_day" json:"day_to_day"`
	Harder          string   `yaml:"harder_than_expected" json:"harder_than_expected"`
	Thrives         string   `yaml:"who_thrives" json:"who_thrives"`
	Elsewhere       string   `yaml:"look_elsewhere" json:"look_elsewhere"`
	HowToBecome     string   `yaml:"how_to_become" json:"how_to_become"`
	WorkEnvironment string   `yaml:"work_environment" json:"work_environment"`
	Tags            Tags     `yaml:"tags" json:"tags"`
	CoreSkills      []string `yaml:"core_skills" json:"core_skills"` // O*NET skill names; empty means the occupation's top five by importance
	Related         []string `yaml:"related" json:"related"`         // slugs
	Traits          []Trait  `yaml:"traits" json:"traits"`           // "who thrives", as data matching scores (they replaced per-role emphasis weights)
}

// Category groups roles for browsing.
type Category struct {
	Slug        string `yaml:"slug" json:"slug"`
	Name        string `yaml:"name" json:"name"`
	Description string `yaml:"description" json:"description"`
}
