package main

// The flags of the commands that analyse stacks read from Terraform, and
// the notes that say what such a read left out.

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/analysis"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/internal/textsafe"
	"github.com/infralint/infralint/render"
	"github.com/infralint/infralint/schema"
	"github.com/infralint/infralint/terraform"
)

const (
	workloadFlag = "workload"
	sourceFlag   = "source"
	varFileFlag  = "var-file"
	varFlag      = "var"
	varFlagHelp  = "NAME=VALUE: a root module variable's value, after every file (repeatable, as terraform -var; TF_VAR_NAME in the environment is read too)"
)

// terraformCommands analyse stacks, so they take Terraform too.
var terraformCommands = map[string]bool{"check": true, "cost": true, "capacity": true, "diagram": true, "report": true}

// addTerraformFlags registers the flags on the commands they apply to.
func addTerraformFlags(root *cobra.Command) {
	for _, c := range root.Commands() {
		if !terraformCommands[c.Name()] {
			continue
		}
		f := c.Flags()
		f.StringArray(workloadFlag, nil, "a CUE file laid over each stack read from Terraform: workload, demand, what Terraform cannot say (repeatable; instead of workload_file in .infralint.cue)")
		f.String(sourceFlag, "", "the Terraform root module a plan JSON was made from, for .tf positions")
		f.StringArray(varFileFlag, nil, "a .tfvars file read after the directory's own (repeatable, as terraform -var-file)")
		f.StringArray(varFlag, nil, varFlagHelp)
	}
}

// terraformOf lays the flags of cmd into req.
func terraformOf(cmd *cobra.Command, req *analysis.Request) {
	f := cmd.Flags()
	if f.Lookup(workloadFlag) == nil {
		return
	}
	req.Workload, _ = f.GetStringArray(workloadFlag)
	req.Source, _ = f.GetString(sourceFlag)
	req.VarFiles, _ = f.GetStringArray(varFileFlag)
	req.Vars, _ = f.GetStringArray(varFlag)
	req.Env = os.Environ()
}

// terraformNotes say, for each stack read from Terraform, which resources
// no mapping row models, what a static read could not know, and what the
// mapping could not carry into the stack.
func terraformNotes(run *analysis.Run, dir string) []string {
	var notes []string
	for _, res := range run.Good() {
		tf := res.Terraform
		if tf == nil {
			continue
		}
		name := textsafe.Line(render.RelPath(res.Path, dir))
		if n := len(tf.NotModelled); n > 0 {
			byType := map[string][]string{}
			for _, nm := range tf.NotModelled {
				byType[nm.Type] = append(byType[nm.Type], nm.Address)
			}
			types := make([]string, 0, len(byType))
			for t := range byType {
				types = append(types, fmt.Sprintf("%s ×%d", t, len(byType[t])))
			}
			sort.Strings(types)
			notes = append(notes, fmt.Sprintf("%s: %s not modelled: %s (infralint import terraform lists them)",
				name, humanize.Plural(n, "resource"), strings.Join(types, ", ")))
		}
		for _, u := range tf.Unresolved {
			notes = append(notes, fmt.Sprintf("%s: unresolved: %s", position(u.Pos, dir), textsafe.Line(u.What)))
		}
		for _, u := range tf.Notes {
			notes = append(notes, fmt.Sprintf("%s: %s", position(u.Pos, dir), textsafe.Line(u.What)))
		}
	}
	return notes
}

func position(p terraform.Pos, dir string) string {
	return textsafe.Line(render.RelPosition(schema.Position{File: p.File, Line: p.Line, Column: p.Column}, dir))
}

// printTerraformNotes prints the notes on standard error, for the
// commands whose reports have no place for them.
func printTerraformNotes(cmd *cobra.Command, run *analysis.Run, dir string) {
	for _, n := range terraformNotes(run, dir) {
		fmt.Fprintln(cmd.ErrOrStderr(), "infralint: note: "+n)
	}
}

// noteUnusedWorkload says when --workload was given and no stack of the
// run was read from Terraform: a CUE stack carries its own workload, and
// the flag silently doing nothing would mislead.
func noteUnusedWorkload(cmd *cobra.Command, req analysis.Request, run *analysis.Run) {
	if len(req.Workload) == 0 {
		return
	}
	for _, r := range run.Stacks {
		if r.Terraform != nil {
			return
		}
	}
	fmt.Fprintln(cmd.ErrOrStderr(), "infralint: note: --workload applies to stacks read from Terraform, and no stack of this run is: a CUE stack gives its own workload")
}
