package schema

import (
	"strconv"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/token"
)

// StackMarker is the field whose presence at the top level of a file makes
// CUE an infralint stack. Every stack has it (a stack without components
// describes nothing), and CUE written for other tools rarely declares it at
// the top level, so a repository's other CUE can be told apart from its
// stacks from the syntax alone, before anything is evaluated.
const StackMarker = "components"

// IsStack reports whether parsed CUE files (one file, or the files of a
// directory stack) are an infralint stack: one of them declares
// StackMarker at its top level, directly or inside a struct it embeds
// there (`{...}`, `a & {...}`, `if c {...}`). Only the syntax is read.
func IsStack(files []*ast.File) bool {
	for _, f := range files {
		if declaresMarker(f.Decls) {
			return true
		}
	}
	return false
}

func declaresMarker(decls []ast.Decl) bool {
	for _, d := range decls {
		switch d := d.(type) {
		case *ast.Field:
			if labelName(d.Label) == StackMarker {
				return true
			}
		case *ast.EmbedDecl:
			if embedsMarker(d.Expr) {
				return true
			}
		case *ast.Comprehension:
			if embedsMarker(d.Value) {
				return true
			}
		}
	}
	return false
}

// embedsMarker looks into the struct literals an embedded expression is
// made of; a reference or a call is not followed (evaluating it is what
// recognition avoids).
func embedsMarker(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.StructLit:
		return declaresMarker(e.Elts)
	case *ast.ParenExpr:
		return embedsMarker(e.X)
	case *ast.BinaryExpr:
		if e.Op == token.AND || e.Op == token.OR {
			return embedsMarker(e.X) || embedsMarker(e.Y)
		}
	case *ast.UnaryExpr:
		return embedsMarker(e.X) // a default mark: *{...}
	}
	return false
}

// labelName is the name a field label declares, or "" for a pattern or an
// interpolation.
func labelName(l ast.Label) string {
	switch l := l.(type) {
	case *ast.Ident:
		return l.Name
	case *ast.BasicLit:
		if l.Kind == token.STRING {
			if s, err := strconv.Unquote(l.Value); err == nil {
				return s
			}
		}
	case *ast.Alias:
		if e, ok := l.Expr.(ast.Label); ok {
			return labelName(e)
		}
	}
	return ""
}

// foreign reports whether files are CUE of another kind: they declare
// fields at their top level, none of which a stack has. For those,
// saying that they are not a stack is clearer than the schema's
// complaints about every stack field they lack; a stack being written
// (a name and a region, no components yet) gets the schema's errors.
func foreign(ev *evaluator, files []*ast.File) bool {
	fields := 0
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.Field)
			if !ok {
				continue
			}
			fields++
			if name := labelName(fd.Label); name != "" && ev.stack.LookupPath(cue.MakePath(cue.Str(name))).Exists() {
				return false
			}
		}
	}
	return fields > 0
}

// NotStackError is the loader's answer, with Loader.OnlyStacks set, for
// CUE that is not a stack: the caller skips it.
type NotStackError struct {
	// Path is the file or directory, as it was named.
	Path string
}

func (e *NotStackError) Error() string {
	return e.Path + ": " + notStackMsg
}

const notStackMsg = "not an infralint stack: it declares no top-level " + StackMarker +
	" (a stack has name, region, workload, network and components, see `infralint init`; --skip-non-stacks skips CUE that is not a stack)"

// recognised loads parsed files: check refuses what a stack's files may
// not hold (imports beyond the standard library, mixed packages), build
// evaluates them. CUE that is not a stack is never evaluated when
// l.OnlyStacks is set (NotStackError), nor when it is of another kind
// (foreign): that is one error saying so. Otherwise it is taken for a
// stack being written, and the schema says what it lacks.
func (l *Loader) recognised(name string, files []*ast.File, check func() Errors, build func(*evaluator) (*Stack, error)) (*Stack, error) {
	if !IsStack(files) {
		if l.OnlyStacks {
			return nil, &NotStackError{Path: name}
		}
		ev, err := l.evaluator()
		if err != nil {
			return nil, err
		}
		if foreign(ev, files) {
			return nil, Errors{{Pos: Position{File: name}, Msg: notStackMsg}}
		}
	}
	if errs := check(); len(errs) > 0 {
		return nil, errs
	}
	ev, err := l.evaluation()
	if err != nil {
		return nil, err
	}
	return build(ev)
}
