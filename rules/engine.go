package rules

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// Options change how a run treats the rules.
type Options struct {
	// Disabled rule IDs are not run.
	Disabled map[string]bool
	// Severities overrides a rule's default severity.
	Severities map[string]Severity
	// Today is the date suppressions expire against; zero means now.
	Today time.Time
	// NoInlineIgnores refuses every @infralint(ignore=...) in the files:
	// the findings they cover are reported as unsuppressed.
	NoInlineIgnores bool
	// CacheHitFloor is the modelled hit ratio below which a cached data set
	// does not pay for its memory (CACHE001); zero means the default 0.5.
	CacheHitFloor float64
	// CostWarningUSD is the monthly saving from which a COST finding is a
	// warning rather than info; zero means the default $250.
	CostWarningUSD float64
	// Policies are the organisation's rules (FromPolicy) of the stack's
	// .infralint.cue, run after the built-in ones and known to SUP002.
	Policies []*Rule
}

// Result holds a run's findings in a stable order; suppressed ones are
// kept apart so that reports can count them.
type Result struct {
	Findings   []Finding
	Suppressed []Finding
	// Skipped lists, in rule order, the enabled rules that did not run
	// because an input they require was nil (see Rule.Requires).
	Skipped []Skip
	// Rules are the rules the run knew, built-in and policies, in order:
	// what SARIF lists and the report explains.
	Rules []*Rule `json:"-"`
}

// Run applies every registered rule to the input.
func Run(in *Input, opts Options) Result {
	return run(append(Registry(), opts.Policies...), in, opts)
}

// run applies the rules of registry, which also answers SUP002's
// question of which IDs exist.
func run(registry []*Rule, in *Input, opts Options) Result {
	var all []Finding
	var skipped []Skip
	unsuppressible := map[string]bool{}
	for _, r := range registry {
		if opts.Disabled[r.ID] {
			continue
		}
		if why := skipReason(r, in); why != "" {
			skipped = append(skipped, Skip{RuleID: r.ID, Reason: why})
			continue
		}
		if r.Unsuppressible {
			unsuppressible[r.ID] = true
		}
		p := &Pass{Input: in, rule: r, registry: registry, today: opts.today(), cacheHitFloor: opts.cacheHitFloor(), costWarningUSD: opts.costWarningUSD()}
		r.Check(p)
		for i := range p.findings {
			if sev, ok := opts.Severities[r.ID]; ok {
				p.findings[i].Severity = sev
			}
		}
		all = append(all, p.findings...)
	}
	res := Result{Skipped: skipped, Rules: registry}
	for _, f := range all {
		if unsuppressible[f.RuleID] {
			res.Findings = append(res.Findings, f)
			continue
		}
		if s := suppressionFor(in, f, opts); s != "" {
			f.Suppressed, f.SuppressedBy = true, s
			res.Suppressed = append(res.Suppressed, f)
			continue
		}
		res.Findings = append(res.Findings, f)
	}
	Sort(res.Findings)
	Sort(res.Suppressed)
	return res
}

// suppressionFor returns the reason of a suppression covering f, or ""
// when none does. Run never asks about an Unsuppressible rule's findings.
// An expired suppression covers nothing (SUP003 says so), and with
// NoInlineIgnores no suppression does.
func suppressionFor(in *Input, f Finding, opts Options) string {
	if opts.NoInlineIgnores {
		return ""
	}
	today := opts.today()
	for _, s := range in.Stack.Source.Suppressions {
		if s.Covers(f.RuleID, f.Path) && !s.Expired(today) {
			if strings.TrimSpace(s.Reason) == "" {
				return "(no reason given)"
			}
			return s.Reason
		}
	}
	return ""
}

// Sort orders findings by file position, then rule, then message.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Column != b.Pos.Column {
			return a.Pos.Column < b.Pos.Column
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		return a.Message < b.Message
	})
}

// Lookup finds a registered rule by ID.
func Lookup(id string) (*Rule, bool) { return Find(Registry(), id) }

// Find returns the rule of rs with the ID id: a registry with the
// organisation's policies, say.
func Find(rs []*Rule, id string) (*Rule, bool) {
	for _, r := range rs {
		if r.ID == id {
			return r, true
		}
	}
	return nil, false
}

// Family is a rule ID's prefix: CACHE for CACHE001.
func Family(id string) string { return strings.TrimRight(id, "0123456789") }

// Families are the ID prefixes of the built-in rules (ARCH, ASG, ...),
// which an organisation policy may not use.
func Families() []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range Registry() {
		f := Family(r.ID)
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}

// validate checks the registry's metadata; a test calls it.
func validate(rs []*Rule) error {
	seen := map[string]bool{}
	for _, r := range rs {
		switch {
		case !idPattern.MatchString(r.ID):
			return fmt.Errorf("rule %q: ID must be a family prefix and three digits", r.ID)
		case seen[r.ID]:
			return fmt.Errorf("rule %s registered twice", r.ID)
		case r.Name == "" || r.Summary == "" || r.Docs == "":
			return fmt.Errorf("rule %s: name, summary and docs are required", r.ID)
		case r.Severity < Info || r.Severity > Error:
			return fmt.Errorf("rule %s: bad severity", r.ID)
		case r.Check == nil:
			return fmt.Errorf("rule %s: no check", r.ID)
		}
		for i, n := range r.Requires {
			if !slices.Contains(allNeeds, n) || slices.Contains(r.Requires[:i], n) {
				return fmt.Errorf("rule %s: Requires has %v twice or an unknown need", r.ID, n)
			}
		}
		seen[r.ID] = true
	}
	return nil
}

func (o Options) cacheHitFloor() float64 {
	if o.CacheHitFloor > 0 {
		return o.CacheHitFloor
	}
	return defaultCacheHitFloor
}

func (o Options) costWarningUSD() float64 {
	if o.CostWarningUSD > 0 {
		return o.CostWarningUSD
	}
	return defaultCostWarningUSD
}

// today is the date suppressions expire against: Options.Today, or the
// current date when it is unset.
func (o Options) today() time.Time {
	if o.Today.IsZero() {
		return time.Now()
	}
	return o.Today
}
