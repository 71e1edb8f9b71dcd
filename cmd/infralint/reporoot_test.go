package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRepositoryRoot: the nearest directory with a .git entry (a directory,
// or a worktree's .git file) at or above dir; dir itself outside any.
func TestRepositoryRoot(t *testing.T) {
	tmp, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	repo, worktree, outside := filepath.Join(tmp, "repo"), filepath.Join(tmp, "wt"), filepath.Join(tmp, "plain", "infra")
	for _, d := range []string{filepath.Join(repo, ".git"), filepath.Join(repo, "infra", "prod"), filepath.Join(worktree, "infra"), outside} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(worktree, ".git"), []byte("gitdir: /elsewhere\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for dir, want := range map[string]string{
		repo:                                 repo,
		filepath.Join(repo, "infra", "prod"): repo,
		filepath.Join(worktree, "infra"):     worktree,
		outside:                              outside,
	} {
		if got := repositoryRoot(dir); got != want {
			t.Errorf("repositoryRoot(%s) = %s, want %s", dir, got, want)
		}
	}
}
