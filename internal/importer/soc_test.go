package importer

import (
	"strings"
	"testing"
)

func TestResolveSOC(t *testing.T) {
	published := map[string]bool{
		"15-1254": true, // detailed
		"21-1018": true, // merged target
		"21-1010": true, // broad group of 21-1011, which the merge must win over
		"31-1120": true, // broad
		"45-3000": true, // minor (made up)
	}
	has := func(c string) bool { return published[c] }
	tests := []struct {
		soc, wantCode, wantLevel string
		wantOK                   bool
	}{
		{"15-1254", "15-1254", LevelDetailed, true},
		{"21-1011", "21-1018", LevelMerged, true},
		{"21-1014", "21-1018", LevelMerged, true},
		{"21-1012", "21-1010", LevelBroad, true},
		{"31-1121", "31-1120", LevelBroad, true},
		{"45-3031", "45-3000", LevelMinor, true},
		{"47-2011", "", "", false},
		{"bad", "", "", false},
	}
	for _, tt := range tests {
		code, level, ok := resolveSOC(tt.soc, has)
		if code != tt.wantCode || level != tt.wantLevel || ok != tt.wantOK {
			t.Errorf("resolveSOC(%s): got %q %q %v, want %q %q %v", tt.soc, code, level, ok, tt.wantCode, tt.wantLevel, tt.wantOK)
		}
	}
}

// TestMergedSOC checks the crosswalk against the releases: every source
// code lacks its own OEWS and EP row (else the table is stale), and every
// target has both (else the table is wrong).
func TestMergedSOC(t *testing.T) {
	wages, projections := referenceRows(t)
	ds := realDataset(t)
	socs := map[string]bool{}
	for _, o := range ds.Occupations {
		socs[o.SOCCode] = true
	}
	for from, to := range mergedSOC {
		if _, ok := wages[from]; ok {
			t.Errorf("%s: OEWS has its own row, want it only under %s", from, to)
		}
		if _, ok := projections[from]; ok {
			t.Errorf("%s: EP has its own row, want it only under %s", from, to)
		}
		if r, ok := wages[to]; !ok || r.group != "detailed" {
			t.Errorf("%s → %s: got OEWS row %v (%s), want a detailed row", from, to, ok, r.group)
		}
		if _, ok := projections[to]; !ok {
			t.Errorf("%s → %s: EP has no row", from, to)
		}
		if !socs[from] {
			t.Errorf("%s: no O*NET occupation has this SOC code", from)
		}
		if to[:6] != from[:6] {
			t.Errorf("%s → %s: want a code in the same broad group", from, to)
		}
	}
}

// TestUnmatchedSOC lists what no level matches, so a new release that
// needs another crosswalk entry shows up here.
func TestUnmatchedSOC(t *testing.T) {
	ds := realDataset(t)
	var noPay, noOutlook []string
	for _, o := range ds.Occupations {
		if o.Pay == nil {
			noPay = append(noPay, o.ONetCode)
		}
		if o.Outlook == nil {
			noOutlook = append(noOutlook, o.ONetCode)
		}
	}
	if got, want := strings.Join(noPay, " "), "45-3031.00"; got != want {
		t.Errorf("occupations without OEWS figures: got %q, want %q", got, want)
	}
	if len(noOutlook) != 0 {
		t.Errorf("occupations without projections: got %v, want none", noOutlook)
	}
}
