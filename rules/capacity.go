package rules

import (
	"fmt"

	"github.com/infralint/infralint/capacity"
)

// The rules in this file read Input.Capacity (the queueing model, see
// package capacity) and report nothing when it is nil.

// defaultCacheHitFloor is the hit ratio below which a cache does not pay
// for its memory (DESIGN.md §4); .infralint.cue's thresholds.cache_hit_floor
// changes it.
const defaultCacheHitFloor = 0.5

// readHeavyShare is the workload read share from which a data set counts
// as read-heavy for CACHE002.
const readHeavyShare = 0.7

func pct(x float64) string { return fmt.Sprintf("%.0f%%", x*100) }

// busiest names the more utilised resource of a scenario.
func busiest(sc *capacity.Scenario) (string, float64) {
	if sc.CPUUtilization > sc.WorkerUtilization {
		return "CPU", sc.CPUUtilization
	}
	return "worker", sc.WorkerUtilization
}

func bottleneckWords(b string) string {
	if b == capacity.BottleneckCPU {
		return "CPUs"
	}
	return b
}

func neededText(n int) string {
	if n == 0 {
		return "no instance count meets the utilisation target and the SLO"
	}
	return fmt.Sprintf("%d instance(s) would meet them", n)
}

var ruleCapPeakUtilization = &Rule{
	ID:       "CAP001",
	Name:     "peak-utilization-above-target",
	Severity: Warning,
	Summary:  "A fixed-size tier or a database runs above the utilisation target at peak",
	Docs: `The capacity model (infralint capacity) puts each instance's workers and
CPUs, and each database's CPUs, through a queueing model at the workload's
peak. Above the target utilisation (default 70 %) waits grow steeply, and
at 100 % the queue has no steady state: requests pile up until they time
out. A fixed-size tier cannot grow out of it; an autoscaling tier is
reported by ASG004 instead, and a tier stalled by its database is reported
at the database.

Fix: add instances or a larger instance type (see the NEEDED column of
infralint capacity), cut per-request work, or give the database a larger
class or a cache in front of it.`,
	Check: func(p *Pass) {
		if p.Capacity == nil {
			return
		}
		target := p.Capacity.TargetUtilization
		for _, t := range p.Capacity.Tiers {
			sc := t.Scenario(capacity.ScenarioPeak)
			if t.Autoscaling || sc == nil || sc.Bottleneck == capacity.BottleneckDatabase {
				continue
			}
			res, u := busiest(sc)
			if !sc.Saturated && u <= target {
				continue
			}
			what := fmt.Sprintf("%s utilisation %s is above the %s target", res, pct(u), pct(target))
			if sc.Saturated {
				what = fmt.Sprintf("its %s saturate (utilisation %s): requests queue without bound", bottleneckWords(sc.Bottleneck), pct(max(u, 1)))
			}
			p.Report(componentPath(t.Name, "count"), "add instances or use a larger instance type",
				"at peak (%s rps over %d instance(s)), tier %q: %s; %s", num(sc.RPS), sc.Instances, t.Name, what, neededText(sc.Needed))
		}
		for _, d := range p.Capacity.Databases {
			sc := d.Scenario(capacity.ScenarioPeak)
			if sc == nil || (!sc.Saturated && sc.CPUUtilization <= target) {
				continue
			}
			where := componentPath(d.Name, "instance_class")
			on := "its " + fmt.Sprint(d.VCPU) + " vCPU(s)"
			if d.HostedBy != "" {
				where = componentPath(d.Name)
				on = fmt.Sprintf("the %d vCPU(s) it shares with %q", d.VCPU, d.HostedBy)
			}
			state := "above the " + pct(target) + " target"
			if sc.Saturated {
				state = "saturated: queries queue without bound"
			}
			p.Report(where, "use a larger class, cache reads, or cut queries per request",
				"at peak, database %q serves %s queries/s of %s ms on %s: CPU utilisation %s, %s",
				d.Name, num(sc.RPS), num(d.QueryMs), on, pct(sc.CPUUtilization), state)
		}
	},
}

