// Package rules holds infralint's checks. A rule is one declared value with
// its metadata; the engine runs the registered list over an analysed stack.
package rules

import (
	"fmt"
	"regexp"
	"time"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/rightsize"
	"github.com/infralint/infralint/schema"
)

// Rule is one check and everything a user reads about it.
type Rule struct {
	ID       string // family prefix and three digits, e.g. LB001
	Name     string // kebab-case title shown beside the ID
	Severity Severity
	Summary  string // one line
	Docs     string // why it matters and how to fix it
	// Requires lists the inputs the check reads beyond the stack. The
	// engine skips the rule, and says why in Result.Skipped, when one of
	// them is nil, so a check never tests for it.
	Requires []Need
	Check    func(*Pass)
	// Unsuppressible marks a rule whose findings are about suppressions
	// themselves (SUP001, SUP002). No @infralint attribute silences them,
	// or a reasonless suppression could silence its own complaint; the
	// test harness checks that instead of a suppressed case.
	Unsuppressible bool
	// URL is the page a policy's author gave for it; "" for a built-in
	// rule, whose page is generated (DocsURL).
	URL string
	// Source is where an organisation policy is declared in its
	// .infralint.cue; zero for a built-in rule.
	Source schema.Position
}

// IsPolicy reports whether the rule is an organisation policy rather than
// one of infralint's own.
func (r *Rule) IsPolicy() bool { return r.Source.File != "" }

var idPattern = regexp.MustCompile(`^[A-Z]+[0-9]{3}$`)

// Input is everything the rules read. Rules never re-parse CUE.
type Input struct {
	Stack *schema.Stack
	// Capacity is the stack's queueing model; nil when it was not
	// computed, and then the rules requiring NeedCapacity are skipped.
	Capacity *capacity.Result
	// Cost is the stack's monthly estimate; nil when it was not computed,
	// and then the rules requiring NeedCost are skipped.
	Cost *pricing.Estimate
	// Catalog is the price snapshot the estimate used (with a user price
	// file merged in); nil means the embedded snapshot.
	Catalog *catalog.Catalog
	// RightSizing holds the cheaper instance types of each tier
	// (rightsize.Plan with Alternatives); nil when they were not
	// computed, and then COST002 reports nothing.
	RightSizing *rightsize.Result
	// NotComputed says why Capacity, Cost and RightSizing are nil when the
	// stack cannot have them (read from Terraform without its workload):
	// the skipped rules give it as their reason.
	NotComputed string
}

// Pass is one rule's view of one run.
type Pass struct {
	*Input
	rule     *Rule
	registry []*Rule
	findings []Finding
	today    time.Time // the run's date, against which suppressions expire

	cacheHitFloor  float64 // see Options.CacheHitFloor
	costWarningUSD float64 // see Options.CostWarningUSD
}

// knownRule reports whether id names a registered rule.
func (p *Pass) knownRule(id string) bool {
	for _, r := range p.registry {
		if r.ID == id {
			return true
		}
	}
	return false
}

// Report records a finding about the field at path (see schema.Path).
func (p *Pass) Report(path, fix, format string, args ...any) {
	p.findings = append(p.findings, Finding{
		RuleID:   p.rule.ID,
		RuleName: p.rule.Name,
		Severity: p.rule.Severity,
		Message:  fmt.Sprintf(format, args...),
		Fix:      fix,
		Path:     path,
		Pos:      p.Stack.Pos(path),
	})
}

// ReportSaving is Report for a finding that saves savingUSD a month: a
// warning from Options.CostWarningUSD up, info below, so that of two
// findings the bigger saving is never the milder one. A negative saving
// means unknown (a price is missing) and reports at the rule's severity.
func (p *Pass) ReportSaving(savingUSD float64, path, fix, format string, args ...any) {
	p.Report(path, fix, format, args...)
	f := &p.findings[len(p.findings)-1]
	switch {
	case savingUSD < 0:
	case savingUSD >= p.costWarningUSD:
		f.Severity = Warning
	default:
		f.Severity = Info
	}
}

// Finding is one reported problem.
type Finding struct {
	RuleID   string          `json:"rule"`
	RuleName string          `json:"name"`
	Severity Severity        `json:"severity"`
	Message  string          `json:"message"`
	Fix      string          `json:"fix,omitempty"`
	Path     string          `json:"path"`
	Pos      schema.Position `json:"position"`
	// SuppressedBy is the suppression's reason when one covers the finding.
	Suppressed   bool   `json:"suppressed,omitempty"`
	SuppressedBy string `json:"suppressed_reason,omitempty"`
}

func componentPath(name string, rest ...any) string {
	return schema.Path(append([]any{"components", name}, rest...)...)
}
