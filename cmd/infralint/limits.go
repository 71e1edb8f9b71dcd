package main

// The evaluation budget's flags (--timeout, --max-memory) on every command
// that analyses stacks, and what the CLI does when a stack spends it.

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/analysis"
	"github.com/infralint/infralint/render"
)

// analysingCommands are the commands that evaluate stacks, or (rules,
// explain) a configuration file's policies.
var analysingCommands = map[string]bool{"check": true, "cost": true, "capacity": true, "diagram": true, "report": true, "rules": true, "explain": true}

const (
	timeoutFlag   = "timeout"
	maxMemoryFlag = "max-memory"
)

// addLimitFlags registers the budget's flags on each analysing command.
func addLimitFlags(root *cobra.Command) {
	for _, c := range root.Commands() {
		if !analysingCommands[c.Name()] {
			continue
		}
		f := c.Flags()
		f.Duration(timeoutFlag, analysis.DefaultTimeout, "stop with exit 2 when evaluating one stack or .infralint.cue takes longer than this")
		f.String(maxMemoryFlag, formatMiB(analysis.DefaultMemory), "stop with exit 2 when evaluation holds more memory than this (MiB or GiB)")
	}
}

// limitsOf reads the budget's flags of cmd; past a limit the process
// prints which files it was evaluating and exits 2, before any output is
// written (evaluation cannot be interrupted otherwise).
func limitsOf(cmd *cobra.Command, dir string) (analysis.Limits, error) {
	f := cmd.Flags()
	if f.Lookup(timeoutFlag) == nil {
		return analysis.Limits{}, nil
	}
	timeout, err := f.GetDuration(timeoutFlag)
	if err != nil || timeout <= 0 {
		return analysis.Limits{}, badInput("--%s: want a positive duration such as 30s or 2m", timeoutFlag)
	}
	raw, _ := f.GetString(maxMemoryFlag)
	memory, err := parseMiB(raw)
	if err != nil {
		return analysis.Limits{}, badInput("--%s %s: %v", maxMemoryFlag, raw, err)
	}
	stderr := cmd.ErrOrStderr()
	return analysis.Limits{Timeout: timeout, Memory: memory, Exceeded: func(e *analysis.LimitError) {
		fmt.Fprintln(stderr, "infralint: "+limitMessage(e, dir))
		exitProcess(exitBadInput)
	}}, nil
}

// exitProcess ends the process when a limit is crossed (a variable so that
// the test binary's script wrappers can judge the exit code).
var exitProcess = os.Exit

// limitMessage names the files relative to the working directory, the
// limit crossed and the flag that raises it.
func limitMessage(e *analysis.LimitError, dir string) string {
	files := make([]string, len(e.Files))
	for i, f := range e.Files {
		files[i] = render.RelPath(f, dir)
	}
	what := "the run"
	if len(files) > 0 {
		what = strings.Join(files, ", ")
	}
	if e.Timeout > 0 {
		return fmt.Sprintf("%s: evaluation exceeded %s (raise it with --%s)", what, e.Timeout, timeoutFlag)
	}
	return fmt.Sprintf("%s: evaluation exceeded %s of memory (raise it with --%s)", what, formatMiB(e.Memory), maxMemoryFlag)
}

// parseMiB reads a size in whole MiB or GiB: "512MiB", "4GiB".
func parseMiB(s string) (int64, error) {
	t := strings.TrimSpace(s)
	shift := 0
	switch {
	case strings.HasSuffix(t, "GiB"):
		shift, t = 30, strings.TrimSuffix(t, "GiB")
	case strings.HasSuffix(t, "MiB"):
		shift, t = 20, strings.TrimSuffix(t, "MiB")
	default:
		return 0, fmt.Errorf("want a size in MiB or GiB, such as 512MiB or 4GiB")
	}
	n, err := strconv.ParseInt(strings.TrimSpace(t), 10, 64)
	if err != nil || n <= 0 || n > 1<<(62-shift) {
		return 0, fmt.Errorf("want a positive whole number of MiB or GiB, such as 512MiB or 4GiB")
	}
	return n << shift, nil
}

// formatMiB writes a size as parseMiB reads it.
func formatMiB(n int64) string {
	if n%(1<<30) == 0 {
		return strconv.FormatInt(n>>30, 10) + "GiB"
	}
	return strconv.FormatInt(n>>20, 10) + "MiB"
}
