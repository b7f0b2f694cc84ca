package importer

// Levels of a BLS figure relative to the occupation's own SOC code, as
// recorded in roles.Source.Level.
const (
	LevelDetailed = "detailed" // the occupation's own SOC code
	LevelMerged   = "merged"   // the SOC 2018 code its O*NET code was merged into
	LevelBroad    = "broad"    // its broad group, e.g. 31-1120 for 31-1121
	LevelMinor    = "minor"    // its minor group, e.g. 31-1100 for 31-1121
)

// mergedSOC maps the SOC part of O*NET-SOC 2019 codes that BLS (on SOC
// 2018) publishes only as one combined detailed code. Found by listing
// every O*NET occupation without an exact OEWS or EP row: the others are
// published at their broad group, which the resolver tries next. The
// targets are SOC 2018 detailed codes present in both OEWS May 2024 and
// EP 2024–2034; TestMergedSOC keeps it that way.
var mergedSOC = map[string]string{
	// Substance Abuse, Behavioral Disorder, and Mental Health Counselors.
	"21-1011": "21-1018", // Substance Abuse and Behavioral Disorder Counselors
	"21-1014": "21-1018", // Mental Health Counselors
	// Special Education Teachers, Kindergarten and Elementary School.
	"25-2055": "25-2052", // Special Education Teachers, Kindergarten
	"25-2056": "25-2052", // Special Education Teachers, Elementary School
	// Teaching Assistants, Except Postsecondary.
	"25-9042": "25-9045", // Teaching Assistants, Preschool, Elementary, Middle, and Secondary School, Except Special Education
	"25-9043": "25-9045", // Teaching Assistants, Special Education
	// Electrical, Electronic, and Electromechanical Assemblers, Except Coil
	// Winders, Tapers, and Finishers.
	"51-2022": "51-2028", // Electrical and Electronic Equipment Assemblers
	"51-2023": "51-2028", // Electromechanical Equipment Assemblers
	// First-Line Supervisors of Transportation and Material Moving Workers,
	// Except Aircraft Cargo Handling Supervisors.
	"53-1042": "53-1047", // First-Line Supervisors of Helpers, Laborers, and Material Movers, Hand
	"53-1043": "53-1047", // First-Line Supervisors of Material-Moving Machine and Vehicle Operators
	"53-1044": "53-1047", // First-Line Supervisors of Passenger Attendants
}

// resolveSOC finds the code under which BLS publishes figures for a SOC
// code ("15-1254"), trying the exact code, the merged code, the broad
// group and the minor group in turn. has reports whether a release has a
// row for a code. ok is false when none matches.
func resolveSOC(soc string, has func(string) bool) (code, level string, ok bool) {
	if len(soc) != len("00-0000") {
		return "", "", false
	}
	if has(soc) {
		return soc, LevelDetailed, true
	}
	if m, found := mergedSOC[soc]; found && has(m) {
		return m, LevelMerged, true
	}
	if broad := soc[:6] + "0"; broad != soc && has(broad) {
		return broad, LevelBroad, true
	}
	if minor := soc[:5] + "00"; minor != soc && has(minor) {
		return minor, LevelMinor, true
	}
	return "", "", false
}
