package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/render"
	"github.com/infralint/infralint/rightsize"
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
	f.StringVar(&o.format, "format", "text", "output format on stdout: text, json, sarif or markdown")
	f.StringArrayVarP(&o.outputs, "output", "o", nil, "also write the report to a file, as FORMAT=FILE (repeatable), e.g. -o sarif=results.sarif")
	f.StringVar(&o.severity, "severity", "warning", "fail (exit 1) on findings at or above: info, warning or error (default: the config's fail_on)")
	f.BoolVar(&o.noInlineIgnores, "no-inline-ignores", false, "refuse @infralint(ignore=...) suppressions in the files: report what they cover")
	f.StringVar(&o.baseline, "baseline", "", "report only findings not recorded in this baseline file")
	f.StringVar(&o.writeBaseline, "write-baseline", "", "record the current findings in this baseline file")
	f.StringVar(&o.prices, "prices", "", "JSON price file laid over the snapshot, as for 'infralint cost' (fills the prices COST003 reports missing)")
	return cmd
}

func runCheck(cmd *cobra.Command, args []string, o checkOptions) error {
	var flagThreshold rules.Severity
	if cmd.Flags().Changed("severity") {
		var err error
		if flagThreshold, err = rules.ParseSeverity(o.severity); err != nil {
			return badInput("--severity: %v", err)
		}
	}
	if err := checkFormat("--format", o.format); err != nil {
		return err
	}
	outputs, err := parseOutputs(o.outputs)
	if err != nil {
		return err
	}
	now, err := today()
	if err != nil {
		return err
	}
	var base *baseline
	if o.baseline != "" {
		if base, err = readBaseline(o.baseline); err != nil {
			return err
		}
	}
	paths, err := expandPaths(args)
	if err != nil {
		return err
	}
	dir := workingDir()
	report := func(err error) {
		if err != errConfigReported {
			printInputError(cmd, err, dir)
		}
	}

	// Each stack's configuration, then every stack loaded in parallel.
	configs := newConfigFinder()
	var jobs []stackJob
	var jobConfigs []*stackConfig
	bad := false
	for _, p := range paths {
		cfg, err := configs.forStack(p)
		if err != nil {
			report(err)
			bad = true
			continue
		}
		jobs = append(jobs, stackJob{path: p, region: cfg.Region})
		jobConfigs = append(jobConfigs, cfg)
	}
	var loaded []loadResult
	cat := catalog.Default
	if o.prices != "" {
		merged, err := costCatalog(o.prices)
		if err != nil {
			return err
		}
		cat = func() *catalog.Catalog { return merged }
		loaded = loadParallel(jobs, merged)
	} else {
		loaded = loadParallelDefault(jobs)
	}

	var r render.Report
	var current []rules.Finding // for --write-baseline, before the baseline filters
	failed, refused, checked := false, 0, 0
	var sections []render.Section // capacity and cost, for the Markdown report
	// Only the Markdown report prints them: the other formats skip the
	// work (at 1,000 components the two tables cost as much as the rules).
	markdown := o.format == "markdown" || slices.ContainsFunc(outputs, func(out output) bool { return out.format == "markdown" })
	for i, ld := range loaded {
		if ld.err != nil {
			report(ld.err)
			bad = true
			continue
		}
		s, cfg := ld.stack, jobConfigs[i]
		model, err := capacity.Analyze(s, capacity.Options{TargetUtilization: cfg.Thresholds.UtilisationTarget})
		if err != nil {
			report(err)
			bad = true
			continue
		}
		checked++
		opts := cfg.opts
		opts.Today = now
		opts.NoInlineIgnores = opts.NoInlineIgnores || o.noInlineIgnores
		if opts.NoInlineIgnores {
			refused += len(s.Source.Suppressions)
		}
		// COST002 reads the alternatives: the search is skipped when it is off.
		sizing := rightsize.Plan(s, model, cat(), rightsize.Options{Alternatives: !opts.Disabled["COST002"]})
		estimate := pricing.Price(s, cat(), pricing.Options{Instances: sizing.Instances})
		if markdown {
			sections = append(sections, render.CapacitySection(model), render.CostSection(estimate, dir))
		}
		res := rules.Run(&rules.Input{Stack: s, Capacity: model, Cost: estimate, Catalog: cat(), RightSizing: sizing}, opts)
		current = append(current, res.Findings...)
		findings, dropped := base.filter(res.Findings)
		r.Baselined += dropped
		threshold := cfg.failOn
		if flagThreshold != 0 {
			threshold = flagThreshold
		}
		for _, f := range findings {
			failed = failed || f.Severity >= threshold
		}
		r.Findings = append(r.Findings, findings...)
		r.Suppressed = append(r.Suppressed, res.Suppressed...)
	}
	if checked == 0 && bad {
		// Nothing loaded: the errors on stderr are the whole answer.
		return &exitError{code: exitBadInput}
	}
	rules.Sort(r.Findings)
	rules.Sort(r.Suppressed)
	rules.Sort(current)
	if refused > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("inline ignores refused: %d @infralint(ignore=...) suppression(s) in the files were not applied", refused))
	}
	// The Markdown report prints the analyses after the findings; the other
	// formats ignore them.
	r.Sections = sections

	if o.writeBaseline != "" {
		if err := writeBaseline(o.writeBaseline, current); err != nil {
			return err
		}
	}
	if err := writeReport(cmd.OutOrStdout(), o.format, r, dir); err != nil {
		return err
	}
	if err := writeOutputs(outputs, r, dir); err != nil {
		return err
	}
	if bad {
		return &exitError{code: exitBadInput}
	}
	if failed && o.writeBaseline == "" {
		// Writing a baseline accepts today's findings: that run passes.
		return &exitError{code: exitFindings}
	}
	return nil
}

// printInputError prints each error of a bad input on its own line, with
// its position relative to the working directory.
func printInputError(cmd *cobra.Command, err error, dir string) {
	w := cmd.ErrOrStderr()
	var list schema.Errors
	switch e := err.(type) {
	case schema.Errors:
		list = e
	case *schema.Error:
		list = schema.Errors{e}
	default:
		fmt.Fprintln(w, "infralint: "+strings.TrimSpace(err.Error()))
		return
	}
	for _, e := range list {
		if e.Pos.File == "" {
			fmt.Fprintln(w, e.Msg)
			continue
		}
		fmt.Fprintf(w, "%s: %s\n", render.RelPosition(e.Pos, dir), e.Msg)
	}
}
