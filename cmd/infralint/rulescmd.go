package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/render"
	"github.com/infralint/infralint/rules"
)

func newRulesCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List every rule with its severity, the analyses it needs and its summary",
		Long: `List every rule with its severity, its summary and what it needs beyond
the stack: "capacity" (the queueing model) or "cost" (the monthly estimate).
A rule whose input was not computed is skipped.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			switch format {
			case "text":
				return render.RulesText(cmd.OutOrStdout(), rules.Registry())
			case "json":
				return render.RulesJSON(cmd.OutOrStdout(), rules.Registry())
			}
			return badInput("--format: unknown format %q; use text or json", format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return cmd
}

func newExplainCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "explain RULE-ID",
		Short: "Print a rule's documentation: why it matters and how to fix it",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id := strings.ToUpper(strings.TrimSpace(args[0]))
			r, ok := rules.Lookup(id)
			if !ok {
				return badInput("unknown rule %q; run 'infralint rules' for the list", args[0])
			}
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "%s %s (%s)\n%s\n\n%s\n\nMore: %s\n", r.ID, r.Name, r.Severity, r.Summary, r.Docs, r.DocsURL())
			return err
		},
	}
}
