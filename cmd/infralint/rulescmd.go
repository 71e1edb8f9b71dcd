package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/render"
	"github.com/infralint/infralint/rules"
)

func newRulesCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "rules",
		Short: "List every rule with its severity and summary",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return render.RulesText(cmd.OutOrStdout(), rules.Registry())
		},
	}
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
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "%s %s (%s)\n%s\n\n%s\n", r.ID, r.Name, r.Severity, r.Summary, r.Docs)
			return err
		},
	}
}
