package schema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A directory stack is one package built from its parsed files: files
// without a package clause join it; two package names are refused at the
// clause that differs, naming the directory as given.
func TestDirectoryStack(t *testing.T) {
	l, err := NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	parts := strings.SplitAfter(validStack, "network:")
	write := func(name, src string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.cue", "package shop\n\nimport \"strings\"\n\n"+strings.Replace(strings.TrimSuffix(parts[0], "network:"), `name:   "t"`, `name: strings.ToUpper("t")`, 1))
	write("b.cue", "network:"+parts[1])
	s, err := l.LoadPath(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "T" || len(s.Components) != 3 {
		t.Errorf("loaded %q with %d components", s.Name, len(s.Components))
	}
	if p := s.Pos("components.app.demand.cpu_ms"); p.File != filepath.Join(dir, "b.cue") || p.Line != 7 {
		t.Errorf("cpu_ms at %v, want b.cue:7", p)
	}

	write("c.cue", "package other\n")
	_, err = l.LoadPath(dir)
	want := filepath.Join(dir, "c.cue") + ":1:9: package other differs from package shop in a.cue: the .cue files of directory " + dir + " are one stack and must be one package"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}
