// Package stackgen writes synthetic but valid stacks of any size, for
// benchmarks and scale tests.
package stackgen

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Write emits a stack of about n components: repeated cells of a load
// balancer, an autoscaling app tier, a Multi-AZ database and a cache. Every
// cell is well formed, so the run measures evaluation, not error paths.
func Write(w io.Writer, n int) error {
	var b strings.Builder
	fmt.Fprintf(&b, "name:   \"generated-%d\"\nregion: \"us-east-1\"\n\n", n)
	b.WriteString("workload: {avg_rps: 200, peak_rps: 600, slo_p99_ms: 250}\n\n")
	b.WriteString("network: azs: [\"us-east-1a\", \"us-east-1b\", \"us-east-1c\"]\n\ncomponents: {\n")
	cells := max(1, n/4)
	for i := range cells {
		b.WriteString(cell(strconv.Itoa(i), "\t"))
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteTiers emits a stack of n compute tiers and nothing else: with no
// load balancer, traffic enters every tier, so each one gets its tables
// and plots in a report.
func WriteTiers(w io.Writer, n int) error {
	var b strings.Builder
	fmt.Fprintf(&b, "name:   \"tiers-%d\"\nregion: \"us-east-1\"\n\n", n)
	b.WriteString("workload: {avg_rps: 2000, peak_rps: 6000, slo_p99_ms: 250}\n\n")
	b.WriteString("network: azs: [\"us-east-1a\", \"us-east-1b\", \"us-east-1c\"]\n\ncomponents: {\n")
	for i := range max(1, n) {
		fmt.Fprintf(&b, `	app%d: {
		kind:          "compute"
		instance_type: "c5.xlarge"
		autoscaling: {min: 3, max: 12, policy: cpu_target: 60}
		workers: {processes: 4, threads: 8}
		demand: {cpu_ms: 10, wait_ms: 4}
	}
`, i)
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteComprehension emits the cells of Write (about n components) from
// one CUE comprehension over list.Range instead of n literal fields: the
// evaluator builds every component, but the syntax tree holds one.
func WriteComprehension(w io.Writer, n int) error {
	_, err := fmt.Fprintf(w, `import "list"

name:   "comprehension-%[1]d"
region: "us-east-1"

workload: {avg_rps: 200, peak_rps: 600, slo_p99_ms: 250}

network: azs: ["us-east-1a", "us-east-1b", "us-east-1c"]

components: {
	for i in list.Range(0, %[2]d, 1) {
%[3]s	}
}
`, n, max(1, n/4), cell(`\(i)`, "\t\t"))
	return err
}

// cellTemplate is one cell of Write and WriteComprehension: {i} stands for
// the cell's number (a literal, or the comprehension's \(i)), so that both
// stacks hold exactly the same components.
const cellTemplate = `"lb{i}": {
	kind:   "lb"
	subnet: "public"
	listeners: [
		{protocol: "HTTPS", port: 443, certificate: "arn:aws:acm:us-east-1:123456789012:certificate/c{i}", tls_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06"},
		{protocol: "HTTP", port: 80, redirect_https: true},
	]
	health_check: {path: "/healthz", interval_s: 10, unhealthy_threshold: 3}
	targets: ["app{i}"]
}
"app{i}": {
	kind:          "compute"
	instance_type: "c5.xlarge"
	autoscaling: {min: 3, max: 12, policy: cpu_target: 60}
	workers: {processes: 4, threads: 8}
	demand: {cpu_ms: 10, wait_ms: 4}
	deploy: {strategy: "rolling", batch: 1}
	calls: [
		{target: "cache{i}", per_request: 2, data: "catalog"},
		{target: "db{i}", per_request: 1, tls: true},
	]
}
"db{i}": {
	kind:              "database"
	engine:            "postgres"
	instance_class:    "db.r5.large"
	multi_az:          true
	storage_gb:        100
	encrypted_at_rest: true
	require_tls:       true
	ingress: ["app{i}"]
}
"cache{i}": {
	kind:      "cache"
	node_type: "cache.r6g.large"
	nodes:     2
	data: catalog: {reads_per_s: 1200, writes_per_s: 0.5, ttl_s: 600, keys: 20000, item_kb: 4}
}
`

// cell is cellTemplate for cell i, each line indented by indent.
func cell(i, indent string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(strings.ReplaceAll(cellTemplate, "{i}", i), "\n") {
		if strings.TrimSpace(line) != "" {
			b.WriteString(indent)
		}
		b.WriteString(line)
	}
	return b.String()
}
