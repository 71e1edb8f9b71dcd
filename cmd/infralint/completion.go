package main

// Shell completion (cobra's 'infralint completion bash|zsh|fish|powershell')
// of what the shell cannot know: rule IDs, formats, severities.

import (
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/analysis"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/rules"
)

// formatsOf are the values each command's --format accepts, keyed by its
// command path; TestCompletionFormats holds them to the flags' help.
var formatsOf = map[string][]string{
	"infralint check":      {"text", "json", "sarif", "markdown", "github"},
	"infralint capacity":   {"text", "json"},
	"infralint cost":       {"text", "json", "markdown"},
	"infralint rules":      {"text", "json"},
	"infralint version":    {"text", "json"},
	"infralint fit usl":    {"text", "json"},
	"infralint fit demand": {"text", "json"},
	"infralint diagram":    diagramFormats,
}

// registerCompletions walks every command and completes the flags it has.
func registerCompletions(c *cobra.Command) {
	f := c.Flags()
	if formats, ok := formatsOf[c.CommandPath()]; ok && f.Lookup("format") != nil {
		_ = c.RegisterFlagCompletionFunc("format", fixedValues(formats))
	}
	if f.Lookup("severity") != nil {
		_ = c.RegisterFlagCompletionFunc("severity", fixedValues([]string{rules.Info.String(), rules.Warning.String(), rules.Error.String()}))
	}
	if f.Lookup(skipFlag) != nil {
		_ = c.RegisterFlagCompletionFunc(skipFlag, completeRuleList)
	}
	if c.CommandPath() == "infralint check" {
		_ = c.RegisterFlagCompletionFunc("output", completeOutput(formatsOf["infralint check"]))
	}
	if f.Lookup("instance-type") != nil {
		_ = c.RegisterFlagCompletionFunc("instance-type", func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return withPrefix(catalog.Default().SizedEC2Types(), toComplete), cobra.ShellCompDirectiveNoFileComp
		})
	}
	if strings.HasPrefix(c.CommandPath(), "infralint fit ") {
		_ = c.RegisterFlagCompletionFunc("output", func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return []cobra.Completion{"svg"}, cobra.ShellCompDirectiveFilterFileExt
		})
	}
	if c.CommandPath() == "infralint explain" {
		c.ValidArgsFunction = func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return ruleIDs("", toComplete), cobra.ShellCompDirectiveNoFileComp
		}
	}
	for _, sub := range c.Commands() {
		registerCompletions(sub)
	}
}

func fixedValues(values []string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return withPrefix(values, toComplete), cobra.ShellCompDirectiveNoFileComp
	}
}

// withPrefix keeps the values that start with what is typed (the shells
// filter too; this keeps the answer short and testable).
func withPrefix(values []string, typed string) []cobra.Completion {
	var out []cobra.Completion
	for _, v := range values {
		if strings.HasPrefix(v, typed) {
			out = append(out, v)
		}
	}
	return out
}

// ruleIDs are the rules' IDs that start with typed (after the list
// already typed, prefix), with its summary for the shells that show one:
// the built-in rules and the policies of the .infralint.cue above the
// working directory (a configuration that does not load, or takes more
// than a second, adds none).
func ruleIDs(prefix, typed string) []cobra.Completion {
	known, _, errs := analysis.KnownRules("", ".", analysis.Limits{Timeout: time.Second, Exceeded: func(*analysis.LimitError) {
		exitProcess(0) // the shell offers nothing; a completion never prints an error
	}})
	if errs != nil {
		known = rules.Registry()
	}
	var out []cobra.Completion
	for _, r := range known {
		if strings.HasPrefix(r.ID, typed) {
			out = append(out, cobra.CompletionWithDesc(prefix+r.ID, r.Summary))
		}
	}
	return out
}

// completeRuleList completes the rule being typed in a RULE,RULE list.
func completeRuleList(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	prefix, typed := "", toComplete
	if i := strings.LastIndexByte(toComplete, ','); i >= 0 {
		prefix, typed = toComplete[:i+1], toComplete[i+1:]
	}
	return ruleIDs(prefix, typed), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

// completeOutput completes -o FORMAT=FILE: the format, then a file name.
func completeOutput(formats []string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if strings.Contains(toComplete, "=") {
			return nil, cobra.ShellCompDirectiveDefault // the shell's own file names
		}
		var out []string
		for _, f := range formats {
			out = append(out, f+"=")
		}
		return withPrefix(out, toComplete), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
}
