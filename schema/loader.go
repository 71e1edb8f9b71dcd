package schema

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"unicode/utf8"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/build"
	"cuelang.org/go/cue/cuecontext"
	"cuelang.org/go/cue/parser"
	"cuelang.org/go/cue/token"

	"github.com/infralint/infralint/internal/inputfile"
)

//go:embed schema.cue
var schemaSource []byte

// SchemaSource is the embedded CUE schema, for `infralint schema` and docs.
func SchemaSource() []byte { return schemaSource }

// maxInputBytes bounds what one stack file may be; CUE evaluation of a
// larger file would take minutes and no real stack is near it.
const maxInputBytes = 4 << 20

// Loader evaluates stack files against the embedded schema. A Loader is not
// safe for concurrent use: make one per goroutine.
type Loader struct {
	ev *evaluator // the next load's; nil once a load has taken it
	// DefaultRegion, when set, is the region of a stack that names none
	// (the config file's region).
	DefaultRegion string
	// OnlyStacks, when set, leaves CUE that is not a stack (IsStack)
	// unevaluated: the load returns a *NotStackError.
	OnlyStacks bool
}

func NewLoader() (*Loader, error) {
	ev, err := newEvaluator()
	if err != nil {
		return nil, err
	}
	return &Loader{ev: ev}, nil
}

// evaluator is a CUE context with the schema compiled in it.
type evaluator struct {
	ctx   *cue.Context
	stack cue.Value
	scope cue.Value // stackScope: #Stack, for compiling a user's file
}

func newEvaluator() (*evaluator, error) {
	ctx := cuecontext.New()
	v := ctx.CompileBytes(schemaSource, cue.Filename(schemaFilePrefix+"schema.cue"))
	if v.Err() != nil {
		return nil, fmt.Errorf("embedded schema: %w", v.Err())
	}
	def := v.LookupPath(cue.ParsePath("#Stack"))
	if def.Err() != nil {
		return nil, fmt.Errorf("embedded schema: %w", def.Err())
	}
	scope := ctx.CompileString("{}").FillPath(cue.MakePath(cue.Def(stackScope)), def)
	return &evaluator{ctx: ctx, stack: def, scope: scope}, nil
}

// evaluation hands one load its evaluator and forgets it. A cue.Context
// keeps what it evaluated for as long as it lives: reused, it held a
// 1,000-component stack's whole evaluation (38 MB of a 45 MB heap) through
// the analysis and rendering after the load, and a run over many stacks
// would hold them all. A load after the first compiles the schema afresh
// (about 2 ms); the first uses the one NewLoader made.
func (l *Loader) evaluation() (*evaluator, error) {
	ev, err := l.evaluator()
	l.ev = nil
	return ev, err
}

// evaluator is the next load's evaluator, made if need be, kept.
func (l *Loader) evaluator() (*evaluator, error) {
	if l.ev == nil {
		ev, err := newEvaluator()
		if err != nil {
			return nil, err
		}
		l.ev = ev
	}
	return l.ev, nil
}

// LoadPath loads one stack: a .cue file, or a directory whose .cue files
// form one CUE package. Only regular files are read (a named pipe or a
// device is refused before it is opened), each at most maxInputBytes.
func (l *Loader) LoadPath(path string) (*Stack, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, &Error{Pos: Position{File: path}, Msg: fileProblem(err, "stack")}
	}
	if info.IsDir() {
		return l.loadDir(path)
	}
	return l.loadFile(path)
}

// loadFile loads the stack of one file, refused unless it is a regular
// file (a directory named x.cue included).
func (l *Loader) loadFile(path string) (*Stack, error) {
	src, err := inputfile.Read(path, maxInputBytes)
	if err != nil {
		return nil, &Error{Pos: Position{File: path}, Msg: fileProblem(err, "stack")}
	}
	return l.LoadBytes(path, src)
}

// StdinName is the file name positions give a stack read from standard
// input (the argument "-").
const StdinName = "<stdin>"

// LoadReader loads one stack from r (standard input), read to its end
// but never past maxInputBytes; positions name the file name.
func (l *Loader) LoadReader(name string, r io.Reader) (*Stack, error) {
	src, err := inputfile.ReadFrom(r, maxInputBytes)
	if err != nil {
		return nil, &Error{Pos: Position{File: name}, Msg: fileProblem(err, "stack")}
	}
	return l.LoadBytes(name, src)
}

