package rules

import (
	"fmt"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/schema"
)

// The rules in this file read Input.Capacity (the queueing model, see
// package capacity) and so require NeedCapacity.

// busiest names the more utilised resource of a tier's scenario. An event
// loop's "worker" utilisation is that of its in-flight slots (processes ×
// concurrency): it has no workers.
func busiest(t *capacity.Tier, sc *capacity.Scenario) (string, float64) {
	if sc.CPUUtilization > sc.WorkerUtilization {
		return "CPU", sc.CPUUtilization
	}
	if t.EventLoop {
		return "in-flight slot", sc.WorkerUtilization
	}
	return "worker", sc.WorkerUtilization
}

func bottleneckWords(t *capacity.Tier, b string) string {
	switch {
	case b == capacity.BottleneckCPU:
		return "CPUs"
	case b == capacity.BottleneckWorkers && t.EventLoop:
		return "in-flight slots"
	}
	return b
}

func neededText(n int) string {
	if n == 0 {
		return "no instance count meets the utilisation target and the SLO"
	}
	return humanize.Plural(n, "instance") + " would meet them"
}

// withAZLost is the fleet a fix should name when the peak needs needed
// instances: enough that the survivors of a lost AZ hold it too, or CAP003
// reports what the fix left (0 stays 0: no fleet holds the peak).
func withAZLost(t *capacity.Tier, needed int) int {
	lost := t.Scenario(capacity.ScenarioAZLost)
	if needed == 0 || t.AZs < 2 || lost == nil || lost.Needed <= needed {
		return needed
	}
	return lost.Needed
}

// objectiveName names the p99 objective tier t is held to: "the 300 ms
// SLO", or a jobs tier's "its 60 s job deadline".
func objectiveName(t *capacity.Tier, sloMs float64) string {
	if t.Serves == string(schema.ServesJobs) {
		return "its " + humanize.Millis(t.ObjectiveMs(sloMs)) + " job deadline"
	}
	return "the " + humanize.Millis(sloMs) + " SLO"
}

// verdictClause says what a tier does in a scenario, as the end of "the
// tier ...": a verdict is a table cell ("SLO missed"), not a predicate.
func verdictClause(v capacity.Verdict) string {
	switch v {
	case capacity.VerdictSaturated:
		return "saturates"
	case capacity.VerdictSLOMissed:
		return "misses the SLO"
	case capacity.VerdictOverTarget:
		return "runs above the utilisation target"
	}
	return "holds"
}

