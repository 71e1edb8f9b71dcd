package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"testing"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/render"
	"github.com/infralint/infralint/rules"
	"github.com/infralint/infralint/schema"
)

// fuzzStack fills a realistic stack with fuzzed numbers and choices; the
// loader keeps what the schema allows, so the analyses see arbitrary
// valid stacks.
const fuzzStack = `name: "fuzz"
region: %q
workload: {avg_rps: %v, peak_rps: %v, slo_p99_ms: %v, read_share: %v}
network: azs: ["us-east-1a", "us-east-1b"]
components: {
	lb: {kind: "lb", subnet: "public", listeners: [{protocol: "HTTPS", port: 443, certificate: "c"}], targets: ["app"]}
	app: {
		kind: "compute", instance_type: %q
		%s
		workers: {processes: %d, threads: %d}
		demand: {cpu_ms: %v, wait_ms: %v, cv: %v}
		contention: {sigma: %v, kappa: %v}
		deploy: {strategy: %q, batch: %d, per_month: %v}
		calls: [{target: "db", per_request: %v, tls: true}, {target: "c", per_request: %v, data: "d"}]
	}
	db: {kind: "database", engine: "postgres", instance_class: %q, multi_az: %v, ingress: ["app"], query_ms: %v}
	c: {kind: "cache", node_type: "cache.t3.medium", nodes: %d, data: d: {reads_per_s: %v, writes_per_s_per_source: %v, ttl_s: %v, keys: %d, item_kb: %v, sources: %d}}
}
`

// nonFinite matches how Go prints NaN and ±Inf.
var nonFinite = regexp.MustCompile(`\b(NaN|[+-]?Inf)\b`)

// FuzzAnalyses runs capacity, cost, every rule and the JSON renderers over
// arbitrary valid stacks: no panic, no NaN or Inf in any output, and
// saturation reported as such.
func FuzzAnalyses(f *testing.F) {
	f.Add(120.0, 3.0, 250.0, 0.8, uint8(0), uint8(2), uint8(8), true, 12.0, 5.0, 1.0, 0.0, 0.0, uint8(1), 3.0, 2.0, 2.0, 2, 900.0, 1.0, 600.0, 20000, 4.0, 1)
	f.Add(1e6, 1.0, 1.0, 0.0, uint8(3), uint8(1), uint8(1), false, 3.6e6, 0.0, 10.0, 0.9, 0.5, uint8(0), 0.0, 1e4, 1e-9, 500, 0.0, 1e10, 1e-9, 1, 524288.0, 1000000)
	regions := []string{"us-east-1", "ap-northeast-2", "eu-west-1", "sa-east-1"}
	types := []string{"m5.large", "t3.micro", "c5.xlarge", "r6g.large", "m7i.48xlarge"}
	classes := []string{"db.t3.medium", "db.r5.large", "db.r5.4xlarge"}
	strategies := []string{"in-place", "rolling", "blue-green", "in-server-blue-green"}
	l, err := schema.NewLoader()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, avg, peakFactor, slo, readShare float64, pick, procs, threads uint8, autoscale bool,
		cpu, wait, cv, sigma, kappa float64, strat uint8, perMonth, dbCalls, cacheCalls float64, nodes int,
		reads, writes, ttl float64, keys int, itemKB float64, sources int) {
		scaling := fmt.Sprintf("count: %d", int(procs%7)+1)
		if autoscale {
			scaling = fmt.Sprintf("autoscaling: {min: %d, max: %d, policy: cpu_target: 60}", int(threads%4), int(threads%4)+int(procs%9)+1)
		}
		src := fmt.Sprintf(fuzzStack, regions[int(pick)%len(regions)], avg, avg*peakFactor, slo, readShare,
			types[int(pick/4)%len(types)], scaling, int(procs), int(threads), cpu, wait, cv, sigma, kappa,
			strategies[int(strat)%len(strategies)], int(strat)+1, perMonth, dbCalls, cacheCalls,
			classes[int(pick/16)%len(classes)], autoscale, cpu/10, nodes, reads, writes, ttl, keys, itemKB, sources)
		s, err := l.LoadBytes("fuzz.cue", []byte(src))
		if err != nil {
			return // outside the schema: the loader's own fuzz target covers errors
		}
		if errs := schema.Validate(s, catalog.Default()); len(errs) > 0 {
			return
		}
		model, err := capacity.Analyze(s, capacity.Options{TargetUtilization: 0.7})
		if err != nil {
			t.Fatalf("capacity of a valid stack: %v\n%s", err, src)
		}
		est := pricing.Price(s, catalog.Default(), pricing.Options{})
		res := rules.Run(&rules.Input{Stack: s, Capacity: model, Cost: est}, rules.Options{})
		var out bytes.Buffer
		check := func(what string, err error) {
			if err != nil {
				t.Fatalf("%s: %v\n%s", what, err, src)
			}
			if m := nonFinite.FindString(out.String()); m != "" {
				t.Fatalf("%s prints %q:\n%s", what, m, src)
			}
			out.Reset()
		}
		check("capacity JSON", render.CapacityJSON(&out, []*capacity.Result{model}, nil, ""))
		check("capacity text", render.CapacityText(&out, []*capacity.Result{model}))
		check("cost JSON", render.CostJSON(&out, []*pricing.Estimate{est}, nil, ""))
		check("findings JSON", render.FindingsJSON(&out, render.Report{Findings: res.Findings}, ""))
		for _, fd := range res.Findings {
			if nonFinite.MatchString(fd.Message) {
				t.Fatalf("finding %s prints NaN/Inf: %s", fd.RuleID, fd.Message)
			}
		}
		if tot := est.MonthlyUSD; math.IsNaN(tot) || math.IsInf(tot, 0) || tot < 0 {
			t.Fatalf("total cost %v", tot)
		}
		if _, err := json.Marshal(res); err != nil {
			t.Fatal(err)
		}
	})
}
