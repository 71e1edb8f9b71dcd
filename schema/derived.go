package schema

import (
	"cuelang.org/go/cue/ast"
)

// LoadDerived loads a stack that another reader made as CUE syntax (a
// Terraform read, whose nodes carry their .tf positions), unified with
// the overlay files the user wrote (the workload, demand, anything
// Terraform cannot say). Positions of the generated fields name the .tf
// lines, those of the overlay its own, so a conflict names both. name is
// what the stack is called where no position is known (the Terraform
// directory or plan).
func (l *Loader) LoadDerived(name string, derived *ast.File, overlays []string) (*Stack, error) {
	files := []*ast.File{derived}
	if len(overlays) > 0 {
		parsed, err := parseDir(name, overlays)
		if err != nil {
			return nil, err
		}
		if errs := checkImports("workload overlay", parsed...); len(errs) > 0 {
			return nil, errs
		}
		// The overlay's package clause, if any, is the stack's: the
		// generated file takes it so that they form one package.
		for _, f := range parsed {
			if pkg := f.PackageName(); pkg != "" {
				derived.Decls = append([]ast.Decl{&ast.Package{Name: ast.NewIdent(pkg)}}, derived.Decls...)
				break
			}
		}
		files = append(files, parsed...)
		if errs := onePackage(name, files); len(errs) > 0 {
			return nil, errs
		}
	}
	ev, err := l.evaluation()
	if err != nil {
		return nil, err
	}
	return l.buildDir(ev, name, files)
}