var ruleCapPeakUtilization = &Rule{
	ID:       "CAP001",
	Name:     "peak-utilization-above-target",
	Severity: Warning,
	Requires: []Need{NeedCapacity},
	Summary:  "A fixed-size tier or a database runs above the utilisation target at peak",
	Docs: `The capacity model (infralint capacity) puts each instance's workers and
CPUs, and each database's CPUs, through a queueing model at the workload's
peak. Above the target utilisation (default 70 %) waits grow steeply, and
at 100 % the queue has no steady state: requests pile up until they time
out. A fixed-size tier cannot grow out of it; an autoscaling tier is
reported by ASG004 instead, and a tier stalled by its database or by a
tier it calls is reported at that database or tier.

Fix: add instances or a larger instance type (see the NEEDED column of
infralint capacity), cut per-request work, or give the database a larger
class or a cache in front of it.`,
	Check: func(p *Pass) {
		target := p.Capacity.TargetUtilization
		for _, t := range p.Capacity.Tiers {
			sc := t.Scenario(capacity.ScenarioPeak)
			if t.Autoscaling || sc == nil || sc.Bottleneck == capacity.BottleneckDatabase || sc.Bottleneck == capacity.BottleneckCalledTier {
				continue
			}
			res, u := busiest(t, sc)
			if !sc.Saturated && u <= target {
				continue
			}
			what := fmt.Sprintf("%s utilisation %s is above the %s target", res, humanize.Percent(u), humanize.Percent(target))
			if sc.Saturated {
				what = fmt.Sprintf("its %s saturate (utilisation %s): requests queue without bound", bottleneckWords(t, sc.Bottleneck), humanize.Percent(max(u, 1)))
			}
			fix := "add instances or use a larger instance type"
			if n := withAZLost(t, sc.Needed); n > sc.Needed {
				fix = fmt.Sprintf("run %s (%d hold the peak, %d also with one AZ lost), or use a larger instance type", humanize.Plural(n, "instance"), sc.Needed, n)
			}
			if sc.Needed == 0 {
				// More of the same instances do not help: say what does.
				fix = "use a larger instance type, or cut per-request work"
			}
			p.Report(componentPath(t.Name, "count"), fix,
				"at peak (%s rps over %s), tier %q: %s; %s", humanize.Figure(sc.RPS), humanize.Plural(sc.Instances, "instance"), t.Name, what, neededText(sc.Needed))
		}
		for _, d := range p.Capacity.Databases {
			sc := d.Scenario(capacity.ScenarioPeak)
			if sc == nil || (!sc.Saturated && sc.CPUUtilization <= target) {
				continue
			}
			where := componentPath(d.Name, "instance_class")
			on := "its " + humanize.Plural(d.VCPU, "vCPU")
			if d.HostedBy != "" {
				where = componentPath(d.Name)
				on = fmt.Sprintf("the %s it shares with %q", humanize.Plural(d.VCPU, "vCPU"), d.HostedBy)
			}
			state := "above the " + humanize.Percent(target) + " target"
			if sc.Saturated {
				state = "saturated: queries queue without bound"
			}
			p.Report(where, "use a larger class, cache reads, or cut queries per request",
				"at peak, database %q serves %s queries/s of %s on %s: CPU utilisation %s, %s",
				d.Name, humanize.Figure(sc.RPS), humanize.Millis(d.QueryMs), on, humanize.Percent(sc.CPUUtilization), state)
		}
	},
}

var ruleCapSLO = &Rule{
	ID:       "CAP002",
	Name:     "p99-above-slo",
	Severity: Warning,
	Requires: []Need{NeedCapacity},
	Summary:  "The modelled p99 response time at peak is above the SLO",
	Docs: `The p99 response time of a tier comes from its worker queue: the service
time (CPU, waits, database and cache calls, stretched by lock contention)
plus the queueing delay at peak load. When it exceeds workload.slo_p99_ms,
one request in a hundred is slower than promised even though the tier is
not saturated (a saturated tier is reported by CAP001 or ASG004). A jobs
tier (serves: "jobs") is held to its own jobs.deadline_ms instead, and to
nothing but utilisation when it sets none: jobs are not HTTP requests.

Fix: run the instance count the finding (and the NEEDED column) gives;
when no count meets the SLO, the service time itself is too long: cut calls
per request, cache them, or lower contention.`,
	Check: func(p *Pass) {
		for _, t := range p.Capacity.Tiers {
			sc := t.Scenario(capacity.ScenarioPeak)
			objective := t.ObjectiveMs(p.Capacity.SLOp99ms)
			if sc == nil || sc.Saturated || sc.P99Ms <= objective {
				continue
			}
			// The SLO, not the utilisation target, is what this rule is
			// about: a tier can miss it while nearly idle.
			fix := fmt.Sprintf("run %s", humanize.Plural(sc.Needed, "instance"))
			if n := withAZLost(t, sc.Needed); n > sc.Needed {
				fix = fmt.Sprintf("run %s (%d meet the SLO at peak, %d also with one AZ lost)", humanize.Plural(n, "instance"), sc.Needed, n)
			}
			needed := humanize.Plural(sc.Needed, "instance") + " would meet it"
			if sc.Needed == 0 {
				unit := "per-request"
				if t.Serves == string(schema.ServesJobs) {
					unit = "per-job"
				}
				fix = "shorten the " + unit + " work: fewer or cached calls, less waiting, less contention"
				if unit == "per-job" {
					fix += "; or set a deadline the jobs can meet (jobs.deadline_ms)"
				}
				// More instances shorten only the queue; what is left is the
				// work (calls, waits, contention), which the mean shows.
				needed = "no instance count meets it: the " + unit + " work itself is too long"
			}
			p.Report(componentPath(t.Name), fix,
				"tier %q: modelled p99 at peak is %s (mean %s), above %s; %s",
				t.Name, humanize.Millis(sc.P99Ms), humanize.Millis(sc.MeanMs), objectiveName(t, p.Capacity.SLOp99ms), needed)
		}
	},
}

