package main

// The flags that choose what a run analyses — which rules (--skip), which
// paths (--exclude, --skip-non-stacks) — and how the paths left out are
// reported (--verbose).

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/analysis"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/internal/textsafe"
	"github.com/infralint/infralint/render"
)

const (
	skipFlag          = "skip"
	excludeFlag       = "exclude"
	skipNonStacksFlag = "skip-non-stacks"
	verboseFlag       = "verbose"
)

// ruleCommands show findings: --skip applies to them. pathCommands take
// many stacks and "DIR/...": the path flags apply to them.
var (
	ruleCommands = map[string]bool{"check": true, "diagram": true, "report": true}
	pathCommands = map[string]bool{"check": true, "cost": true, "capacity": true}
)

// addSelectionFlags registers the flags on the commands they apply to.
func addSelectionFlags(root *cobra.Command) {
	for _, c := range root.Commands() {
		f := c.Flags()
		if ruleCommands[c.Name()] {
			f.StringSlice(skipFlag, nil, "disable these rules for this run, as RULE,RULE (repeatable), whatever .infralint.cue enables")
		}
		if pathCommands[c.Name()] {
			f.StringArray(excludeFlag, nil, "leave out stacks matching this glob, relative to the working directory (repeatable; ** spans directories)")
			f.Bool(skipNonStacksFlag, false, "skip named files that are not stacks, with a note, instead of failing (the pre-commit hook passes it)")
			f.BoolP(verboseFlag, "v", false, "list every path left out (not a stack, or excluded), not only how many")
		}
	}
}

// selectionOf lays the flags of cmd into req.
func selectionOf(cmd *cobra.Command, req *analysis.Request) error {
	f := cmd.Flags()
	if f.Lookup(skipFlag) != nil {
		ids, _ := f.GetStringSlice(skipFlag)
		for _, id := range ids {
			if id = strings.TrimSpace(id); id != "" {
				req.Overrides.SkipRules = append(req.Overrides.SkipRules, id)
			}
		}
	}
	if f.Lookup(excludeFlag) == nil {
		return nil
	}
	req.Exclude, _ = f.GetStringArray(excludeFlag)
	req.SkipNonStacks, _ = f.GetBool(skipNonStacksFlag)
	if !req.Expand && (len(req.Exclude) > 0 || req.SkipNonStacks) {
		return badInput("--%s and --%s choose among many stacks; --compare takes the two it is given", excludeFlag, skipNonStacksFlag)
	}
	return nil
}

// printSkipped says on standard error what the run left out: each named
// path with a note of its own (the user asked for it), the ones "DIR/..."
// found as a count unless --verbose lists them.
func printSkipped(cmd *cobra.Command, run *analysis.Run, dir string) {
	if quiet(cmd) {
		return
	}
	verbose := false
	if f := cmd.Flags().Lookup(verboseFlag); f != nil {
		verbose, _ = cmd.Flags().GetBool(verboseFlag)
	}
	w := cmd.ErrOrStderr()
	notStacks, excluded := 0, 0
	for _, s := range run.Skipped {
		if s.Named || verbose {
			fmt.Fprintf(w, "infralint: note: skipped %s: %s\n", textsafe.Line(render.RelPath(s.Path, dir)), skipReason(s, dir))
			continue
		}
		if s.NotStack() {
			notStacks++
		} else {
			excluded++
		}
	}
	if notStacks+excluded == 0 {
		return
	}
	var parts []string
	if notStacks > 0 {
		parts = append(parts, humanize.Plural(notStacks, "directory")+" of CUE that is not a stack (no top-level components)")
	}
	if excluded > 0 {
		parts = append(parts, humanize.Plural(excluded, "excluded directory"))
	}
	fmt.Fprintf(w, "infralint: note: skipped %s; --verbose lists them\n", strings.Join(parts, " and "))
}

func skipReason(s analysis.Skipped, dir string) string {
	if s.NotStack() {
		return "not a stack (its CUE declares no top-level components)"
	}
	from := "--exclude"
	if s.GlobFrom != "--exclude" {
		from = "exclude in " + render.RelPath(s.GlobFrom, dir)
	}
	return fmt.Sprintf("excluded by %q (%s)", s.Glob, textsafe.Line(from))
}
