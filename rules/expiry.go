package rules

import "time"

var ruleSuppressionExpired = &Rule{
	ID:       "SUP003",
	Name:     "suppression-expired",
	Severity: Warning,
	Summary:  "An @infralint(ignore=...) attribute is past its expires date",
	// An expired suppression must not be able to silence its own expiry.
	Unsuppressible: true,
	Docs: `A suppression may carry expires="YYYY-MM-DD": it silences its findings up to
and including that day. After it, the suppression covers nothing: the
findings it silenced are reported again, and this finding points at the
attribute so that someone decides whether the exception still holds.

Fix: fix the findings and remove the attribute, or review the exception and
move expires to a new date.`,
	Check: func(p *Pass) {
		for _, s := range p.Stack.Source.Suppressions {
			if s.Expired(p.today) {
				p.Report(s.Path, `fix the findings, or review the exception and set a new expires="YYYY-MM-DD"`,
					"suppression of %v expired on %s; it no longer suppresses anything", s.IDs, s.Expires)
			}
		}
	},
}

// today is the date suppressions expire against: Options.Today, or the
// current date when it is unset.
func (o Options) today() time.Time {
	if o.Today.IsZero() {
		return time.Now()
	}
	return o.Today
}
