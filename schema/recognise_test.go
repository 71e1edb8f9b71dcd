package schema

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/parser"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/infralint/infralint/internal/stackgen"
)

func TestIsStackForms(t *testing.T) {
	for _, c := range []struct {
		name, src string
		want      bool
	}{
		{"field", "components: web: kind: \"compute\"\n", true},
		{"quoted label", "\"components\": {}\n", true},
		{"alias", "C=components: {}\nx: C\n", true},
		{"optional", "components?: {}\n", true},
		{"embedded struct", "{\n\tname: \"s\"\n\tcomponents: {}\n}\n", true},
		{"conjunction", "_base & {components: {}}\n", true},
		{"default mark", "*{components: {}} | {}\n", true},
		{"comprehension", "env: \"prod\"\nif env == \"prod\" {components: {}}\n", true},
		{"package clause", "package shop\n\ncomponents: {}\n", true},
		{"nested only", "app: components: web: kind: \"compute\"\n", false},
		{"in a definition", "#Stack: components: [string]: {kind: string}\n", false},
		{"hidden", "_components: {}\n", false},
		{"kubernetes", "apiVersion: \"apps/v1\"\nkind: \"Deployment\"\nmetadata: name: \"web\"\n", false},
		{"reference embed", "_base\n_base: {components: {}}\n", false}, // references are not followed
		{"empty", "", false},
		{"list", "[1, 2]\n", false},
	} {
		f, err := parser.ParseFile(c.name+".cue", c.src)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := IsStack([]*ast.File{f}); got != c.want {
			t.Errorf("%s: IsStack = %v, want %v\n%s", c.name, got, c.want, c.src)
		}
	}
}

// No stack written so far stops being checked: every .cue file of the
// repository, every stack in a txtar archive (CLI scripts, rule testdata)
// and every generated stack that loads as a stack is
// recognised as one, from its syntax alone. (A directory stack of a txtar
// is loaded as its directory.)
func TestEveryStackIsRecognised(t *testing.T) {
	l, err := NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	l.DefaultRegion = "us-east-1" // stacks that take their region from a config
	loaded := 0
	check := func(what, path string) {
		t.Helper()
		l.OnlyStacks = false
		if _, err := l.LoadPath(path); err != nil {
			return // not a stack that loads: an explicit argument still reports it
		}
		loaded++
		l.OnlyStacks = true
		var ns *NotStackError
		if _, err := l.LoadPath(path); errors.As(err, &ns) {
			t.Errorf("%s: loads as a stack but is not recognised as one", what)
		}
	}
	tmp := t.TempDir()
	n := 0
	err = filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		// The hostile corpus holds evaluation bombs, unbounded here; its
		// cases that go through DIR/... fail in TestHostile if their
		// stack is not recognised.
		if d.IsDir() && (d.Name() == ".git" || p == filepath.Join("..", "testdata", "hostile")) {
			return filepath.SkipDir
		}
		switch {
		case d.IsDir():
		case strings.HasSuffix(p, ".cue") && d.Name() != ConfigFileName:
			check(p, p)
		case strings.HasSuffix(p, ".txtar"):
			a, err := txtar.ParseFile(p)
			if err != nil {
				return err
			}
			n++
			dir := filepath.Join(tmp, filepath.Base(filepath.Dir(p)), strings.TrimSuffix(d.Name(), ".txtar"))
			dirs := map[string]int{}
			for _, f := range a.Files {
				if !strings.HasSuffix(f.Name, ".cue") || filepath.Base(f.Name) == ConfigFileName || strings.Contains(f.Name, "cue.mod") {
					continue
				}
				dst := filepath.Join(dir, f.Name)
				if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
					return err
				}
				if err := os.WriteFile(dst, f.Data, 0o644); err != nil {
					return err
				}
				dirs[filepath.Dir(dst)]++
				check(p+": "+f.Name, dst)
			}
			var many []string
			for d, k := range dirs {
				if k > 1 {
					many = append(many, d)
				}
			}
			sort.Strings(many)
			for _, d := range many {
				check(p+": directory "+d, d)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, gen := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"stackgen.Write", func(b *bytes.Buffer) error { return stackgen.Write(b, 50) }},
		{"stackgen.WriteTiers", func(b *bytes.Buffer) error { return stackgen.WriteTiers(b, 50) }},
		{"stackgen.WriteComprehension", func(b *bytes.Buffer) error { return stackgen.WriteComprehension(b, 50) }},
	} {
		var b bytes.Buffer
		if err := gen.write(&b); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(tmp, gen.name+".cue")
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		check(gen.name, p)
	}
	// The examples, the rule testdata's trigger and clean stacks, the
	// scripts' stacks: far more than a handful. A walk that found none
	// would pass vacuously.
	if loaded < 100 || n < 30 {
		t.Errorf("only %d stacks loaded from %d archives: is the walk looking in the repository?", loaded, n)
	}
}

