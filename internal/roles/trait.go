package roles

// Trait is one "who thrives" tendency of a role, as data for matching: a
// person who is high (or low) on Dimension tends to do well in the role.
type Trait struct {
	Text      string `yaml:"text" json:"text"`           // our phrase, e.g. "stays calm when production breaks at night"
	Dimension string `yaml:"dimension" json:"dimension"` // a question-bank dimension id or a follow-up scale id
	Direction string `yaml:"direction" json:"direction"` // DirectionHigh or DirectionLow
	Strength  int    `yaml:"strength" json:"strength"`   // 1: clearly matters; 2: defining for the role
}

// Trait directions.
const (
	DirectionHigh = "high" // thrives with more of the dimension
	DirectionLow  = "low"  // thrives with less of it
)

// Scale is one follow-up scale: a finer preference, beyond the 54
// questionnaire dimensions, that tells close technology roles apart.
type Scale struct {
	ID          string `yaml:"id" json:"id"`
	Name        string `yaml:"name" json:"name"`
	Description string `yaml:"description" json:"description"`
}
