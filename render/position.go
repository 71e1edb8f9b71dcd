package render

import (
	"path/filepath"
	"strings"

	"github.com/infralint/infralint/schema"
)

// RelPosition prints a position relative to dir as "./file.cue:3:5", the
// form editors and terminals jump to.
func RelPosition(p schema.Position, dir string) string {
	p.File = RelPath(p.File, dir)
	return p.String()
}

// RelPath makes file relative to dir when it lies below it.
func RelPath(file, dir string) string {
	if file == "" || dir == "" || file == schema.StdinName {
		return file
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return file
	}
	rel, err := filepath.Rel(dir, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(file)
	}
	return "./" + filepath.ToSlash(rel)
}
