package main

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/render"
)

// The cost gates compare whole cents, rounded as the tables print them
// (humanize.Cents), and print exactly the cents they compared: a total
// printed as $8,616.11 is never "above 8616.11".

// costLimit is --max-monthly-cost: at most cents a month.
type costLimit struct{ cents int64 }

func parseMaxCost(s string) (*costLimit, error) {
	if s == "" {
		return nil, nil
	}
	c, ok := parseUSD(s)
	if !ok {
		return nil, badInput("--max-monthly-cost: %q is not a finite, non-negative amount in USD", s)
	}
	return &costLimit{cents: c}, nil
}

// parseUSD reads a non-negative dollar amount ("2000", "$1,250.50") in
// cents; NaN and infinities are refused, since NaN compares false with
// every cost and would switch a gate off.
func parseUSD(s string) (int64, bool) {
	s = strings.ReplaceAll(strings.TrimPrefix(strings.TrimSpace(s), "$"), ",", "")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0 {
		return 0, false
	}
	return humanize.Cents(v)
}

// increaseLimit is --max-increase: an amount (cents) or a percentage of
// the old total (percent, with isPercent).
type increaseLimit struct {
	cents     int64
	percent   float64
	isPercent bool
	text      string // as given, for messages
}

func parseMaxIncrease(s string) (*increaseLimit, error) {
	if s == "" {
		return nil, nil
	}
	bad := badInput("--max-increase: %q is neither an amount in USD (50, $50) nor a percentage (10%%)", s)
	if p, ok := strings.CutSuffix(strings.TrimSpace(s), "%"); ok {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || v > 1e6 {
			return nil, bad
		}
		return &increaseLimit{percent: v, isPercent: true, text: strconv.FormatFloat(v, 'f', -1, 64) + "%"}, nil
	}
	c, ok := parseUSD(s)
	if !ok {
		return nil, bad
	}
	return &increaseLimit{cents: c, text: humanize.USD(humanize.FromCents(c))}, nil
}

// allowed is the increase the limit allows over an old total of old
// cents. A percentage is rounded down to the cent, so that the gate never
// passes an increase above the percentage.
func (l *increaseLimit) allowed(old int64) int64 {
	if !l.isPercent {
		return l.cents
	}
	return int64(math.Floor(float64(old)*l.percent/100 + 1e-9))
}

// describe is the limit as a message quotes it: "$50.00", or "5% ($11.85
// of $237.01)" with the amount it came to.
func (l *increaseLimit) describe(old int64) string {
	if !l.isPercent {
		return l.text
	}
	return fmt.Sprintf("%s (%s of %s)", l.text, usdCents(l.allowed(old)), usdCents(old))
}

func usdCents(c int64) string { return humanize.USD(humanize.FromCents(c)) }

// totalCents is an estimate's total in cents (false: no cent figure, a
// total beyond any bill).
func totalCents(e *pricing.Estimate) (int64, bool) { return humanize.Cents(e.MonthlyUSD) }

// gateFailed ends a run a gate failed, after its messages.
var gateFailed = &exitError{code: exitFindings}

// checkMaxCost fails when a stack costs more than the limit, or when its
// total is partial and so cannot be shown to be within it.
func checkMaxCost(w io.Writer, es []*pricing.Estimate, l *costLimit) bool {
	ok := true
	for _, e := range es {
		c, finite := totalCents(e)
		switch {
		case !finite || c > l.cents:
			// A partial total is a lower bound: already above the limit.
			atLeast := ""
			if e.Partial {
				atLeast = "at least "
			}
			fmt.Fprintf(w, "infralint: %s costs %s%s a month, above --max-monthly-cost %s\n", e.Stack, atLeast, humanize.USD(e.MonthlyUSD), usdCents(l.cents))
			// humanize.USD prints the cents compared (humanize.Cents).
			ok = false
		case e.Partial:
			fmt.Fprintf(w, "infralint: %s: the total is partial (no price for %s), so it cannot be shown to be within --max-monthly-cost %s; supply the prices with --prices\n",
				e.Stack, humanize.Plural(len(e.Missing), "item"), usdCents(l.cents))
			ok = false
		}
	}
	return ok
}

// oldTotal is what a stack cost before: --compare's old stack, or its
// entry in a --baseline file.
type oldTotal struct {
	cents   int64
	partial bool
	from    string // "old.cue", "baseline.json"
}

// checkIncrease fails when a stack's total rose from old by more than the
// limit, or cannot be shown not to have: the new total is partial (a
// lower bound), or the old one is partial and the increase over its lower
// bound, an upper bound of the real one, is above the limit.
func checkIncrease(w io.Writer, e *pricing.Estimate, old oldTotal, l *increaseLimit) bool {
	c, finite := totalCents(e)
	if !finite {
		fmt.Fprintf(w, "infralint: %s costs %s a month, above any --max-increase\n", e.Stack, humanize.USD(e.MonthlyUSD))
		return false
	}
	if e.Partial {
		fmt.Fprintf(w, "infralint: %s: the total is partial (no price for %s), so its increase over %s (%s) cannot be shown to be within --max-increase %s; supply the prices with --prices\n",
			e.Stack, humanize.Plural(len(e.Missing), "item"), usdCents(old.cents), old.from, l.describe(old.cents))
		return false
	}
	rise, allowed := c-old.cents, l.allowed(old.cents)
	if rise <= allowed {
		return true
	}
	if old.partial {
		fmt.Fprintf(w, "infralint: %s costs %s a month; the old total, %s (%s), is partial, so the increase is at most %s and cannot be shown to be within --max-increase %s; supply the old stack's prices with --prices\n",
			e.Stack, usdCents(c), usdCents(old.cents), old.from, usdCents(rise), l.describe(old.cents))
		return false
	}
	fmt.Fprintf(w, "infralint: %s costs %s a month, %s more than %s (%s), above --max-increase %s\n",
		e.Stack, usdCents(c), usdCents(rise), usdCents(old.cents), old.from, l.describe(old.cents))
	return false
}

// runCostGates applies the gates given to the stacks es: olds holds
// --compare's old total (for es[0]), base the --baseline file.
func runCostGates(w io.Writer, es []*pricing.Estimate, olds []oldTotal, base *costBaseline, limit *costLimit, inc *increaseLimit, dir string) error {
	ok := true
	if limit != nil {
		ok = checkMaxCost(w, es, limit)
	}
	if inc != nil {
		for i, e := range es {
			var old oldTotal
			found := false
			switch {
			case base != nil:
				old, found = base.old(e, len(es), dir)
			case i < len(olds):
				old, found = olds[i], true
			}
			if !found {
				fmt.Fprintf(w, "infralint: %s: no estimate of this stack in --baseline %s (by file %s or by name), so its increase is unknown\n",
					e.Stack, base.file, render.RelPath(e.File, dir))
				ok = false
				continue
			}
			ok = checkIncrease(w, e, old, inc) && ok
		}
	}
	if !ok {
		return gateFailed
	}
	return nil
}