// With OnlyStacks, other CUE is left unevaluated, even CUE a stack may not
// hold (a module import, two packages in a directory); a stack is loaded
// as before.
func TestOnlyStacks(t *testing.T) {
	l, err := NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	l.OnlyStacks = true
	dir := t.TempDir()
	k8s := filepath.Join(dir, "k8s")
	os.Mkdir(k8s, 0o755)
	os.WriteFile(filepath.Join(k8s, "a.cue"), []byte("package a\n\nimport apps \"k8s.io/api/apps/v1\"\n\ndeployment: apps.#Deployment\n"), 0o644)
	os.WriteFile(filepath.Join(k8s, "b.cue"), []byte("package b\n\nservice: kind: \"Service\"\n"), 0o644)
	empty := filepath.Join(dir, "empty.cue")
	os.WriteFile(empty, []byte("\n"), 0o644)
	for _, p := range []string{k8s, filepath.Join(k8s, "a.cue"), empty} {
		var ns *NotStackError
		if _, err := l.LoadPath(p); !errors.As(err, &ns) || ns.Path != p {
			t.Errorf("%s: %v, want a NotStackError", p, err)
		}
	}
	if _, err := l.LoadPath("../examples/web-asg-rds/stack.cue"); err != nil {
		t.Errorf("a stack: %v", err)
	}
	// A stack's broken syntax is reported: unparsed CUE cannot be told
	// apart, and a stack being edited must not vanish.
	broken := filepath.Join(dir, "broken.cue")
	os.WriteFile(broken, []byte("components: {\n"), 0o644)
	var ns *NotStackError
	if _, err := l.LoadPath(broken); err == nil || errors.As(err, &ns) {
		t.Errorf("broken syntax: %v, want the syntax error", err)
	}
}

// Without OnlyStacks (a file named on the command line), CUE of another
// kind gets one message saying it is not a stack; a stack being written
// (stack fields, no components yet) gets the schema's own errors.
func TestNamedNonStack(t *testing.T) {
	l, err := NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	_, err = l.LoadBytes("k8s.cue", []byte("apiVersion: \"v1\"\nkind: \"Service\"\n"))
	if err == nil || err.Error() != "k8s.cue: "+notStackMsg {
		t.Errorf("foreign CUE: %v", err)
	}
	_, err = l.LoadBytes("new.cue", []byte("name: \"x\"\nregion: 7\n"))
	if err == nil || strings.Contains(err.Error(), "not an infralint stack") || !strings.Contains(err.Error(), "new.cue:2:") {
		t.Errorf("a stack being written: %v, want the schema's positioned errors", err)
	}
	// Foreign CUE is not evaluated, nor its imports looked at; a stack's
	// imports are refused at their position, as before.
	_, err = l.LoadBytes("imp.cue", []byte("import \"example.com/x\"\n\nfoo: x.y\n"))
	if err == nil || err.Error() != "imp.cue: "+notStackMsg {
		t.Errorf("import in foreign CUE: %v", err)
	}
	_, err = l.LoadBytes("imp.cue", []byte("import \"example.com/x\"\n\nname: x.y\n"))
	if err == nil || !strings.HasPrefix(err.Error(), `imp.cue:1:8: import "example.com/x"`) {
		t.Errorf("import in a stack being written: %v", err)
	}
}