var ruleCapSLO = &Rule{
	ID:       "CAP002",
	Name:     "p99-above-slo",
	Severity: Warning,
	Summary:  "The modelled p99 response time at peak is above the SLO",
	Docs: `The p99 response time of a tier comes from its worker queue: the service
time (CPU, waits, database and cache calls, stretched by lock contention)
plus the queueing delay at peak load. When it exceeds workload.slo_p99_ms,
one request in a hundred is slower than promised even though the tier is
not saturated (a saturated tier is reported by CAP001 or ASG004).

Fix: add instances when the NEEDED column shows a count that meets the SLO;
when none does, the service time itself is too long: cut calls per
request, cache them, or lower contention.`,
	Check: func(p *Pass) {
		if p.Capacity == nil {
			return
		}
		for _, t := range p.Capacity.Tiers {
			sc := t.Scenario(capacity.ScenarioPeak)
			if sc == nil || sc.Saturated || sc.P99Ms <= p.Capacity.SLOp99ms {
				continue
			}
			p.Report(componentPath(t.Name), "add instances, or shorten the per-request work",
				"tier %q: modelled p99 at peak is %.0f ms (mean %.0f ms), above the %s ms SLO; %s",
				t.Name, sc.P99Ms, sc.MeanMs, num(p.Capacity.SLOp99ms), neededText(sc.Needed))
		}
	},
}

var ruleCapAZLost = &Rule{
	ID:       "CAP003",
	Name:     "overload-with-one-az-lost",
	Severity: Warning,
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
		if p.Capacity == nil {
			return
		}
		for _, t := range p.Capacity.Tiers {
			peak, lost := t.Scenario(capacity.ScenarioPeak), t.Scenario(capacity.ScenarioAZLost)
			if peak == nil || lost == nil || t.AZs < 2 || lost.Instances < 1 ||
				lost.Verdict.Rank() < capacity.VerdictSLOMissed.Rank() || peak.Verdict.Rank() >= capacity.VerdictSLOMissed.Rank() {
				continue
			}
			p.Report(componentPath(t.Name), "run more instances, or spread over more AZs",
				"tier %q: with one of %d AZs lost, %d of %d instance(s) remain at peak and the tier is %s; %s",
				t.Name, t.AZs, lost.Instances, peak.Instances, lost.Verdict, fleetNeeded(lost.Needed))
		}
	},
}

func fleetNeeded(n int) string {
	if n == 0 {
		return "no fleet size avoids it"
	}
	return fmt.Sprintf("a fleet of %d would hold", n)
}

var ruleCapUSLPeak = &Rule{
	ID:       "CAP004",
	Name:     "workers-past-usl-peak",
	Severity: Warning,
	Summary:  "An instance runs more workers than the contention model's peak",
	Docs: `With lock contention (sigma) and coherency cost (kappa) among the workers of
one instance, the Universal Scalability Law gives its throughput
X(N) = N / (1 + sigma(N − 1) + kappa·N(N − 1)), which peaks at
N* = sqrt((1 − sigma)/kappa). Past N*, every added worker lowers the
throughput of all of them: the extra threads only add contention.

Fix: lower processes × threads to N* (and add instances instead), or
remove the shared lock.`,
	Check: func(p *Pass) {
		if p.Capacity == nil {
			return
		}
		for _, t := range p.Capacity.Tiers {
			if t.USLPeakWorkers == 0 || t.Workers <= t.USLPeakWorkers {
				continue
			}
			p.Report(componentPath(t.Name, "workers"), fmt.Sprintf("run at most %d workers per instance", t.USLPeakWorkers),
				"tier %q runs %d workers per instance, past the USL peak of %d: they deliver %.1f workers' throughput, where %d would deliver %.1f",
				t.Name, t.Workers, t.USLPeakWorkers, float64(t.Workers)*t.Efficiency, t.USLPeakWorkers, t.USLPeakThroughput)
		}
	},
}

