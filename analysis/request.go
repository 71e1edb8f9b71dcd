package analysis

import (
	"time"

	"github.com/infralint/infralint/rules"
)

// Request is what a command asks of the pipeline.
type Request struct {
	// Paths are the stacks: a file is one stack, a directory one stack of
	// its .cue files, and with Expand "DIR/..." every stack below DIR.
	Paths  []string
	Expand bool
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
}

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
}

// Want names the analyses a command shows.
type Want struct {
	Capacity bool // the queueing model of every tier
	Cost     bool // the monthly estimate (which sizes autoscaling tiers with the model)
	Findings bool // the rules (and whatever the enabled rules need)
	Sweeps   bool // each tier's cheapest cost for each p99 target (the report's plots)
}
