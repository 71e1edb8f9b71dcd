package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/schema"
)

// expandPaths turns the command's arguments into stack paths. "dir/..."
// means every directory below dir holding .cue files, each one stack; a
// file is one stack; a directory is one stack of its .cue files.
func expandPaths(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		root, ok := strings.CutSuffix(filepath.ToSlash(a), "/...")
		if !ok {
			out = append(out, a)
			continue
		}
		if root == "" || root == "." {
			root = "."
		}
		dirs, err := stackDirs(root)
		if err != nil {
			return nil, badInput("%s: %v", a, err)
		}
		if len(dirs) == 0 {
			return nil, badInput("%s: no .cue files found", a)
		}
		out = append(out, dirs...)
	}
	return out, nil
}

func stackDirs(root string) ([]string, error) {
	seen := map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "cue.mod" || name == "vendor" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(path, ".cue") && d.Name() != schema.ConfigFileName {
			seen[filepath.Dir(path)] = true
		}
		return nil
	})
	dirs := make([]string, 0, len(seen))
	for d := range seen {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	return dirs, err
}

// loadStacks loads every path, printing each bad input's errors; it
// returns the stacks that loaded and whether any input was bad.
func loadStacks(paths []string, report func(error)) ([]*schema.Stack, bool) {
	return loadStacksWith(paths, catalog.Default(), report)
}

// loadStacksWith is loadStacks checking inventory against cat (the
// snapshot merged with a user price file, for cost --prices). Each stack
// gets the default region of its .infralint.cue, as in check. The stacks
// load in parallel (see loadParallel); errors print in argument order.
func loadStacksWith(paths []string, cat *catalog.Catalog, report func(error)) ([]*schema.Stack, bool) {
	configs := newConfigFinder()
	var jobs []stackJob
	bad := false
	for _, p := range paths {
		cfg, err := configs.forStack(p)
		if err != nil {
			if err != errConfigReported {
				report(err)
			}
			bad = true
			continue
		}
		jobs = append(jobs, stackJob{path: p, region: cfg.Region})
	}
	var stacks []*schema.Stack
	for _, r := range loadParallel(jobs, cat) {
		if r.err != nil {
			report(r.err)
			bad = true
			continue
		}
		stacks = append(stacks, r.stack)
	}
	return stacks, bad
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