var ruleASGMaxBelowPeak = &Rule{
	ID:       "ASG004",
	Name:     "autoscaling-max-below-peak-need",
	Severity: Warning,
	Summary:  "An autoscaling group's max is below the instances the peak needs",
	Docs: `The capacity model sizes each tier for the workload's peak: the smallest
instance count that keeps workers and CPUs under the target utilisation
and the p99 under the SLO. An autoscaling group whose max is below that
count stops scaling before the peak is served.

Fix: raise autoscaling.max to at least the NEEDED count of the peak row of
infralint capacity.`,
	Check: func(p *Pass) {
		if p.Capacity == nil {
			return
		}
		for _, t := range p.Capacity.Tiers {
			sc := t.Scenario(capacity.ScenarioPeak)
			if !t.Autoscaling || sc == nil || sc.Needed == 0 || t.Max >= sc.Needed {
				continue
			}
			p.Report(componentPath(t.Name, "autoscaling", "max"), fmt.Sprintf("set autoscaling.max to at least %d", sc.Needed),
				"tier %q needs %d instances at peak (%s rps) but may scale to only %d (at %d it is %s)",
				t.Name, sc.Needed, num(sc.RPS), t.Max, t.Max, sc.Verdict)
		}
	},
}

var ruleASGMinBelowAverage = &Rule{
	ID:       "ASG005",
	Name:     "autoscaling-min-below-average-need",
	Severity: Warning,
	Summary:  "An autoscaling group's min is below the instances the average load needs",
	Docs: `Scaling out takes minutes (alarm, launch, boot, health checks). A group
whose minimum cannot carry the average load spends most of the day
scaling out after the fact, with requests queueing meanwhile.

Fix: raise autoscaling.min to at least the NEEDED count of the average row
of infralint capacity.`,
	Check: func(p *Pass) {
		if p.Capacity == nil {
			return
		}
		for _, t := range p.Capacity.Tiers {
			sc := t.Scenario(capacity.ScenarioAverage)
			if !t.Autoscaling || sc == nil || sc.Needed == 0 || t.Min >= sc.Needed {
				continue
			}
			p.Report(componentPath(t.Name, "autoscaling", "min"), fmt.Sprintf("set autoscaling.min to at least %d", sc.Needed),
				"tier %q needs %d instances for the average load (%s rps) but keeps a minimum of %d (at %d it is %s)",
				t.Name, sc.Needed, num(sc.RPS), t.Min, t.Min, sc.Verdict)
		}
	},
}

var ruleDeployCapacity = &Rule{
	ID:       "DEPLOY004",
	Name:     "deploy-leaves-too-little-capacity",
	Severity: Warning,
	Summary:  "The deploy strategy detaches so many instances that the rest cannot hold the peak",
	Docs: `An in-place deploy detaches half of the instances at a time, and a rolling
deploy one batch. The instances left in service carry the whole load for
the deploy window. If they saturate or miss the SLO at peak while the full
fleet does not, every deploy is an incident waiting for a busy hour.
(A single instance detached is reported by DEPLOY003.)

Fix: use smaller batches, blue/green, or more instances; or deploy only
off-peak and say so with a suppression.`,
	Check: func(p *Pass) {
		if p.Capacity == nil {
			return
		}
		for _, t := range p.Capacity.Tiers {
			peak, dep := t.Scenario(capacity.ScenarioPeak), t.Scenario(capacity.ScenarioDeploy)
			if peak == nil || dep == nil || dep.Instances < 1 ||
				dep.Verdict.Rank() < capacity.VerdictSLOMissed.Rank() || dep.Verdict.Rank() <= peak.Verdict.Rank() {
				continue
			}
			p.Report(componentPath(t.Name, "deploy", "strategy"), "use smaller batches or blue/green, or add instances",
				"tier %q: the %s deploy leaves %d of %d instance(s) in service and at peak the tier is %s; %s",
				t.Name, t.Deploy, dep.Instances, peak.Instances, dep.Verdict, fleetNeeded(dep.Needed))
		}
	},
}

