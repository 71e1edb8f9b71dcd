package main

import (
	"bytes"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/analysis"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/internal/output"
	"github.com/infralint/infralint/render/diagram"
	"github.com/infralint/infralint/render/report"
)

const reportDoc = `Write one self-contained HTML page for a design review: the diagram,
the findings with each rule's docs, the capacity table per tier and
scenario, the cost breakdown, and plots of p99 and utilisation against the
instance count, load against capacity in each scenario, and the cheapest
monthly cost for each p99 target across the tier's instance family.

The page needs no network: styles, the diagram and the plots are inline
(SVG), and it has no scripts. It prints well and is readable with a screen
reader (table captions, text alternatives for every picture).

The diagram is drawn by the companion renderer infralint-diagram, as for
'infralint diagram'; without it (or with --no-diagram) the report says so in
the diagram's place and everything else is there.

--compare OLD NEW writes what changed between two versions of a stack:
findings added and resolved, every tier's scenarios side by side, and the
cost line by line.

Settings (rules, severities, utilisation target, default region) come from
the nearest .infralint.cue, as for 'infralint check'. The exit code is 0
whatever the findings; 2 for bad input.

Examples:
  infralint report examples/web-asg-rds-cache/stack.cue -o report.html
  infralint report --compare old/stack.cue new/stack.cue -o changes.html`

type reportOptions struct {
	output    string
	compare   bool
	prices    string
	noDiagram bool
	noPlots   bool
}

func newReportCmd() *cobra.Command {
	var o reportOptions
	cmd := &cobra.Command{
		Use:   "report FILE|DIR",
		Short: "Write a self-contained HTML report: diagram, findings, capacity, cost, plots",
		Long:  reportDoc,
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runReport(cmd, args, o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.output, "output", "o", "", "write the HTML to this file (default: standard output)")
	f.BoolVar(&o.compare, "compare", false, "compare two versions of a stack, OLD NEW")
	f.StringVar(&o.prices, "prices", "", "JSON price file laid over the snapshot (as for 'infralint cost')")
	f.BoolVar(&o.noDiagram, "no-diagram", false, "leave the diagram out (no renderer is run)")
	f.BoolVar(&o.noPlots, "no-plots", false, "leave the plots out")
	return cmd
}

func runReport(cmd *cobra.Command, args []string, o reportOptions) error {
	want := 1
	if o.compare {
		want = 2
	}
	if len(args) != want {
		if o.compare {
			return badInput("--compare takes two stacks, OLD NEW; got %s", humanize.Plural(len(args), "argument"))
		}
		return badInput("report takes one stack; got %s (use --compare OLD NEW to compare two)", humanize.Plural(len(args), "argument"))
	}
	now, err := today()
	if err != nil {
		return err
	}
	plan := newPlan(cmd)
	var target *output.Target
	if o.output != "" {
		if target, err = addOutput(plan, "-o "+o.output, o.output); err != nil {
			return err
		}
	}
	dir := workingDir()
	run, err := analyze(cmd, analysis.Request{Paths: args, Prices: o.prices, Today: now,
		Want: analysis.Want{Capacity: true, Cost: true, Findings: true, Sweeps: !o.noPlots}}, dir)
	if err != nil {
		return err
	}
	if run.Bad() {
		return errBadInput
	}
	if err := refuseInputs(plan, run, output.Input{Path: o.prices, What: "the --prices file"}); err != nil {
		return err
	}
	var inputs []report.Input
	for _, r := range run.Stacks {
		inputs = append(inputs, report.Input{Stack: r.Stack, Capacity: r.Capacity, Findings: *r.Findings,
			Estimate: r.Estimate, RightSizing: r.RightSizing, Catalog: run.Catalog, Dir: dir, NoPlots: o.noPlots,
			Warn: func(msg string) { fmt.Fprintln(cmd.ErrOrStderr(), "infralint: warning: "+msg) }})
	}

	var buf bytes.Buffer
	if o.compare {
		err = report.WriteCompare(&buf, inputs[0], inputs[1])
	} else {
		in := &inputs[0]
		if o.noDiagram {
			in.DiagramNote = "The diagram was left out (--no-diagram)."
		} else {
			in.DiagramSVG, in.DiagramNote = reportDiagram(cmd, *in)
		}
		err = report.Write(&buf, *in)
	}
	if err != nil {
		return err
	}
	if target == nil {
		_, err = io.Copy(cmd.OutOrStdout(), &buf)
		return err
	}
	if err := target.Save(buf.Bytes()); err != nil {
		return badInput("%v", err)
	}
	return nil
}

// reportDiagram draws the annotated diagram through the renderer binary,
// the same way 'infralint diagram' does. Without the renderer the report
// is still written: the note takes the diagram's place and a warning goes
// to standard error.
func reportDiagram(cmd *cobra.Command, in report.Input) ([]byte, string) {
	warn := func(format string, args ...any) string {
		msg := fmt.Sprintf(format, args...)
		fmt.Fprintln(cmd.ErrOrStderr(), "infralint: warning: "+msg)
		return msg
	}
	renderer, err := findRenderer()
	if err != nil {
		return nil, warn("no diagram: %s", rendererNotFound())
	}
	opts := diagram.Options{
		Annotations:  diagram.Annotate(in.Stack, in.Capacity, in.Estimate),
		ShowFindings: true,
		Findings:     in.Findings.Findings,
	}
	svg, err := renderDOT(cmd.Context(), renderer, diagram.Build(in.Stack, opts), "svg", 0)
	if err != nil {
		return nil, warn("no diagram: %v", err)
	}
	return svg, ""
}
