// Package docs holds the project's documentation; its tests keep every
// reference in the repository resolvable from a plain clone.
package docs

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// root is the repository root, seen from this package's directory.
const root = ".."

// TestLinksResolve fails on a relative link or a #fragment in a Markdown
// file of the repository that points at nothing: a missing file, or a
// heading that is not there (anchors as GitHub derives them).
func TestLinksResolve(t *testing.T) {
	files := repoFiles(t)
	for _, f := range files {
		if !isDoc(f) {
			continue
		}
		for _, l := range links(read(t, f)) {
			if err := resolve(f, l.target); err != nil {
				t.Errorf("%s:%d: link %q: %v", f, l.line, l.target, err)
			}
		}
	}
}

// TestDocsMentionsResolve: a file that names a page of docs/ in prose or a
// comment ("see docs/capacity-model.md#erlang-b-and-erlang-c") names one that exists,
// with that heading.
func TestDocsMentionsResolve(t *testing.T) {
	mention := regexp.MustCompile(`\bdocs/[A-Za-z0-9_./-]+\.md(?:#[A-Za-z0-9_-]+)?`)
	for _, f := range repoFiles(t) {
		for i, line := range strings.Split(read(t, f), "\n") {
			for _, m := range mention.FindAllString(line, -1) {
				if err := resolve("README.md", m); err != nil { // relative to the root
					t.Errorf("%s:%d: %q: %v", f, i+1, m, err)
				}
			}
		}
	}
}

// notInRepo are references to the team's notes outside the repository
// (the design note, the pricing facts and provenance files), which a clone
// does not have.
var notInRepo = []*regexp.Regexp{
	regexp.MustCompile(`\bDESIGN\.md\b`),
	regexp.MustCompile(`\.\./shared\b`),
	regexp.MustCompile(`\bshared/(?:pricing|seed|hooks|[A-Z]+\.md)\b`),
	regexp.MustCompile(`\bPROVENANCE\.txt\b`),
	regexp.MustCompile(`(?:^|[^/\w])FACTS\.md\b`),
}

// TestNoReferenceOutsideRepo fails when a file cites the team's notes
// outside the repository instead of the docs/ page or the public source
// that holds the fact.
func TestNoReferenceOutsideRepo(t *testing.T) {
	const self = "docs/links_test.go" // its patterns name what they forbid
	for _, f := range repoFiles(t) {
		if f == self {
			continue
		}
		for i, line := range strings.Split(read(t, f), "\n") {
			for _, re := range notInRepo {
				m := re.FindString(line)
				if m == "" {
					continue
				}
				m = strings.TrimLeft(m, " \t(`'\"")
				t.Errorf("%s:%d: cites %q, which is not in the repository: cite the docs/ page or the public source instead", f, i+1, m)
			}
		}
	}
}

// resolve checks target, a link found in file from (relative to root).
func resolve(from, target string) error {
	if target == "" || urlScheme.MatchString(target) || strings.HasPrefix(target, "//") {
		return nil // an external URL: not checked, no network in tests
	}
	p, frag, _ := strings.Cut(target, "#")
	p, err := url.PathUnescape(p)
	if err != nil {
		return err
	}
	file := from
	if p != "" {
		if strings.HasPrefix(p, "/") { // GitHub resolves these from the repository root
			file = path.Clean(strings.TrimPrefix(p, "/"))
		} else {
			file = path.Join(path.Dir(from), p)
		}
	}
	if file == ".." || strings.HasPrefix(file, "../") {
		return fmt.Errorf("points outside the repository")
	}
	info, err := os.Stat(filepath.Join(root, filepath.FromSlash(file)))
	if err != nil {
		return fmt.Errorf("no file %s", file)
	}
	if frag == "" {
		return nil
	}
	if info.IsDir() || !strings.HasSuffix(file, ".md") {
		return fmt.Errorf("#%s on %s, which has no headings", frag, file)
	}
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(file)))
	if err != nil {
		return err
	}
	if !anchors(string(b))[frag] {
		return fmt.Errorf("%s has no heading #%s", file, frag)
	}
	return nil
}

// repoFiles lists the text files of the working tree (slash paths relative
// to root): what a clone has, without .git and without binary files.
func repoFiles(t *testing.T) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Name() == ".git" {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil // a worktree's .git file
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.IndexByte(b[:min(len(b), 8000)], 0) >= 0 {
			return nil // binary, as git decides it
		}
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(out, "README.md") || !slices.Contains(out, "go.mod") {
		t.Fatalf("%s does not look like the repository root: %d files", root, len(out))
	}
	return out
}

// isDoc tells the Markdown files whose links are checked: every one but the
// golden outputs and other fixtures under testdata/ (a testdata README is a
// doc).
func isDoc(f string) bool {
	if !strings.HasSuffix(f, ".md") {
		return false
	}
	return !strings.Contains("/"+f, "/testdata/") || path.Base(f) == "README.md"
}

func read(t *testing.T, f string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(f)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