var ruleCacheLowHit = &Rule{
	ID:       "CACHE001",
	Name:     "cache-hit-ratio-too-low",
	Severity: Warning,
	Summary:  "A cached data set is modelled to hit too rarely to pay for its memory",
	Docs: `Per key, reads arrive at r and invalidating writes at w (the data set's
rates over its keys); an entry lives until its TTL or the next write. The
expected hits per fill are H = r(1 − e^(−wT))/w and the hit ratio is
h = H/(1 + H). Data written often, or rebuilt from many sources whose
every write invalidates it, is evicted before it is read again: below a
50 % hit ratio most reads still reach the database, plus a cache write.

Fix: stop caching the data set, cache its sources instead, or invalidate
less (longer-lived parts, write-through).`,
	Check: func(p *Pass) {
		if p.Capacity == nil {
			return
		}
		for _, c := range p.Capacity.Caches {
			for _, ds := range c.DataSets {
				if ds.HitRatio >= p.cacheHitFloor {
					continue
				}
				p.Report(componentPath(c.Name, "data", ds.Name), "stop caching it, or cache its sources",
					"data set %q in %q is modelled to hit %s of reads (%s reads/s, %s invalidating writes/s from %d source(s) over %d keys), holding %.0f MiB",
					ds.Name, c.Name, pct(ds.HitRatio), num(ds.ReadsPerS), num(ds.WritesPerS), ds.Sources, ds.Keys, ds.Bytes/(1<<20))
			}
		}
	},
}

var ruleCacheMissing = &Rule{
	ID:       "CACHE002",
	Name:     "db-bound-tier-without-cache",
	Severity: Info,
	Summary:  "A read-heavy tier spends most of its time in the database and calls no cache",
	Docs: `When a tier's requests spend at least half of their busy time (queueing for
a CPU aside) waiting for database queries, or the database saturates, and
the workload mostly reads (read_share at least 0.7), a cache in front of
the hot reads cuts both the response time and the database load by its
hit ratio.

Fix: add a cache component, describe the hot data set (reads, writes, TTL,
keys, item size) and route the reads through it with calls[].data; the
capacity model then shows the hit ratio and the database relief.`,
	Check: func(p *Pass) {
		if p.Capacity == nil || p.Stack.Workload.ReadShare < readHeavyShare {
			return
		}
		for _, t := range p.Capacity.Tiers {
			sc := t.Scenario(capacity.ScenarioPeak)
			if sc == nil || t.CacheCalls > 0 || t.DBQueries == 0 {
				continue
			}
			switch {
			case sc.Bottleneck == capacity.BottleneckDatabase:
				p.Report(componentPath(t.Name, "calls"), "put a cache in front of the hot reads",
					"tier %q (read share %s) saturates its database at peak and calls no cache", t.Name, pct(p.Stack.Workload.ReadShare))
			case !sc.Saturated && sc.DBMs >= 0.5*(sc.ServiceMs-sc.CPUWaitMs):
				p.Report(componentPath(t.Name, "calls"), "put a cache in front of the hot reads",
					"tier %q (read share %s) spends %.1f of %.1f ms per request in the database at peak and calls no cache",
					t.Name, pct(p.Stack.Workload.ReadShare), sc.DBMs, sc.ServiceMs-sc.CPUWaitMs)
			}
		}
	},
}

var ruleCacheTooSmall = &Rule{
	ID:       "CACHE003",
	Name:     "cache-data-exceeds-memory",
	Severity: Warning,
	Summary:  "A cache's data sets are larger than its nodes' memory",
	Docs: `The data sets a cache holds take keys × item size each. When their sum is
beyond the memory of the cache's nodes, the cache evicts entries before
they expire, so the modelled hit ratios are optimistic and the database
takes the misses.

Fix: a larger node type, more nodes (cluster mode), fewer keys, or a
shorter TTL for the cold ones.`,
	Check: func(p *Pass) {
		if p.Capacity == nil {
			return
		}
		for _, c := range p.Capacity.Caches {
			if c.DataBytes <= float64(c.MemoryBytes) {
				continue
			}
			p.Report(componentPath(c.Name, "node_type"), "use a larger node type or more nodes",
				"cache %q holds %.0f MiB of data but its %d node(s) of %s have %.0f MiB of memory",
				c.Name, c.DataBytes/(1<<20), c.Nodes, c.NodeType, float64(c.MemoryBytes)/(1<<20))
		}
	},
}

func num(x float64) string { return fmt.Sprintf("%.4g", x) }
