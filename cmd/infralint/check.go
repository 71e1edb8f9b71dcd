package main

import (
	"io"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/analysis"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/internal/output"
	"github.com/infralint/infralint/render"
	"github.com/infralint/infralint/rules"
	"github.com/infralint/infralint/schema"
)

const checkDoc = `Check one or more stacks against infralint's rules.

Each FILE is one stack; a directory is one stack made of its .cue files;
DIR/... checks every stack below DIR. Stacks load in parallel on all cores;
the report is one, in a stable order.

Settings come from the nearest .infralint.cue above each stack (rules on
or off, severities, fail_on, thresholds, default region); flags win.

Examples:
  infralint check examples/web-asg-rds/stack.cue
  infralint check --format json ./...
  infralint check --severity error stack.cue
  infralint check -o sarif=results.sarif -o markdown=report.md ./...
  infralint check --format github -o markdown=summary.md --summary ./...
  infralint check --write-baseline .infralint-baseline.json ./...
  infralint check --baseline .infralint-baseline.json ./...`

type checkOptions struct {
	format          string
	severity        string
	outputs         []string
	noInlineIgnores bool
	baseline        string
	writeBaseline   string
	prices          string
	summary         bool
	costBase        string
}

func newCheckCmd() *cobra.Command {
	var o checkOptions
	cmd := &cobra.Command{
		Use:   "check FILE|DIR|DIR/... ...",
		Short: "Report best-practice findings",
		Long:  checkDoc,
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(cmd, args, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "text", "output format on stdout: text, json, sarif, markdown or github (workflow-command annotations)")
	f.StringArrayVarP(&o.outputs, "output", "o", nil, "also write the report to a file, as FORMAT=FILE (repeatable), e.g. -o sarif=results.sarif")
	// No flag default: unset, the config's fail_on applies (help would show two).
	f.StringVar(&o.severity, "severity", "", "fail (exit 1) on findings at or above: info, warning or error (default: the config's fail_on, else warning)")
	f.BoolVar(&o.noInlineIgnores, "no-inline-ignores", false, "refuse @infralint(ignore=...) suppressions in the files: report what they cover")
	f.StringVar(&o.baseline, "baseline", "", "report only findings not recorded in this baseline file")
	f.StringVar(&o.writeBaseline, "write-baseline", "", "record the current findings in this baseline file")
	f.BoolVar(&o.summary, "summary", false, "make the Markdown report a pull-request-comment-sized summary (counts, errors, costs, new findings; under GitHub's 65,536-character limit)")
	f.StringVar(&o.costBase, "cost-base", "", "with --summary: the base branch's 'infralint cost --format json' output, to show each stack's monthly change")
	f.StringVar(&o.prices, "prices", "", "JSON price file laid over the snapshot, as for 'infralint cost' (fills the prices COST003 reports missing)")
	return cmd
}

func runCheck(cmd *cobra.Command, args []string, o checkOptions) error {
	var over analysis.Overrides
	if cmd.Flags().Changed("severity") {
		var err error
		if over.FailOn, err = rules.ParseSeverity(o.severity); err != nil {
			return badInput("--severity: %v", err)
		}
	}
	over.NoInlineIgnores = o.noInlineIgnores
	if err := checkFormat("--format", o.format); err != nil {
		return err
	}
	// Every output is resolved before the analysis, refused if it is
	// another output or an input, and written only after it.
	plan := newPlan(cmd)
	outputs, err := parseOutputs(plan, o.outputs)
	if err != nil {
		return err
	}
	var baselineOut *output.Target
	if o.writeBaseline != "" {
		if baselineOut, err = addOutput(plan, "--write-baseline "+o.writeBaseline, o.writeBaseline); err != nil {
			return err
		}
	}
	now, err := today()
	if err != nil {
		return err
	}
	// errorsReport is the report of a run stopped before any stack: every
	// format but text still prints its document, with the errors.
	errorsReport := func(w io.Writer, errs schema.Errors) error {
		if o.format == "text" {
			return errNoDocument
		}
		return writeReport(w, o.format, render.Report{Errors: errs}, workingDir())
	}
	var base *baseline
	if o.baseline != "" {
		if base, err = readBaseline(o.baseline); err != nil {
			return errorDocument(cmd, err, errorsReport)
		}
	}
	// Only the Markdown report prints the capacity and cost tables; the
	// other formats do not ask for them beyond what the rules need.
	markdown := o.format == "markdown" || slices.ContainsFunc(outputs, func(out reportOutput) bool { return out.format == "markdown" })
	if o.summary {
		if o.format, err = summaryFormats(o.format, outputs, markdown); err != nil {
			return err
		}
	}
	var costBase *costBase
	if o.costBase != "" {
		if !o.summary {
			return badInput("--cost-base: only the --summary report shows the change; add --summary")
		}
		if costBase, err = readCostBase(o.costBase); err != nil {
			return err
		}
	}
	dir := workingDir()
	run, err := analyze(cmd, analysis.Request{
		Paths: args, Expand: true, Prices: o.prices, Today: now, Overrides: over,
		Want: analysis.Want{Findings: true, Capacity: markdown, Cost: markdown, BesideFindings: true},
	}, dir)
	if err != nil {
		return errorDocument(cmd, err, errorsReport)
	}
	if err := refuseInputs(plan, run, output.Input{Path: o.prices, What: "the --prices file"},
		output.Input{Path: o.baseline, What: "the --baseline file"}, output.Input{Path: o.costBase, What: "the --cost-base file"}); err != nil {
		return err
	}
	// Every format reports the stacks that did not load, also when none
	// did: a JSON or SARIF consumer gets a whole document, never silence.
	r := render.Report{Errors: run.Errors(), NotLoaded: len(run.Stacks) - len(run.Good()), Rules: run.Rules()}
	if base != nil {
		r.Baseline = &render.BaselineMatch{}
	}
	var current []rules.Finding  // for --write-baseline, before the baseline filters
	checked := map[string]bool{} // the files of the stacks checked, for the baseline's absent entries
	failed, refused := false, 0
	for _, res := range run.Good() {
		if res.Config.Rules.NoInlineIgnores {
			refused += len(res.Stack.Source.Suppressions)
		}
		if res.NotComputed != "" {
			r.Notes = append(r.Notes, notComputedNote(res, dir))
		}
		if markdown && res.NotComputed == "" {
			r.Sections = append(r.Sections, render.CapacitySection(res.Capacity), render.CostSection(res.Estimate, dir))
			r.Costs = append(r.Costs, costBase.of(res.Estimate, dir))
		}
		files, _ := stackFiles(res.Path)
		for _, f := range files {
			if abs, err := filepath.Abs(f); err == nil {
				checked[abs] = true
			}
		}
		current = append(current, res.Findings.Findings...)
		findings, matched := base.filter(res.Findings.Findings)
		r.Baselined += len(matched)
		for _, f := range findings {
			failed = failed || f.Severity >= res.Config.FailOn
		}
		r.Findings = append(r.Findings, findings...)
		r.Suppressed = append(r.Suppressed, res.Findings.Suppressed...)
		if r.Baseline != nil {
			r.Baseline.Unchanged = append(r.Baseline.Unchanged, matched...)
		}
	}
	rules.Sort(r.Findings)
	rules.Sort(r.Suppressed)
	rules.Sort(current)
	if r.Baseline != nil {
		rules.Sort(r.Baseline.Unchanged)
		r.Baseline.Absent = base.absent(checked, r.Rules)
	}
	r.Notes = append(r.Notes, terraformNotes(run, dir)...)
	if refused > 0 {
		r.Notes = append(r.Notes, "inline ignores refused: infralint did not apply "+humanize.Plural(refused, "@infralint(ignore=...) suppression")+" in the files")
	}

	// A baseline is never written from a run where nothing loaded: it would
	// replace the accepted findings with none.
	if baselineOut != nil && len(run.Good()) > 0 {
		if err := writeBaseline(baselineOut, o.writeBaseline, current); err != nil {
			return err
		}
	}
	// When no stack loaded because of errors, a terminal reader has the
	// whole answer on standard error (a run that skipped everything says
	// "0 findings"); what a program or a CI job reads (JSON, SARIF, the
	// GitHub annotations, the Markdown of a job summary or PR comment) is
	// still printed, with the errors, and every --output file is written.
	if len(run.Good()) > 0 || !run.Bad() || o.format != "text" {
		if err := writeReport(cmd.OutOrStdout(), o.format, r, dir); err != nil {
			return err
		}
	}
	if err := writeOutputs(outputs, r, dir); err != nil {
		return err
	}
	if run.Bad() {
		return errBadInput
	}
	if failed && o.writeBaseline == "" {
		// Writing a baseline accepts today's findings: that run passes.
		return &exitError{code: exitFindings}
	}
	return nil
}
