package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/render"
	"github.com/infralint/infralint/schema"
	"github.com/infralint/infralint/terraform"
)

const importTerraformDoc = `Print a CUE stack read from a Terraform root module (a directory of .tf
files, evaluated statically: no Terraform, no provider, no download) or a
plan (terraform show -json), to start a hand-written stack from.

Every field carries a comment naming the .tf attribute (or resource) it came
from; the header lists the resources not modelled and what a static read
could not resolve. The stack says derived_from: "terraform", so it passes
'infralint check' as printed, without a workload: add the workload and each
tier's demand for the capacity model and the cost (docs/terraform.md).

Examples:
  infralint import terraform ./infra > stack.cue
  infralint import terraform plan.json --source ./infra`

func newImportCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Write a stack from another description of the infrastructure",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	var source string
	var varFiles, vars []string
	tf := &cobra.Command{
		Use:   "terraform DIR|PLAN.json",
		Short: "Print the CUE stack a Terraform root module or plan maps to, each field commented with its .tf origin",
		Long:  importTerraformDoc,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runImportTerraform(cmd, args[0], terraform.ReadOptions{Source: source, VarFiles: varFiles, Vars: vars, Env: os.Environ()})
		},
	}
	tf.Flags().StringVar(&source, sourceFlag, "", "the Terraform root module a plan JSON was made from, for .tf positions")
	tf.Flags().StringArrayVar(&varFiles, varFileFlag, nil, "a .tfvars file read after the directory's own (repeatable, as terraform -var-file)")
	tf.Flags().StringArrayVar(&vars, varFlag, nil, varFlagHelp)
	cmd.AddCommand(tf)
	return cmd
}

func runImportTerraform(cmd *cobra.Command, path string, opts terraform.ReadOptions) error {
	dir := workingDir()
	info, err := os.Stat(path)
	if err != nil {
		return badInput("%s: %s", path, fileError(err))
	}
	var m *terraform.Module
	name := filepath.Base(filepath.Clean(path))
	if info.IsDir() {
		m, err = terraform.ReadDir(path, opts)
	} else {
		m, err = terraform.ReadPlan(path, opts)
		name = strings.TrimSuffix(name, ".json")
	}
	if err != nil {
		printInputErrors(cmd, asSchemaErrors(err), dir)
		return errBadInput
	}
	if abs, err := filepath.Abs(path); err == nil && name == "." {
		name = filepath.Base(abs)
	}
	st := terraform.Map(m, name)
	where := func(p terraform.Pos) string {
		return render.RelPosition(schema.Position{File: p.File, Line: p.Line, Column: p.Column}, dir)
	}
	out, err := st.ImportCUE(path, where)
	if err != nil {
		return fmt.Errorf("formatting the stack: %v", err)
	}
	// What is printed must load as it is: check it as check would, with
	// the errors at their .tf lines.
	l, err := schema.NewLoader()
	if err != nil {
		return err
	}
	if _, err := l.LoadDerived(path, st.Syntax(), nil); err != nil {
		printInputErrors(cmd, asSchemaErrors(err), dir)
		fmt.Fprintln(cmd.ErrOrStderr(), "infralint: the stack above does not pass check as it is: fix these in the printed CUE")
		if _, werr := cmd.OutOrStdout().Write(out); werr != nil {
			return werr
		}
		return errBadInput
	}
	_, err = cmd.OutOrStdout().Write(out)
	return err
}

// asSchemaErrors is err as positioned errors.
func asSchemaErrors(err error) schema.Errors {
	if es, ok := err.(schema.Errors); ok {
		return es
	}
	if e, ok := err.(*schema.Error); ok {
		return schema.Errors{e}
	}
	return schema.Errors{{Msg: err.Error()}}
}
