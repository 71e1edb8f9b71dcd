// Package analysis is the one pipeline every command runs: it turns the
// paths and flags of a command into one analysed Result per stack — the
// loaded stack, the configuration that applies to it (its .infralint.cue
// with the command's flags laid over it), the capacity model, the cost
// estimate, the findings, and that stack's input errors.
//
// The data flows one way, and each step runs once per stack, only when a
// command asked for what it produces (Want):
//
//	paths ─▶ config ─▶ load + validate (schema) ─▶ capacity ─▶ rightsize ─▶ pricing ─▶ rules
//
// Commands render a Run; they never call the steps themselves. Input
// errors are part of the result (Result.Errors), so a run over many
// stacks reports every error of every stack, in every format; only a bad
// flag or a bad --prices file, which no stack can be analysed without,
// is an error of Analyze itself. docs/pipeline.md states the contracts.
package analysis
