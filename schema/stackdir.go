package schema

import (
	"os"
	"path/filepath"
	"strings"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/parser"

	"github.com/infralint/infralint/internal/inputfile"
)

// dirStackFiles lists the .cue files of a directory stack, by name, the
// configuration file excepted. Whether each is a regular file is checked
// when it is read.
func dirStackFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, &Error{Pos: Position{File: dir}, Msg: fileProblem(err, "stack")}
	}
	var files []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".cue") && e.Name() != ConfigFileName {
			files = append(files, filepath.Join(dir, e.Name()))
		}
	}
	if len(files) == 0 {
		return nil, errorf(Position{File: dir}, "directory has no .cue stack files")
	}
	return files, nil
}

// parseDir reads and parses the files of a directory stack with the
// checks a single file gets before it is recognised (a regular file, the
// size bound, UTF-8, syntax), the size bound applying to the files
// together too; checkDir does the rest. Every file's problems are
// reported, not only the first file's.
func parseDir(dir string, paths []string) ([]*ast.File, error) {
	var errs Errors
	var files []*ast.File
	total := 0
	for _, p := range paths {
		src, err := inputfile.Read(p, maxInputBytes)
		if err != nil {
			errs = append(errs, &Error{Pos: Position{File: p}, Msg: fileProblem(err, "stack")})
			continue
		}
		if total += len(src); total > maxInputBytes {
			return nil, errorf(Position{File: dir}, "the .cue files of the directory are %d bytes or more together; a stack may be at most %d", total, maxInputBytes)
		}
		if err := checkText(p, src); err != nil {
			errs = append(errs, asErrorList(err)...)
			continue
		}
		f, err := parser.ParseFile(p, src)
		if err != nil {
			errs = append(errs, cueErrors(err, nil)...)
			continue
		}
		files = append(files, f)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return files, nil
}

// checkDir refuses, in a directory recognised as a stack, what a stack's
// files may not hold: an import outside the standard library, or files
// of different packages. (CUE of other tools may do both.)
func checkDir(dir string, files []*ast.File) Errors {
	var errs Errors
	for _, f := range files {
		errs = append(errs, checkImports("stack", f)...)
	}
	if len(errs) == 0 {
		errs = onePackage(dir, files)
	}
	return errs
}

// onePackage refuses files of different packages at the package clause
// that differs from the first named one. A file without a package clause
// joins the package of the others, as in CUE.
func onePackage(dir string, files []*ast.File) Errors {
	var first *ast.File
	var errs Errors
	for _, f := range files {
		name := f.PackageName()
		if name == "" || name == "_" {
			continue
		}
		if first == nil {
			first = f
			continue
		}
		if want := first.PackageName(); name != want {
			errs = append(errs, errorf(packagePos(f), "package %s differs from package %s in %s: the .cue files of directory %s are one stack and must be one package",
				name, want, filepath.Base(first.Filename), dir))
		}
	}
	return errs
}

// packagePos is the position of a file's package name.
func packagePos(f *ast.File) Position {
	for _, d := range f.Decls {
		if p, ok := d.(*ast.Package); ok && p.Name != nil {
			return positionOf(p.Name.Pos())
		}
	}
	return Position{File: f.Filename}
}

// asErrorList is err as a list of positioned errors.
func asErrorList(err error) Errors {
	switch e := err.(type) {
	case Errors:
		return e
	case *Error:
		return Errors{e}
	}
	return Errors{{Msg: err.Error()}}
}
