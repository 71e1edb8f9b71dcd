package main

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/analysis"
	"github.com/infralint/infralint/internal/output"
	"github.com/infralint/infralint/render/diagram"
)

const diagramDoc = `Draw a stack as an architecture diagram: DOT, SVG or PNG.

The drawing comes from the same file infralint lints, so it cannot drift
from the design: internet and CDN on top, then load balancers, the app
tier, caches and databases; the VPC and its public and private subnets as
boxes; an autoscaling group as a box with its size; roles sharing a server
inside that server's box. Edges are traffic, labelled with protocol and
port: solid green is TLS, dashed red is plaintext, dotted red is an address
block a database admits.

The format comes from the -o extension (.svg, .png, .dot) or --format;
without -o the drawing goes to standard output (DOT by default).

DOT is written by infralint itself. SVG and PNG are rendered by the
companion binary infralint-diagram (Graphviz compiled to WebAssembly; no
system Graphviz needed), looked up beside infralint, then in GOBIN or
GOPATH/bin (where go install puts it), then in PATH. In a clone of
infralint, install both with:
  go install ./cmd/infralint ./cmd/infralint-diagram

Examples:
  infralint diagram examples/web-asg-rds/stack.cue -o web.svg
  infralint diagram --findings --annotate stack.cue -o design.png
  infralint diagram stack.cue | dot -Tpdf > stack.pdf`

type diagramOptions struct {
	output   string
	format   string
	annotate bool
	findings bool
	scale    float64
}

// defaultPNGScale draws PNGs at 192 dpi: crisp in a design document or on
// a high-density screen (1× is 96 dpi, a CSS pixel per 0.75 pt).
const defaultPNGScale = 2

var diagramFormats = []string{"svg", "png", "dot"}

func newDiagramCmd() *cobra.Command {
	var o diagramOptions
	cmd := &cobra.Command{
		Use:   "diagram FILE|DIR",
		Short: "Draw the stack as a diagram (DOT, SVG or PNG)",
		Long:  diagramDoc,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDiagram(cmd, args[0], o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.output, "output", "o", "", "write the diagram to this file; its extension picks the format")
	f.StringVar(&o.format, "format", "", "svg, png or dot (default: from -o, else dot)")
	f.BoolVar(&o.annotate, "annotate", false, "add instances, utilisation and p99 at peak, and monthly cost, to each tier")
	f.BoolVar(&o.findings, "findings", false, "colour components and edges by their worst finding and name the rules")
	f.Float64Var(&o.scale, "scale", defaultPNGScale, "PNG size as a multiple of 96 dpi, 0.5 to 4")
	return cmd
}

// diagramFormat picks the output format from --format and the -o extension.
func diagramFormat(o diagramOptions) (string, error) {
	ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(o.output)), ".")
	known := func(f string) bool {
		for _, k := range diagramFormats {
			if f == k {
				return true
			}
		}
		return false
	}
	if o.format != "" {
		f := strings.ToLower(o.format)
		if !known(f) {
			return "", badInput("--format: unknown format %q; use svg, png or dot", o.format)
		}
		if o.output != "" && known(ext) && ext != f {
			return "", badInput("--format %s does not match the extension of -o %s", f, o.output)
		}
		return f, nil
	}
	if o.output == "" {
		return "dot", nil
	}
	if !known(ext) {
		return "", badInput("-o %s: cannot tell the format from the extension; name a .svg, .png or .dot file, or pass --format", o.output)
	}
	return ext, nil
}

func runDiagram(cmd *cobra.Command, arg string, o diagramOptions) error {
	format, err := diagramFormat(o)
	if err != nil {
		return err
	}
	// The same bounds as render/graphviz, checked here so that a bad value
	// fails before any work (that package must not be linked into infralint).
	if !(o.scale >= 0.5 && o.scale <= 4) {
		return badInput("--scale %v: want a number from 0.5 to 4", o.scale)
	}
	if cmd.Flags().Changed("scale") && format != "png" {
		return badInput("--scale applies to PNG only; SVG and DOT are vector output")
	}
	plan := newPlan(cmd)
	var target *output.Target
	if o.output != "" {
		if target, err = addOutput(plan, "-o "+o.output, o.output); err != nil {
			return err
		}
	}
	var renderer string
	if format != "dot" {
		// Find the renderer before any work, so a missing one fails fast.
		if renderer, err = findRenderer(); err != nil {
			return err
		}
	}
	// The model, the estimate and the findings only when drawn, with the
	// stack's own configuration, as check and report use it.
	want := analysis.Want{Capacity: o.annotate, Cost: o.annotate, Findings: o.findings}
	now, err := today()
	if err != nil {
		return err
	}
	run, err := analyze(cmd, analysis.Request{Paths: []string{arg}, Today: now, Want: want}, workingDir())
	if err != nil {
		return err
	}
	if run.Bad() {
		return errBadInput
	}
	if err := refuseInputs(plan, run); err != nil {
		return err
	}
	res := run.Stacks[0]
	s := res.Stack
	opts := diagram.Options{}
	if o.annotate {
		opts.Annotations = diagram.Annotate(s, res.Capacity, res.Estimate)
	}
	if o.findings {
		opts.ShowFindings, opts.Findings = true, res.Findings.Findings
	}
	dot := diagram.Build(s, opts)

	out := dot
	if format != "dot" {
		if out, err = renderDOT(cmd.Context(), renderer, dot, format, o.scale); err != nil {
			return err
		}
	}
	if target == nil {
		_, err = cmd.OutOrStdout().Write(out)
		return err
	}
	if err := target.Save(out); err != nil {
		return badInput("%v", err)
	}
	return nil
}

// renderDOT runs the renderer with the DOT on stdin and returns stdout.
func renderDOT(ctx context.Context, renderer string, dot []byte, format string, scale float64) ([]byte, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	args := []string{"--format", format}
	if format == "png" {
		args = append(args, "--scale", strconv.FormatFloat(scale, 'g', -1, 64))
	}
	c := exec.CommandContext(ctx, renderer, args...)
	c.Stdin = bytes.NewReader(dot)
	var stdout, stderr bytes.Buffer
	c.Stdout, c.Stderr = &stdout, &stderr
	err := c.Run()
	if err == nil && stdout.Len() == 0 {
		err = errors.New("no output")
	}
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		msg = strings.TrimPrefix(msg, rendererName+": ")
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		if msg == "" {
			msg = err.Error()
		}
		return nil, badInput("drawing %s failed (%s): %s", format, renderer, msg)
	}
	return stdout.Bytes(), nil
}
