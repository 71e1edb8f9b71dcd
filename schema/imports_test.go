package schema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestIsStandardLibrary(t *testing.T) {
	for path, want := range map[string]bool{
		"strings": true, "list": true, "math": true, "encoding/json": true, "math/bits": true,
		"mylib": false, "strings/nosuch": false, "tool/exec": false, "tool/http": false, "tool": false,
		"example.com/lib": false, "example.com/lib@v0": false, "./local": false, "../up": false, "/abs": false, "": false,
	} {
		if got := isStandardLibrary(path); got != want {
			t.Errorf("isStandardLibrary(%q) = %v, want %v", path, got, want)
		}
	}
}

// A single file, a directory and a configuration refuse any import but
// the standard library, at the import, once per import, without trying
// to resolve it (no "import failed" or "not found" after it).
func TestImportsRefused(t *testing.T) {
	l, err := NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	src := "import (\n\t\"strings\"\n\t\"example.com/lib\"\n\tx \"mylib\"\n)\n\nname: strings.ToLower(lib.name + x.y)\n"
	_, err = l.LoadBytes("stack.cue", []byte(src))
	want := `stack.cue:3:2: import "example.com/lib": a stack is self-contained; it can import only the CUE standard library (list, math, strings, ...)` + "\n" +
		`stack.cue:4:4: import "mylib": a stack is self-contained; it can import only the CUE standard library (list, math, strings, ...)`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}

	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("a.cue", "package s\n\nimport \"example.com/shop/lib\"\n\nname: lib.name\n")
	write("b.cue", "package s\n\nregion: \"us-east-1\"\n")
	if _, err := l.LoadPath(dir); err == nil || err.Error() != filepath.Join(dir, "a.cue")+`:3:8: import "example.com/shop/lib": a stack is self-contained; it can import only the CUE standard library (list, math, strings, ...)` {
		t.Errorf("directory: %v", err)
	}

	cfg := write(ConfigFileName, "import \"example.com/settings\"\n\nfail_on: settings.x\n")
	if _, err := LoadConfig(cfg); err == nil || !strings.HasPrefix(err.Error(), cfg+`:1:8: import "example.com/settings": a configuration is self-contained`) {
		t.Errorf("config: %v", err)
	}
}
