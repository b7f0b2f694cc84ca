package roles

import "strings"

// CategoryForSOC returns the browsing category of an O*NET-SOC code, for
// occupations no hand-written role covers. It follows the SOC major groups,
// splitting the two that span two of our categories.
func CategoryForSOC(code string) string {
	switch {
	case strings.HasPrefix(code, "27-3"), strings.HasPrefix(code, "27-4"):
		return "media-communication"
	case strings.HasPrefix(code, "37-3"):
		return "agriculture-environment"
	}
	if len(code) < 2 {
		return ""
	}
	return socMajorCategory[code[:2]]
}

var socMajorCategory = map[string]string{
	"11": "management", "13": "business-finance", "15": "technology", "17": "engineering",
	"19": "science", "21": "community-social-service", "23": "legal", "25": "education",
	"27": "arts-design", "29": "healthcare", "31": "healthcare", "33": "public-safety",
	"35": "hospitality-food", "37": "personal-care-service", "39": "personal-care-service",
	"41": "sales-marketing", "43": "office-administrative", "45": "agriculture-environment",
	"47": "construction-trades", "49": "installation-repair", "51": "production",
	"53": "transportation-logistics",
}

// SOCOf drops the O*NET suffix of an O*NET-SOC code: "15-1254.00" →
// "15-1254".
func SOCOf(code string) string {
	if len(code) > len("00-0000") && code[len("00-0000")] == '.' {
		return code[:len("00-0000")]
	}
	return code
}
