package schema

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/cuecontext"
)

// checkImports refuses every import but the CUE standard library. A stack
// or configuration is self-contained: anything else (a module dependency,
// a package vendored under cue.mod/pkg, another package of the repository)
// would have to be resolved from disk or a registry, which infralint never
// does, so that loading cannot reach the network or read credentials.
// kind names what the file is ("stack", "configuration").
func checkImports(kind string, files ...*ast.File) Errors {
	var errs Errors
	for _, f := range files {
		for spec := range f.ImportSpecs() {
			path, err := strconv.Unquote(spec.Path.Value)
			if err == nil && isStandardLibrary(path) {
				continue
			}
			errs = append(errs, &Error{
				Pos: positionOf(spec.Path.Pos()),
				Msg: fmt.Sprintf("import %s: a %s is self-contained; it can import only the CUE standard library (list, math, strings, ...)", spec.Path.Value, kind),
			})
		}
	}
	return errs
}

// standardLibrary caches isStandardLibrary's answers, by import path.
var standardLibrary sync.Map

// isStandardLibrary reports whether path names a package of the CUE
// standard library. cue/load's rule (no dot in the first element) only
// says what looks like one; which exist is known to the CUE runtime alone
// (its registry is internal), so the runtime is asked once per path: it
// compiles an import of a builtin package and refuses any other. The tool/...
// packages are tasks for `cue cmd` (they run commands, read files, fetch
// URLs); infralint never runs them, and no stack needs them.
func isStandardLibrary(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	if first == "" || strings.ContainsAny(first, ".:@") || first == "tool" {
		return false
	}
	if known, ok := standardLibrary.Load(path); ok {
		return known.(bool)
	}
	probe := "import p " + strconv.Quote(path) + "\n_x: p\n" // used: an unused import is an error of its own
	known := cuecontext.New().CompileString(probe).Err() == nil
	standardLibrary.Store(path, known)
	return known
}