// fileProblem says why the file of a kind (stack, config) cannot be read.
func fileProblem(err error, kind string) string {
	var tooLarge *inputfile.TooLargeError
	switch {
	case errors.As(err, &tooLarge) && tooLarge.Size == tooLarge.Limit+1:
		// Reading stopped past the bound (standard input, whose size is
		// not known beforehand).
		return fmt.Sprintf("file is larger than %d bytes; a %s file may be at most %d", tooLarge.Limit, kind, tooLarge.Limit)
	case errors.As(err, &tooLarge):
		return fmt.Sprintf("file is %d bytes; a %s file may be at most %d", tooLarge.Size, kind, tooLarge.Limit)
	case os.IsNotExist(err):
		return "no such file or directory"
	case os.IsPermission(err):
		return "permission denied"
	}
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// LoadBytes loads one stack from the source of a single file.
func (l *Loader) LoadBytes(filename string, src []byte) (*Stack, error) {
	if err := checkText(filename, src); err != nil {
		return nil, err
	}
	if len(strings.TrimSpace(string(src))) == 0 {
		if l.OnlyStacks {
			return nil, &NotStackError{Path: filename}
		}
		return nil, errorf(Position{File: filename}, "file is empty; a stack needs at least name, region, workload, network and components (see `infralint init`)")
	}
	f, err := parser.ParseFile(filename, src)
	if err != nil {
		return nil, cueErrors(err, nil)
	}
	return l.recognised(filename, []*ast.File{f},
		func() Errors { return checkImports("stack", f) },
		func(ev *evaluator) (*Stack, error) { return l.buildFile(ev, filename, f) })
}

// checkText refuses what no stack file can be: one past the size bound
// (for callers that did not read it through inputfile), or bytes that are
// not UTF-8 text.
func checkText(filename string, src []byte) error {
	if len(src) > maxInputBytes {
		return errorf(Position{File: filename}, "file is %d bytes; a stack file may be at most %d", len(src), maxInputBytes)
	}
	if !utf8.Valid(src) {
		return errorf(Position{File: filename, Line: 1, Column: 1}, "file is not valid UTF-8 text")
	}
	return nil
}

// stackScope names #Stack where a user's file is compiled; no stack
// writes this name, so the user's own references resolve as before.
const stackScope = "#InfralintStack"

// buildFile compiles the user's file as `#Stack & {the file}`, the way
// `cue vet` sees a file that embeds #Stack, so that CUE evaluates the
// stack once: compiling the file alone and unifying it afterwards
// evaluates it twice and keeps both trees alive.
func (l *Loader) buildFile(ev *evaluator, filename string, f *ast.File) (*Stack, error) {
	wrapped := &ast.File{Filename: f.Filename}
	var body []ast.Decl
	for _, d := range f.Decls {
		switch d.(type) {
		case *ast.Package, *ast.ImportDecl:
			wrapped.Decls = append(wrapped.Decls, d)
		default:
			body = append(body, d)
		}
	}
	var expr ast.Expr = ast.NewIdent(stackScope)
	if l.DefaultRegion != "" {
		expr = ast.NewBinExpr(token.AND, expr, regionDefault(l.DefaultRegion))
	}
	expr = ast.NewBinExpr(token.AND, expr, &ast.StructLit{Elts: body})
	wrapped.Decls = append(wrapped.Decls, &ast.EmbedDecl{Expr: expr})
	unified := ev.ctx.BuildFile(wrapped, cue.Scope(ev.scope))
	src, err := indexAST(filename, []*ast.File{f}, unified)
	if err != nil {
		return nil, err
	}
	return l.decode(filename, unified, src)
}

func (l *Loader) loadDir(dir string) (*Stack, error) {
	stackFiles, err := dirStackFiles(dir)
	if err != nil {
		return nil, err
	}
	if len(stackFiles) == 1 {
		return l.loadFile(stackFiles[0])
	}
	files, err := parseDir(dir, stackFiles)
	if err != nil {
		return nil, err
	}
	return l.recognised(dir, files,
		func() Errors { return checkDir(dir, files) },
		func(ev *evaluator) (*Stack, error) { return l.buildDir(ev, dir, files) })
}

// buildDir evaluates the parsed files of a directory stack as one package.
func (l *Loader) buildDir(ev *evaluator, dir string, files []*ast.File) (*Stack, error) {
	// The instance is built from the parsed files alone, never by
	// cue/load: nothing reads cue.mod, resolves a dependency or asks a
	// registry (checkImports has refused every import that would need it).
	inst := build.NewContext().NewInstance(dir, nil)
	for _, f := range files {
		if err := inst.AddSyntax(f); err != nil {
			return nil, cueErrors(err, nil)
		}
	}
	v := ev.ctx.BuildInstance(inst)
	if v.Err() != nil {
		return nil, cueErrors(v.Err(), nil)
	}
	return l.build(ev, dir, v, files)
}

// ConfigFileName is the project configuration file, never a stack.
const ConfigFileName = ".infralint.cue"

// schemaFilePrefix names the embedded schema in positions, so that they can
// be told apart from the user's files.
const schemaFilePrefix = "infralint-schema/"

func (l *Loader) build(ev *evaluator, file string, user cue.Value, files []*ast.File) (*Stack, error) {
	src, err := indexAST(file, files, user)
	if err != nil {
		return nil, err
	}
	base := ev.stack
	if l.DefaultRegion != "" {
		base = base.Unify(ev.ctx.BuildExpr(regionDefault(l.DefaultRegion)))
	}
	return l.decode(file, base.Unify(user), src)
}

// regionDefault is `{region: *"region" | string}`: the configuration's
// region for a stack that names none.
func regionDefault(region string) *ast.StructLit {
	return ast.NewStruct("region", &ast.BinaryExpr{Op: token.OR, X: &ast.UnaryExpr{Op: token.MUL, X: ast.NewString(region)}, Y: ast.NewIdent("string")})
}

// decode validates the unified value and reads it into a Stack.
func (l *Loader) decode(file string, unified cue.Value, src *Source) (*Stack, error) {
	if err := unified.Validate(cue.Concrete(true), cue.Final()); err != nil {
		return nil, cueErrors(err, src)
	}
	var s Stack
	if err := decodeValue(unified, &s); err != nil {
		return nil, errorf(Position{File: file}, "decoding the stack: %v", err)
	}
	s.Source = src
	s.WorkloadGiven = unified.LookupPath(cue.MakePath(cue.Str("workload"))).Exists()
	s.fillDefaults()
	if errs := s.checkReferences(); len(errs) > 0 {
		return nil, errs.sorted()
	}
	return &s, nil
}

// fillDefaults sets what depends on other fields and so cannot be a plain
// schema default.
func (s *Stack) fillDefaults() {
	for name, c := range s.Components {
		c.Name = name
		if len(c.AZs) == 0 {
			c.AZs = append([]string(nil), s.Network.AZs...)
		}
	}
	// Rules and analyses iterate in name order and ask who hosts what for
	// every component: index both once instead of sorting per call.
	s.names = s.sortedNames()
	s.byKind = map[Kind][]string{}
	for _, n := range s.names {
		k := s.Components[n].Kind
		s.byKind[k] = append(s.byKind[k], n)
	}
	s.hostOf = map[string]string{}
	for _, c := range s.Components {
		if c.Compute != nil {
			for _, h := range c.Compute.Hosts {
				s.hostOf[h] = c.Name
			}
		}
	}
}

// Names returns the component names in sorted order, for deterministic
// iteration. The slice is shared: do not modify it.
func (s *Stack) Names() []string {
	if len(s.names) == len(s.Components) {
		return s.names
	}
	return s.sortedNames()
}

func (s *Stack) sortedNames() []string {
	names := make([]string, 0, len(s.Components))
	for n := range s.Components {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// OfKind returns the components of one kind, sorted by name. It reads the
// index made at load (rules and analyses ask per component, so a scan of
// every name would make them quadratic) while the components are the ones
// loaded, or copies of them of the same kind.
func (s *Stack) OfKind(k Kind) []*Component {
	var out []*Component
	if s.byKind != nil && len(s.names) == len(s.Components) {
		for _, n := range s.byKind[k] {
			if c := s.Components[n]; c != nil && c.Kind == k {
				out = append(out, c)
			}
		}
		return out
	}
	for _, n := range s.Names() {
		if c := s.Components[n]; c.Kind == k {
			out = append(out, c)
		}
	}
	return out
}

// Pos is the position of the field at path, or of its nearest written ancestor.
func (s *Stack) Pos(path string) Position { return s.Source.Pos(path) }

// compileFile parses once: the syntax tree indexes positions (indexAST) and
// the same tree is compiled into a value (for the config file, whose
// imports are held to a stack's rule; stacks use Loader.buildFile).
func compileFile(ctx *cue.Context, filename string, src []byte) (*ast.File, cue.Value, error) {
	f, err := parser.ParseFile(filename, src)
	if err != nil {
		return nil, cue.Value{}, cueErrors(err, nil)
	}
	if errs := checkImports("configuration", f); errs != nil {
		return nil, cue.Value{}, errs
	}
	v := ctx.BuildFile(f)
	if v.Err() != nil {
		return nil, cue.Value{}, cueErrors(v.Err(), nil)
	}
	return f, v, nil
}
