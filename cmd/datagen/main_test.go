package main

import (
	"rolefit/internal/testref"

	"bytes"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"rolefit/internal/catalog"
)

// referenceDir returns the folder holding onet/ and bls/ (see testref).
func referenceDir(t *testing.T) string {
	t.Helper()
	return testref.Dir(t)
}

// writeRoles writes made-up role files into a fresh folder.
func writeRoles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRoleCodes(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		want    []string
		wantErr string
	}{
		{"empty", nil, []string{}, ""},
		{"distinct and sorted", map[string]string{
			"b.yaml":    "slug: b\nonet_code: \"15-1254.00\"\n",
			"a.yaml":    "slug: a\nonet_code: 15-1252.00\ncore_skills: [Programming]\n",
			"c.yaml":    "onet_code: 15-1254.00\n",
			"notes.txt": "not a role",
		}, []string{"15-1252.00", "15-1254.00"}, ""},
		{"no code", map[string]string{"a.yaml": "slug: a\n"}, nil, "a.yaml: no onet_code"},
		{"bad yaml", map[string]string{"a.yaml": "onet_code: [\n"}, nil, "a.yaml: yaml:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := roleCodes(writeRoles(t, tt.files))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("got error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("roleCodes: %v", err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	if _, err := roleCodes(filepath.Join(t.TempDir(), "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing folder: got %v, want a not-exist error", err)
	}
}

func TestRun(t *testing.T) {
	ref := referenceDir(t)
	onet, bls := filepath.Join(ref, "onet"), filepath.Join(ref, "bls")
	tests := []struct {
		name    string
		roles   map[string]string
		flags   []string // replaces the default flags when set
		want    int      // occupations written
		wantErr string
	}{
		{"no roles", nil, nil, 0, ""},
		{"two roles", map[string]string{"a.yaml": "onet_code: 15-1254.00\n", "b.yaml": "onet_code: 15-1252.00\n"}, nil, 2, ""},
		{"unknown code", map[string]string{"a.yaml": "onet_code: 99-9999.00\n"}, nil, 0, "unknown O*NET-SOC code(s) 99-9999.00"},
		{"missing flags", nil, []string{"-roles", "x"}, 0, "-onet and -bls are required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmp := t.TempDir()
			out, titlesOut := filepath.Join(tmp, "occupations.json"), filepath.Join(tmp, "onet_titles.json")
			args := tt.flags
			if args == nil {
				args = []string{"-onet", onet, "-bls", bls, "-roles", writeRoles(t, tt.roles), "-out", out, "-titles", titlesOut}
			}
			var stdout bytes.Buffer
			err := run(args, &stdout, io.Discard)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("got error %v, want one containing %q", err, tt.wantErr)
				}
				if _, statErr := os.Stat(out); statErr == nil {
					t.Error("a failed run wrote the output file")
				}
				return
			}
			if err != nil {
				t.Fatalf("run: %v", err)
			}
			raw, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			var c catalog.Figures
			if err := json.Unmarshal(raw, &c); err != nil {
				t.Fatalf("output is not JSON: %v", err)
			}
			if len(c.Occupations) != tt.want || len(c.Elements) != 57 || len(c.Norms.SkillIM) != 35 {
				t.Errorf("got %d occupations, %d elements, %d skill norms, want %d, 57, 35", len(c.Occupations), len(c.Elements), len(c.Norms.SkillIM), tt.want)
			}
			raw, err = os.ReadFile(titlesOut)
			if err != nil {
				t.Fatal(err)
			}
			var titles catalog.Titles
			if err := json.Unmarshal(raw, &titles); err != nil {
				t.Fatalf("titles output is not JSON: %v", err)
			}
			if len(titles.Titles) != tt.want || !strings.Contains(titles.Source, "CC BY 4.0") {
				t.Errorf("titles: got %d occupations, source %q, want %d and a CC BY 4.0 credit", len(titles.Titles), titles.Source, tt.want)
			}
			if !strings.HasPrefix(stdout.String(), "wrote "+out) {
				t.Errorf("stdout: got %q, want it to start with %q", stdout.String(), "wrote "+out)
			}
		})
	}
}

// TestCommittedFiguresAreFresh is the `make data` check: the committed
// figures and titles files must be what datagen makes from the committed
// roles.
func TestCommittedFiguresAreFresh(t *testing.T) {
	ref := referenceDir(t)
	tmp := t.TempDir()
	args := []string{"-onet", filepath.Join(ref, "onet"), "-bls", filepath.Join(ref, "bls"), "-roles", filepath.Join("..", "..", "data", "roles"),
		"-out", filepath.Join(tmp, "occupations.json"), "-titles", filepath.Join(tmp, "onet_titles.json")}
	if err := run(args, io.Discard, io.Discard); err != nil {
		t.Fatalf("run: %v", err)
	}
	for _, name := range []string{"occupations.json", "onet_titles.json"} {
		committed := filepath.Join("..", "..", "data", name)
		want, err := os.ReadFile(committed)
		if errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s does not exist yet; run `make data` to create it", committed)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(tmp, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale (got %d bytes from the roles, want the committed %d); regenerate it with make data", committed, len(got), len(want))
		}
	}
}
