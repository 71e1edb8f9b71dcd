package rules

import (
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/schema"
)

// maxDetectionSeconds is how long an unhealthy target may keep receiving
// traffic before the check is called unsafe: one minute of failed requests.
const maxDetectionSeconds = 60

var ruleLBNoHealthCheck = &Rule{
	ID:       "LB001",
	Name:     "lb-without-health-check",
	Severity: Error,
	Summary:  "A load balancer has no health check",
	Docs: `A load balancer spreads requests over several servers so that none is
overloaded, and it keeps sending health checks to each one: a target that
fails them gets no traffic until it recovers. That is what makes failure
handling possible. Without a configured check, a dead or hung instance keeps
receiving its share of requests.

Fix: add health_check with a cheap path (e.g. "/healthz") that checks the
app's own dependencies.`,
	Check: func(p *Pass) {
		for _, lb := range p.Stack.OfKind(schema.KindLB) {
			if lb.LB.HealthCheck == nil {
				p.Report(componentPath(lb.Name), `add health_check: {path: "/healthz", interval_s: 10}`,
					"load balancer %q has no health check: failed targets keep receiving traffic", lb.Name)
			}
		}
	},
}

var ruleLBUnsafeHealthCheck = &Rule{
	ID:       "LB002",
	Name:     "lb-unsafe-health-check",
	Severity: Warning,
	Summary:  "A health check is too slow to detect failure, or checks no path",
	Docs: `A target is taken out of service only after unhealthy_threshold consecutive
failed checks, interval_s apart: at the default 30 s interval with a
threshold of 5 a dead instance receives traffic for two and a half minutes. A
timeout as long as the interval overlaps checks. An HTTP check without a path
requests "/", which is often a heavy page or a redirect rather than a
statement about the app's health.

Fix: interval_s × unhealthy_threshold of at most 60 s (e.g. 10 s × 3), a
timeout shorter than the interval, and a dedicated path such as "/healthz".`,
	Check: func(p *Pass) {
		for _, lb := range p.Stack.OfKind(schema.KindLB) {
			hc := lb.LB.HealthCheck
			if hc == nil {
				continue
			}
			base := componentPath(lb.Name, "health_check")
			if d := hc.IntervalS * hc.UnhealthyThreshold; d > maxDetectionSeconds {
				p.Report(schema.Path(base, "interval_s"), "use interval_s × unhealthy_threshold ≤ 60, e.g. 10 s × 3",
					"load balancer %q needs %d s (%d s × %d checks) to stop sending traffic to a failed target", lb.Name, d, hc.IntervalS, hc.UnhealthyThreshold)
			}
			if hc.TimeoutS >= hc.IntervalS {
				p.Report(schema.Path(base, "timeout_s"), "make timeout_s shorter than interval_s",
					"load balancer %q: health check timeout %d s is not shorter than its interval %d s", lb.Name, hc.TimeoutS, hc.IntervalS)
			}
			if hc.Protocol != "TCP" && hc.Path == "" {
				p.Report(base, `set path, e.g. path: "/healthz"`,
					"load balancer %q: %s health check has no path, so it requests \"/\"", lb.Name, hc.Protocol)
			}
		}
	},
}

var ruleLBSinglePoint = &Rule{
	ID:       "LB003",
	Name:     "lb-single-target-or-az",
	Severity: Warning,
	Summary:  "A load balancer has fewer than two targets or spans one AZ",
	Docs: `A load balancer earns its place by having somewhere else to send traffic when
a target fails. With a single instance behind it, or with everything in one
availability zone, one failure still takes the whole service down.

Fix: at least two instances (count or autoscaling min) spread over at least
two AZs, and the load balancer enabled in those AZs.`,
	Check: func(p *Pass) {
		for _, lb := range p.Stack.OfKind(schema.KindLB) {
			// The azs field when written, else the component.
			if len(lb.AZs) < 2 {
				p.Report(componentPath(lb.Name, "azs"), "enable the load balancer in at least two AZs",
					"load balancer %q runs in one AZ (%s)", lb.Name, lb.AZs[0])
			}
			enabled := map[string]bool{}
			for _, az := range lb.AZs {
				enabled[az] = true
			}
			instances := 0
			served := map[string]bool{} // AZs where the LB has targets to send to
			for _, t := range lb.LB.Targets {
				c := p.Stack.Components[t]
				instances += c.Compute.Instances()
				for _, az := range c.AZs {
					if enabled[az] {
						served[az] = true
					}
				}
			}
			switch {
			case instances < 2:
				p.Report(componentPath(lb.Name, "targets"), "run at least two instances behind it",
					"load balancer %q has %s: one failure takes the service down", lb.Name, humanize.Plural(instances, "target instance"))
			case len(lb.AZs) >= 2 && len(served) < 2:
				// Enabled in several AZs, but every target instance sits in
				// one of them (or in none): one AZ failure is still an outage.
				p.Report(componentPath(lb.Name, "targets"), "spread the target instances over at least two of the load balancer's AZs",
					"load balancer %q has targets in %d of its %d AZs: losing that AZ takes the service down", lb.Name, len(served), len(lb.AZs))
			}
		}
	},
}
