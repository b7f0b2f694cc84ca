package server

import (
	"fmt"
	"math"
	"strconv"

	"rolefit/internal/roles"
)

// thousands formats n with comma separators: 78860 → "78,860".
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	var out []byte
	for i, ch := range []byte(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, ch)
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}

// wageK rounds an annual wage to thousands for reading: 90930 → "$91K".
func wageK(w roles.Wage) string {
	if w.Value == nil {
		return "not published"
	}
	s := fmt.Sprintf("$%sK", thousands(int(math.Round(float64(*w.Value)/1000))))
	if w.AtLeast {
		s += "+"
	}
	return s
}

// wageFull writes the exact figure: 90930 → "$90,930".
func wageFull(w roles.Wage) string {
	if w.Value == nil {
		return "not published"
	}
	s := "$" + thousands(*w.Value)
	if w.AtLeast {
		s = "at least " + s
	}
	return s
}

// percent formats a projected change with one decimal: 7.5 → "7.5%",
// -1.8 → "-1.8%". Pages say "growth" or "change" around it.
func percent(p float64) string {
	return fmt.Sprintf("%.1f%%", p)
}
