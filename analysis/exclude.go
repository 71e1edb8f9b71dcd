package analysis

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/infralint/infralint/schema"
)

// globs are exclude patterns relative to one directory: the working
// directory's (--exclude) or a configuration file's (exclude: [...]).
// The syntax is doublestar's: * and ? within a path segment, [abc] and
// {a,b}, and ** for any number of segments; separators are /.
type globs struct {
	base     string // absolute
	patterns []string
	from     string // "--exclude", or the configuration file
}

// newGlobs checks and normalises patterns relative to base. The error
// names the bad pattern.
func newGlobs(base, from string, patterns []string) (*globs, error) {
	abs, err := filepath.Abs(base)
	if err != nil {
		return nil, err
	}
	g := &globs{base: abs, from: from}
	for _, p := range patterns {
		n, err := normaliseGlob(p)
		if err != nil {
			return nil, fmt.Errorf("exclude %q: %v", p, err)
		}
		g.patterns = append(g.patterns, n)
	}
	return g, nil
}

// normaliseGlob drops what path.Clean would ("./", a trailing "/") so
// that "./vendor/" matches as "vendor" does, and refuses a pattern that
// can match nothing below its base.
func normaliseGlob(p string) (string, error) {
	if strings.TrimSpace(p) == "" {
		return "", fmt.Errorf("empty pattern")
	}
	if strings.HasPrefix(p, "/") || filepath.IsAbs(p) {
		return "", fmt.Errorf("a pattern is relative to its directory; an absolute one matches nothing")
	}
	n := path.Clean(p)
	if n == ".." || strings.HasPrefix(n, "../") {
		return "", fmt.Errorf("a pattern matches paths below its directory, not above it")
	}
	if !doublestar.ValidatePattern(n) {
		return "", fmt.Errorf("not a valid glob (unclosed [ or {, or a trailing \\)")
	}
	return n, nil
}

// match returns the pattern that excludes the stack at p: one matching
// its path relative to the base, or a directory above it, or, for a
// directory stack, every one of its .cue files.
func (g *globs) match(p string) (string, bool) {
	if g == nil || len(g.patterns) == 0 || p == StdinPath {
		return "", false
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", false
	}
	rel, err := filepath.Rel(g.base, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	for c := rel; c != "." && c != "/"; c = path.Dir(c) {
		if pat, ok := g.matchOne(c); ok {
			return pat, true
		}
	}
	if info, err := os.Stat(abs); err == nil && info.IsDir() {
		return g.matchAllFiles(abs, rel)
	}
	return "", false
}

func (g *globs) matchOne(rel string) (string, bool) {
	for _, pat := range g.patterns {
		if ok, _ := doublestar.Match(pat, rel); ok {
			return pat, true
		}
	}
	return "", false
}

// matchAllFiles excludes a directory stack whose .cue files all match:
// nothing of it would be left to load.
func (g *globs) matchAllFiles(abs, rel string) (string, bool) {
	entries, err := os.ReadDir(abs)
	if err != nil {
		return "", false
	}
	first, n := "", 0
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".cue") || e.Name() == schema.ConfigFileName {
			continue
		}
		pat, ok := g.matchOne(path.Join(rel, e.Name()))
		if !ok {
			return "", false
		}
		if n++; n == 1 {
			first = pat
		}
	}
	return first, n > 0
}
