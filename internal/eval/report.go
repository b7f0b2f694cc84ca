package eval

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
)

func pct(f float64) string { return fmt.Sprintf("%5.1f%%", 100*f) }

// Write prints the report as plain text tables.
func (r Report) Write(w io.Writer) error {
	var b strings.Builder
	c := r.Config
	wt := r.Weights
	fmt.Fprintf(&b, "Rolefit matching evaluation: %d attentive respondents per role and condition, %.0f%% careless mixed in, seed %d\n",
		c.PerRole, 100*c.Careless, c.Seed)
	fmt.Fprintf(&b, "Weights: interest %.2f, style %.2f, skill %.2f, under %.2f, over %.2f, tolerance %.2f, important IM ≥ %.1f, emphasis ×%.1f\n\n",
		wt.Interest, wt.Style, wt.Skill, wt.Under, wt.Over, wt.Tolerance, wt.ImportantIM, wt.EmphasisScale)

	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "noise\tbias\tgroup\tn\ttop-1 role\ttop-5 role\ttop-1 occ\ttop-5 occ\ttop-5 stability\tflagged\tself fit\trandom fit\t")
	for _, cr := range r.Conditions {
		for _, g := range []struct {
			name string
			s    Stats
		}{{"attentive", cr.Attentive}, {"careless", cr.Careless}} {
			fits := "\t"
			if g.name == "attentive" {
				fits = fmt.Sprintf("%.0f\t%.0f", cr.SelfFit, cr.RandFit)
			}
			fmt.Fprintf(tw, "%.1f\t%v\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", cr.Noise, cr.Bias, g.name, g.s.N,
				pct(g.s.Top1), pct(g.s.Top5), pct(g.s.Own1), pct(g.s.Own5), pct(g.s.Stability), pct(g.s.Flagged), fits)
		}
	}
	_ = tw.Flush()

	fmt.Fprintf(&b, "\nBy category (attentive; top-1 role / top-5 role / top-5 occupation):\n")
	tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "category\tn\t")
	for _, cr := range r.Conditions {
		fmt.Fprintf(tw, "noise %.1f%s\t", cr.Noise, map[bool]string{true: " +bias", false: ""}[cr.Bias])
	}
	fmt.Fprintln(tw)
	var cats []string
	if len(r.Conditions) > 0 {
		for cat := range r.Conditions[0].ByCategory {
			cats = append(cats, cat)
		}
	}
	slices.Sort(cats)
	for _, cat := range cats {
		fmt.Fprintf(tw, "%s\t%d\t", cat, r.Conditions[0].ByCategory[cat].N)
		for _, cr := range r.Conditions {
			s := cr.ByCategory[cat]
			fmt.Fprintf(tw, "%3.0f /%3.0f /%3.0f\t", 100*s.Top1, 100*s.Top5, 100*s.Own5)
		}
		fmt.Fprintln(tw)
	}
	_ = tw.Flush()

	fmt.Fprintf(&b, "\nCalibration measured (median raw score, attentive, all conditions): self %.4f, random %.4f\n", r.Measured.Self, r.Measured.Rand)
	_, err := io.WriteString(w, b.String())
	return err
}
