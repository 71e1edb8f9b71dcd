package main

import (
	"os"
	"path/filepath"
)

// repositoryRoot is the top level of the git repository holding dir: the
// nearest directory at or above it with a .git entry (a directory, or the
// file of a worktree or submodule). SARIF is resolved against it by GitHub
// code scanning, so results must be relative to it whatever directory
// infralint runs in. Outside a repository it is dir itself. Git is not
// run: the walk needs no process and no PATH.
func repositoryRoot(dir string) string {
	if dir == "" {
		return ""
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	for d := abs; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return abs
		}
		d = parent
	}
}
