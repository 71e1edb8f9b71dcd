package analysis

import (
	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/rightsize"
	"github.com/infralint/infralint/rules"
	"github.com/infralint/infralint/schema"
)

// Run is the pipeline's answer: one Result per stack, in the order of the
// paths (after expansion), whatever order they were analysed in; the
// paths left out are in Skipped, not here.
type Run struct {
	Stacks []*Result
	// Skipped are the paths left out, in the order of the paths: CUE that
	// is not a stack, and paths an exclude glob matches.
	Skipped []Skipped
	// Catalog is the price snapshot every stack was checked and priced
	// against (merged with the --prices file, if any).
	Catalog *catalog.Catalog
}

// Result is one stack, analysed as far as its input allowed. When Errors
// is not empty the stack is bad input and the analyses are nil.
type Result struct {
	// Path is the stack as the command named it (or as "DIR/..." found it).
	Path   string
	Stack  *schema.Stack
	Config *Config
	// Capacity, Estimate and Findings are set when the command asked for
	// them (Want) or a rule it runs needs them.
	Capacity *capacity.Result
	// RightSizing holds the autoscaling fleets the estimate bills and,
	// when wanted, COST002's cheaper types and the report's sweeps.
	RightSizing *rightsize.Result
	Estimate    *pricing.Estimate
	Findings    *rules.Result
	// NotComputed says why a stack read from Terraform has no capacity
	// model, right-sizing or estimate (it lacks its workload or a tier's
	// demand), or is "": the rules needing them are skipped with it.
	NotComputed string
	// Terraform is what a stack read from Terraform left out (nil for a
	// CUE stack).
	Terraform *TerraformRead
	// Errors are the stack's input errors (its file, its configuration),
	// each with a source-neutral position where there is one.
	Errors schema.Errors

	named      bool // named on the command line, not found by "DIR/..."
	onlyStacks bool // load only if it is a stack (schema.Loader.OnlyStacks)
	notStack   bool // it is not: the run skips it
}

// OK reports whether the stack loaded and was analysed.
func (r *Result) OK() bool { return len(r.Errors) == 0 }

// Bad reports whether any stack of the run is bad input.
func (r *Run) Bad() bool {
	for _, s := range r.Stacks {
		if !s.OK() {
			return true
		}
	}
	return false
}

// Good returns the stacks that loaded and were analysed, in order.
func (r *Run) Good() []*Result {
	var out []*Result
	for _, s := range r.Stacks {
		if s.OK() {
			out = append(out, s)
		}
	}
	return out
}

// Errors returns every stack's input errors in stack order, each error
// once: stacks under one bad .infralint.cue share its errors.
func (r *Run) Errors() schema.Errors {
	var out schema.Errors
	seen := map[schema.Error]bool{}
	for _, s := range r.Stacks {
		for _, e := range s.Errors {
			if seen[*e] {
				continue
			}
			seen[*e] = true
			out = append(out, e)
		}
	}
	return out
}

// Rules are the rules the run applied: the built-in ones, then the
// organisation policies of every stack's configuration in the order the
// stacks were named. Two files declaring one ID give the first's
// description (each stack is still checked against its own file's).
func (run *Run) Rules() []*rules.Rule {
	out := rules.Registry()
	seen := map[string]bool{}
	for _, r := range out {
		seen[r.ID] = true
	}
	for _, res := range run.Stacks {
		if res.Config == nil {
			continue
		}
		for _, p := range res.Config.Rules.Policies {
			if !seen[p.ID] {
				seen[p.ID] = true
				out = append(out, p)
			}
		}
	}
	return out
}
