package e2e

import (
	"fmt"
	"strings"
)

// focused describes document.activeElement.
type focused struct {
	Tag          string  `json:"tag"`
	ID           string  `json:"id"`
	Name         string  `json:"name"`
	Type         string  `json:"type"`
	Value        string  `json:"value"`
	Checked      bool    `json:"checked"`
	Text         string  `json:"text"`
	OutlineStyle string  `json:"outlineStyle"`
	OutlineWidth string  `json:"outlineWidth"`
	Left         float64 `json:"left"`
	Top          float64 `json:"top"`
}

func (f focused) String() string {
	s := strings.ToLower(f.Tag)
	if f.ID != "" {
		s += "#" + f.ID
	}
	if f.Name != "" {
		s += fmt.Sprintf("[name=%s][value=%s]", f.Name, f.Value)
	}
	if f.Text != "" {
		s += fmt.Sprintf(" %q", f.Text)
	}
	return s
}

// active describes the element that has the keyboard focus.
func (tb *tab) active() focused {
	tb.t.Helper()
	return eval[focused](tb, `(() => {
		const e = document.activeElement || document.body;
		const cs = getComputedStyle(e), r = e.getBoundingClientRect();
		return {tag: e.tagName, id: e.id, name: e.name || '', type: e.type || '', value: typeof e.value === 'string' ? e.value : '',
			checked: !!e.checked, text: (e.innerText || '').replace(/\s+/g, ' ').trim().slice(0, 60),
			outlineStyle: cs.outlineStyle, outlineWidth: cs.outlineWidth, left: r.left, top: r.top};
	})()`)
}

// tabTo presses Tab until the focused element satisfies want, at most max
// times, and returns it. On failure it lists where the focus went.
func (tb *tab) tabTo(what string, max int, want func(focused) bool) focused {
	tb.t.Helper()
	var trail []string
	for range max {
		tb.press("\t")
		f := tb.active()
		if want(f) {
			return f
		}
		trail = append(trail, f.String())
	}
	tb.t.Fatalf("on %s: %d presses of Tab did not reach %s; focus went to:\n  %s", tb.path(), max, what, strings.Join(trail, "\n  "))
	return focused{}
}

// wantFocusVisible fails when the focused element shows no focus outline.
func (tb *tab) wantFocusVisible(f focused) {
	tb.t.Helper()
	if f.OutlineStyle == "none" || f.OutlineWidth == "0px" {
		tb.t.Errorf("on %s: focused %s has outline %s %s: the focus is invisible", tb.path(), f, f.OutlineStyle, f.OutlineWidth)
	}
}
