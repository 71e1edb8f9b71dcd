package diagram

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/schema"
)

// Annotate collects the numbers --annotate draws, from whichever analyses
// are at hand (either may be nil):
//
//   - compute tier: instances in service at peak (and the fleet the peak
//     needs when that differs), worker and CPU utilisation at peak, p99 at peak;
//   - database: CPU utilisation and p99 query response at peak;
//   - every component: monthly cost, "≥" when a price was missing;
//   - the stack: the monthly total, and the date of its prices.
func Annotate(s *schema.Stack, model *capacity.Result, est *pricing.Estimate) *Annotations {
	a := &Annotations{Components: map[string][]string{}}
	add := func(name, line string) { a.Components[name] = append(a.Components[name], line) }
	if model != nil {
		for _, t := range model.Tiers {
			sc := t.Scenario(capacity.ScenarioPeak)
			if sc == nil {
				continue
			}
			inst := humanize.Plural(sc.Instances, "instance") + " at peak"
			if sc.Needed > 0 && sc.Needed != sc.Instances {
				inst += " (needs " + humanize.Count(sc.Needed) + ")"
			}
			add(t.Name, inst)
			line := peakLine(sc)
			if t.EventLoop && !sc.Saturated {
				// An event loop holds no worker per request: its slots' share
				// would read as idle; the requests in flight say more.
				line = "CPU " + humanize.Percent(sc.CPUUtilization) + " · " + humanize.Figure(sc.InFlight) + " in flight · p99 " + humanize.Millis(sc.P99Ms)
			}
			add(t.Name, line)
		}
		for _, d := range model.Databases {
			if sc := d.Scenario(capacity.ScenarioPeak); sc != nil {
				add(d.Name, peakLine(sc))
			}
		}
		for _, c := range model.Caches {
			if c.MemoryBytes > 0 {
				add(c.Name, fmt.Sprintf("data %s of %s memory", gib(c.DataBytes), gib(float64(c.MemoryBytes))))
			}
		}
	}
	if est != nil {
		for _, name := range s.Names() {
			usd, complete := est.Component(name)
			if usd == 0 && complete {
				continue
			}
			add(name, money(usd, complete)+"/month")
		}
		total := money(est.MonthlyUSD, !est.Partial) + "/month"
		if usd, complete := est.Component(pricing.NetworkResource); usd > 0 || !complete {
			total += " (network " + money(usd, complete) + ")"
		}
		a.Stack = append(a.Stack, "total "+total)
		// Dollar amounts age: say when the prices were published (or
		// read), as the cost table's attribution line does.
		if dates, _, _ := strings.Cut(est.Attribution, "; sources: "); dates != "" {
			a.Stack = append(a.Stack, dates)
		}
	}
	return a
}

// peakLine is "CPU 45% · workers 30% · p99 38 ms" for one scenario.
func peakLine(sc *capacity.Scenario) string {
	if sc.Saturated {
		l := "saturated at peak"
		if sc.Bottleneck != "" {
			l += " (" + sc.Bottleneck + ")"
		}
		return l
	}
	l := "CPU " + humanize.Percent(sc.CPUUtilization)
	if sc.WorkerUtilization > 0 {
		l += " · workers " + humanize.Percent(sc.WorkerUtilization)
	}
	return l + " · p99 " + humanize.Millis(sc.P99Ms)
}

func gib(b float64) string {
	g := b / (1 << 30)
	if g < 10 {
		return strconv.FormatFloat(g, 'f', 1, 64) + " GiB"
	}
	return strconv.Itoa(int(math.Round(g))) + " GiB"
}

// money is "$1,234": whole dollars keep a label short; "≥ $1,234" when a
// price is missing.
func money(usd float64, complete bool) string {
	if !complete {
		return "≥ " + humanize.USDRounded(usd, 0)
	}
	return humanize.USDRounded(usd, 0)
}
