package main

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/infralint/infralint/analysis"
	"github.com/infralint/infralint/internal/output"
	"github.com/infralint/infralint/render"
	"github.com/infralint/infralint/rules"
	"github.com/infralint/infralint/schema"
)

// reportFormats are the formats of check's --format and --output.
var reportFormats = []string{"text", "json", "sarif", "markdown", "github"}

// reportOutput is one --output FORMAT=FILE.
type reportOutput struct {
	format string
	target *output.Target
}

func checkFormat(flag, f string) error {
	if !slices.Contains(reportFormats, f) {
		return badInput("%s: unknown format %q; use %s", flag, f, strings.Join(reportFormats, ", "))
	}
	return nil
}

// parseOutputs reads the --output flags, FORMAT=FILE each (e.g.
// sarif=results.sarif), and adds their files to the plan, which refuses
// two outputs in one file.
func parseOutputs(plan *output.Plan, specs []string) ([]reportOutput, error) {
	var outs []reportOutput
	for _, s := range specs {
		format, file, ok := strings.Cut(s, "=")
		format, file = strings.ToLower(strings.TrimSpace(format)), strings.TrimSpace(file)
		if !ok || file == "" {
			return nil, badInput("--output %q: want FORMAT=FILE, e.g. sarif=results.sarif", s)
		}
		if err := checkFormat("--output "+s, format); err != nil {
			return nil, err
		}
		t, err := addOutput(plan, "--output "+format+"="+file, file)
		if err != nil {
			return nil, err
		}
		outs = append(outs, reportOutput{format: format, target: t})
	}
	return outs, nil
}

// stackFiles lists the files of the stack at path (a file, or a directory
// of .cue files) and the directory its configuration is looked up from.
func stackFiles(path string) (files []string, dir string) {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		entries, _ := os.ReadDir(path)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".cue") && e.Name() != schema.ConfigFileName {
				files = append(files, filepath.Join(path, e.Name()))
			}
		}
		return files, path
	}
	return []string{path}, filepath.Dir(path)
}

// writeReport renders the report in one format. SARIF's and the GitHub
// annotations' paths are relative to the repository's root (GitHub
// resolves them there, whatever directory the job ran in), the others' to
// the working directory dir, where the user reads them.
func writeReport(w io.Writer, format string, r render.Report, dir string) error {
	switch format {
	case "json":
		return render.FindingsJSON(w, r, dir)
	case "sarif":
		known := r.Rules
		if known == nil {
			known = rules.Registry()
		}
		return render.FindingsSARIF(w, r, known, toolVersion(), repositoryRoot(dir))
	case "markdown":
		return render.FindingsMarkdown(w, r, dir)
	case markdownSummary:
		return render.FindingsMarkdownSummary(w, r, dir, render.GitHubCommentLimit)
	case "github":
		return render.FindingsGitHub(w, r, repositoryRoot(dir))
	}
	return render.FindingsText(w, r, dir)
}

// writeOutputs writes each --output file; a file that cannot be written is
// reported and makes the run exit 2.
func writeOutputs(outs []reportOutput, r render.Report, dir string) error {
	for _, o := range outs {
		err := o.target.SaveFunc(func(w io.Writer) error { return writeReport(w, o.format, r, dir) })
		if err != nil {
			return badInput("%v", err)
		}
	}
	return nil
}

// refuseInputs refuses a run whose outputs would replace a file it reads:
// a stack's file, the configuration that applies to it, or a file named
// by a flag (--prices, --baseline; an empty Path is no file). It runs
// after the analysis, which expands DIR/..., and before any output.
func refuseInputs(plan *output.Plan, run *analysis.Run, flags ...output.Input) error {
	var ins []output.Input
	for _, r := range run.Stacks {
		files, dir := stackFiles(r.Path)
		for _, f := range files {
			ins = append(ins, output.Input{Path: f, What: "a stack file"})
		}
		if c := schema.FindConfig(dir); c != "" {
			ins = append(ins, output.Input{Path: c, What: "the configuration"})
		}
	}
	for _, f := range flags {
		if f.Path != "" {
			ins = append(ins, f)
		}
	}
	if err := plan.RefuseInputs(ins); err != nil {
		return badInput("%v", err)
	}
	return nil
}
