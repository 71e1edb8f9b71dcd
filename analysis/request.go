package analysis

import (
	"io"
	"time"

	"github.com/infralint/infralint/rules"
)

// Request is what a command asks of the pipeline.
type Request struct {
	// Paths are the stacks: a file is one stack, a directory one stack of
	// its .cue files, and with Expand "DIR/..." every stack below DIR.
	Paths  []string
	Expand bool
	// Exclude are globs relative to the working directory (--exclude) of
	// paths not to analyse; each stack's .infralint.cue adds its own.
	// With Expand only, as are SkipNonStacks and the recognition of
	// stacks among other CUE (docs/pipeline.md, "Which paths are stacks").
	Exclude []string
	// SkipNonStacks skips named paths that are not stacks, as "DIR/..."
	// always does, instead of reporting them as bad input.
	SkipNonStacks bool
	// Prices is a JSON price file laid over the embedded snapshot ("":
	// the snapshot alone).
	Prices string
	// Today is the date suppressions expire against.
	Today time.Time
	// Overrides are the command's flags that win over each stack's
	// configuration.
	Overrides Overrides
	// Want names the analyses the command renders; the pipeline computes
	// those and what they depend on, nothing else.
	Want Want
	// Limits bound the evaluation of every stack and configuration file.
	Limits Limits
	// Stdin is where the path "-" (one stack) is read from; nil is
	// os.Stdin.
	Stdin io.Reader
	// Workload are CUE files laid over every stack read from Terraform
	// (--workload), instead of the workload_file of its .infralint.cue.
	Workload []string
	// Source is the root module a plan was made from (--source), for the
	// .tf positions of its resources.
	Source string
	// VarFiles are .tfvars files read after the directory's own
	// (--var-file).
	VarFiles []string
	// Vars are NAME=VALUE root variable values (--var), after VarFiles.
	Vars []string
	// Env is where TF_VAR_NAME values come from: the command's
	// environment, given explicitly (terraform.ReadOptions.Env).
	Env []string
}

// Limits are the evaluation budget of a run (docs/security.md, item 2).
// CUE evaluation cannot be interrupted, so a watchdog checks the budget
// from beside it (watchdog.go) and, when it is spent, calls Exceeded,
// which is expected to end the process: a library never exits on its own.
type Limits struct {
	// Timeout bounds the wall-clock time of each stack (its loading and
	// analyses) and of each configuration file; 0 is DefaultTimeout.
	Timeout time.Duration
	// Memory bounds the memory the process holds from the Go runtime,
	// in bytes; 0 is DefaultMemory. The collector is told to work hard
	// below it (debug.SetMemoryLimit) before the watchdog calls it spent.
	Memory int64
	// Exceeded is called once, from the watchdog's goroutine, with what
	// was being evaluated when a limit was crossed. Nil leaves the
	// evaluation unbounded (library callers that trust their input).
	Exceeded func(*LimitError)
}

// The default budget is far above any real stack: the largest example
// takes about 0.1 s and 30 MiB, a generated stack of 1,000 components
// 1 to 1.6 s and 110 MiB (docs/security.md has the measurements).
const (
	DefaultTimeout = time.Minute
	DefaultMemory  = 2 << 30
)

// Overrides are flags that replace a setting of .infralint.cue. A zero
// field leaves the configuration's value.
type Overrides struct {
	// TargetUtilization replaces thresholds.utilisation_target.
	TargetUtilization float64
	// FailOn replaces fail_on (check --severity).
	FailOn rules.Severity
	// NoInlineIgnores refuses @infralint(ignore=...) suppressions even
	// where the configuration allows them.
	NoInlineIgnores bool
	// SkipRules are rule IDs disabled for this run (--skip), whatever
	// the configuration enables.
	SkipRules []string
}

// Want names the analyses a command shows.
type Want struct {
	Capacity bool // the queueing model of every tier
	Cost     bool // the monthly estimate (which sizes autoscaling tiers with the model)
	Findings bool // the rules (and whatever the enabled rules need)
	Sweeps   bool // each tier's cheapest cost for each p99 target (the report's plots)
	// BesideFindings: Capacity and Cost are shown only beside the
	// findings (check's Markdown), so a stack read from Terraform that
	// lacks its workload gets neither (Result.NotComputed) instead of an
	// input error.
	BesideFindings bool
}