var ruleCapAZLost = &Rule{
	ID:       "CAP003",
	Name:     "overload-with-one-az-lost",
	Severity: Warning,
	Requires: []Need{NeedCapacity},
	Summary:  "A tier that holds its peak is overloaded when one AZ is lost",
	Docs: `Losing an availability zone removes its share of a tier's instances,
n·(1 − 1/AZs) rounded down stay, while the load stays the same until the
autoscaler (if any) replaces them, which takes minutes. A tier sized for
the peak with no headroom saturates or misses its SLO in that window.
A tier in a single AZ, or with too few instances to keep one, is down
rather than overloaded; ASG002 and LB003 report that.

Fix: keep enough instances that the survivors hold the peak (the NEEDED
column of the az_lost row), or spread over more AZs.`,
	Check: func(p *Pass) {
		for _, t := range p.Capacity.Tiers {
			peak, lost := t.Scenario(capacity.ScenarioPeak), t.Scenario(capacity.ScenarioAZLost)
			if peak == nil || lost == nil || t.AZs < 2 || lost.Instances < 1 ||
				lost.Verdict.Rank() < capacity.VerdictSLOMissed.Rank() || peak.Verdict.Rank() >= capacity.VerdictSLOMissed.Rank() {
				continue
			}
			fix := "run more instances, or spread over more AZs"
			if lost.Needed > 0 {
				fix = fmt.Sprintf("run %s, or spread over more AZs", humanize.Plural(lost.Needed, "instance"))
			}
			p.Report(componentPath(t.Name), fix,
				"tier %q: with one of %d AZs lost, %d of %s remain at peak and the tier %s; %s",
				t.Name, t.AZs, lost.Instances, humanize.Plural(peak.Instances, "instance"), verdictClause(lost.Verdict), fleetNeeded(lost.Needed))
		}
	},
}

var ruleCapUSLPeak = &Rule{
	ID:       "CAP004",
	Name:     "workers-past-usl-peak",
	Severity: Warning,
	Requires: []Need{NeedCapacity},
	Summary:  "An instance runs more workers than the contention model's peak",
	Docs: `With lock contention (sigma) and coherency cost (kappa) among the workers of
one instance, the Universal Scalability Law gives its throughput
X(N) = N / (1 + sigma(N − 1) + kappa·N(N − 1)), which peaks at
N* = sqrt((1 − sigma)/kappa). Past N*, every added worker lowers the
throughput of all of them: the extra threads only add contention.

Fix: lower processes × threads to N* (and add instances instead), or
remove the shared lock.`,
	Check: func(p *Pass) {
		for _, t := range p.Capacity.Tiers {
			if t.USLPeakWorkers == 0 || t.Workers <= t.USLPeakWorkers {
				continue
			}
			// An event loop's contention is among its processes.
			noun := "worker"
			if t.EventLoop {
				noun = "event-loop process"
			}
			p.Report(componentPath(t.Name, "workers"), fmt.Sprintf("run at most %s per instance", humanize.Plural(t.USLPeakWorkers, noun)),
				"tier %q runs %s per instance, past the USL peak of %d: they deliver %s %ss' throughput, where %d would deliver %s",
				t.Name, humanize.Plural(t.Workers, noun), t.USLPeakWorkers, humanize.Figure(float64(t.Workers)*t.Efficiency), noun, t.USLPeakWorkers, humanize.Figure(t.USLPeakThroughput))
		}
	},
}
