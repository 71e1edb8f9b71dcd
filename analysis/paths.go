package analysis

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"github.com/infralint/infralint/schema"
)

// ExpandPaths turns a command's arguments into stack paths. "dir/..."
// means every directory below dir holding .cue files, each one stack; a
// file is one stack; a directory is one stack of its .cue files. The
// error is a usage error: an argument that names no stack at all.
func ExpandPaths(args []string) ([]string, error) {
	ts, err := expand(args)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.path
	}
	return out, nil
}

// target is one path of a run: named on the command line, or found by
// "DIR/...". A found directory is analysed only if it is a stack
// (schema.IsStack); a named one is taken for a stack unless the request
// skips non-stacks.
type target struct {
	path  string
	found bool
}

func expand(args []string) ([]target, error) {
	var out []target
	for _, a := range args {
		root, ok := strings.CutSuffix(filepath.ToSlash(a), "/...")
		if !ok {
			out = append(out, target{path: a})
			continue
		}
		if root == "" || root == "." {
			root = "."
		}
		dirs, err := stackDirs(root)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", a, err)
		}
		if len(dirs) == 0 {
			return nil, fmt.Errorf("%s: no .cue files found", a)
		}
		for _, d := range dirs {
			out = append(out, target{path: d, found: true})
		}
	}
	return out, nil
}

// Skipped is a path a run left out, and why: CUE that is not a stack, or
// a path an exclude glob matches.
type Skipped struct {
	Path string
	// Named is set for a path named on the command line (as opposed to
	// one "DIR/..." found).
	Named bool
	// Glob is the exclude pattern that matched, GlobFrom where it was set
	// ("--exclude", or the .infralint.cue's path); both are empty for CUE
	// that is not a stack.
	Glob, GlobFrom string
}

// NotStack reports whether the path was skipped for not being a stack.
func (s Skipped) NotStack() bool { return s.Glob == "" }

// StdinPath is the argument that names one stack read from standard
// input.
const StdinPath = "-"

// stdinOnce refuses standard input named more than once: it holds one
// stack, and a second read would find it empty.
func stdinOnce(paths []string) error {
	n := 0
	for _, p := range paths {
		if p == StdinPath {
			n++
		}
	}
	if n > 1 {
		return fmt.Errorf("%q (standard input) is named %d times; it holds one stack", StdinPath, n)
	}
	return nil
}

// stackFile is how a stack path is named in messages about it.
func stackFile(path string) string {
	if path == StdinPath {
		return schema.StdinName
	}
	return path
}

// skipDir reports whether a directory below the root of "DIR/..." holds
// no stacks by convention.
func skipDir(name string) bool {
	switch name {
	case "testdata", "cue.mod", "vendor", "node_modules":
		return true
	}
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")
}

func stackDirs(root string) ([]string, error) {
	seen, tf := map[string]bool{}, map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != root && skipDir(d.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(path, ".cue") && d.Name() != schema.ConfigFileName {
			seen[filepath.Dir(path)] = true
		}
		if strings.HasSuffix(path, ".tf") {
			tf[filepath.Dir(path)] = true
		}
		return nil
	})
	// A Terraform directory's .cue files are its workload overlay, not a
	// stack; and a directory of .tf files may be a child module, which is
	// no stack alone: Terraform is analysed where it is named.
	for d := range tf {
		delete(seen, d)
	}
	dirs := make([]string, 0, len(seen))
	for d := range seen {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	return dirs, err
}
