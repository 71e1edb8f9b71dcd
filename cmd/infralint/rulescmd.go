package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/analysis"
	"github.com/infralint/infralint/render"
	"github.com/infralint/infralint/rules"
)

// configFlag names the .infralint.cue whose policies `rules` and
// `explain` list with the built-in rules.
const configFlag = "config"

// knownRules are the built-in rules and the policies of --config, or of
// the .infralint.cue above the working directory.
func knownRules(cmd *cobra.Command) ([]*rules.Rule, error) {
	dir := workingDir()
	limits, err := limitsOf(cmd, dir)
	if err != nil {
		return nil, err
	}
	file, _ := cmd.Flags().GetString(configFlag)
	rs, _, errs := analysis.KnownRules(file, ".", limits)
	if errs != nil {
		printInputErrors(cmd, errs, dir)
		return nil, errBadInput
	}
	return rs, nil
}

func addConfigFlag(cmd *cobra.Command) {
	cmd.Flags().String(configFlag, "", "the .infralint.cue whose policies to include (default: the one above the working directory)")
}

func newRulesCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List every rule with its severity, the analyses it needs and its summary",
		Long: `List every rule with its severity, its summary and what it needs beyond
the stack: "capacity" (the queueing model) or "cost" (the monthly estimate).
A rule whose input was not computed is skipped. The organisation policies
of the .infralint.cue above the working directory (or of --config) follow
the built-in rules.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "text" && format != "json" {
				return badInput("--format: unknown format %q; use text or json", format)
			}
			rs, err := knownRules(cmd)
			if err != nil {
				return err
			}
			if format == "json" {
				return render.RulesJSON(cmd.OutOrStdout(), rs)
			}
			return render.RulesText(cmd.OutOrStdout(), rs)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	addConfigFlag(cmd)
	return cmd
}

func newExplainCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "explain RULE-ID",
		Short: "Print a rule's documentation: why it matters and how to fix it",
		Long: `Print a rule's documentation: why it matters and how to fix it. An
organisation policy of the .infralint.cue above the working directory (or
of --config) is explained from its own docs.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			rs, err := knownRules(cmd)
			if err != nil {
				return err
			}
			if r, ok := rules.Find(rs, strings.ToUpper(strings.TrimSpace(args[0]))); ok {
				return explain(cmd.OutOrStdout(), r)
			}
			return badInput("unknown rule %q; run 'infralint rules' for the list", args[0])
		},
	}
	addConfigFlag(cmd)
	return cmd
}

// explain prints one rule: its header, summary, docs and where to read
// more; a policy says where it is declared.
func explain(w io.Writer, r *rules.Rule) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s (%s)\n%s\n", r.ID, r.Name, r.Severity, r.Summary)
	if r.Docs != "" {
		fmt.Fprintf(&b, "\n%s\n", r.Docs)
	}
	if r.IsPolicy() {
		fmt.Fprintf(&b, "\nAn organisation policy, declared at %s.\n", r.Source)
	}
	if u := r.DocsURL(); u != "" {
		fmt.Fprintf(&b, "\nMore: %s\n", u)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
