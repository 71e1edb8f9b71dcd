package main

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/analysis"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/render"
	"github.com/infralint/infralint/schema"
)

const costDoc = `Estimate the monthly AWS cost of one or more stacks, offline.

Each line item is a quantity derived from the stack's workload (instance
hours, load-balancer capacity units, GB transferred …) times an on-demand
price from the embedded snapshot, named with its source and date. A price
the snapshot lacks is never guessed: the total is marked PARTIAL and the
missing prices are named; --prices FILE supplies them (or overrides any
price, e.g. with discounted rates). Nothing is fetched from the network.

Examples:
  infralint cost examples/web-asg-rds/stack.cue
  infralint cost --format markdown ./...
  infralint cost --compare old/stack.cue new/stack.cue
  infralint cost --prices prices.json --max-monthly-cost 2000 stack.cue
  infralint cost --compare --max-increase 10% old/stack.cue new/stack.cue
  infralint cost --baseline main-cost.json --max-increase 50 stack.cue

The gates compare totals rounded to the cent, as printed.`

type costOptions struct {
	format  string
	compare bool
	prices  string
	maxCost string
	maxInc  string
	base    string
}

func newCostCmd() *cobra.Command {
	var o costOptions
	cmd := &cobra.Command{
		Use:   "cost FILE|DIR|DIR/... ...",
		Short: "Estimate the monthly AWS cost from the stack's workload",
		Long:  costDoc,
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCost(cmd, args, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "text", "output format: text, json or markdown")
	f.BoolVar(&o.compare, "compare", false, "compare two stacks, OLD NEW: the monthly difference line by line")
	f.StringVar(&o.prices, "prices", "", "JSON price file laid over the snapshot (see README, \"Cost\")")
	f.StringVar(&o.maxCost, "max-monthly-cost", "", "fail (exit 1) when a stack's monthly cost in USD is above this, or cannot be shown to be below it")
	f.StringVar(&o.maxInc, "max-increase", "", "fail (exit 1) when a stack's monthly cost rose by more than AMOUNT (USD) or PERCENT (10%) over --compare's OLD stack or its --baseline total")
	f.StringVar(&o.base, "baseline", "", "the cost --format json output of the old stacks, for --max-increase")
	return cmd
}

func runCost(cmd *cobra.Command, args []string, o costOptions) error {
	switch o.format {
	case "text", "json", "markdown":
	default:
		return badInput("--format: unknown format %q; use text, json or markdown", o.format)
	}
	limit, err := parseMaxCost(o.maxCost)
	if err != nil {
		return err
	}
	inc, err := parseMaxIncrease(o.maxInc)
	if err != nil {
		return err
	}
	if o.compare && len(args) != 2 {
		return badInput("--compare takes two stacks, OLD NEW; got %s", humanize.Plural(len(args), "argument"))
	}
	switch {
	case o.base != "" && o.compare:
		return badInput("--baseline and --compare both name the old stack: use one")
	case o.base != "" && inc == nil:
		return badInput("--baseline is the old total for --max-increase, which is not given")
	case inc != nil && o.base == "" && !o.compare:
		return badInput("--max-increase needs the old stack: --compare OLD NEW, or --baseline FILE (its cost --format json)")
	}
	var base *costBaseline
	if o.base != "" {
		if base, err = readCostBaseline(o.base); err != nil {
			return err
		}
	}
	dir := workingDir()
	run, err := analyze(cmd, analysis.Request{Paths: args, Expand: !o.compare, Prices: o.prices, Want: analysis.Want{Cost: true}}, dir)
	if err != nil {
		return errorDocument(cmd, err, func(w io.Writer, errs schema.Errors) error {
			switch {
			case o.format != "json":
				return errNoDocument
			case o.compare:
				return render.CostDiffJSON(w, nil, errs, dir)
			}
			return render.CostJSON(w, nil, errs, dir)
		})
	}
	good := run.Good()
	if run.Bad() && (o.compare || len(good) == 0) {
		// JSON stays a whole document, with the errors, whatever failed.
		if o.format == "json" {
			var err error
			if o.compare {
				err = render.CostDiffJSON(cmd.OutOrStdout(), nil, run.Errors(), dir)
			} else {
				err = render.CostJSON(cmd.OutOrStdout(), nil, run.Errors(), dir)
			}
			if err != nil {
				return err
			}
		}
		return errBadInput
	}
	var es []*pricing.Estimate
	for _, r := range good {
		es = append(es, r.Estimate)
	}
	var olds []oldTotal // by es index once the gate's stacks are es
	if o.compare {
		c, _ := totalCents(es[0])
		olds = []oldTotal{{cents: c, partial: es[0].Partial, from: render.RelPath(es[0].File, dir)}}
	}

	out := cmd.OutOrStdout()
	if o.compare {
		d := pricing.Compare(es[0], es[1])
		switch o.format {
		case "json":
			err = render.CostDiffJSON(out, d, run.Errors(), dir)
		case "markdown":
			err = render.CostDiffMarkdown(out, d, dir)
		default:
			err = render.CostDiffText(out, d, dir)
		}
		es = es[1:] // the gate applies to the new stack
	} else {
		switch o.format {
		case "json":
			err = render.CostJSON(out, es, run.Errors(), dir)
		case "markdown":
			err = render.CostMarkdown(out, es, dir)
		default:
			err = render.CostText(out, es, dir)
		}
	}
	if err != nil {
		return err
	}
	if run.Bad() {
		return errBadInput
	}
	return runCostGates(cmd.ErrOrStderr(), es, olds, base, limit, inc, dir)
}
