package capacity

import (
	"fmt"
	"strings"
	"testing"

	"github.com/infralint/infralint/catalog"
)

// generatedStack is a 1,000-component stack: one internet-facing ALB over
// 333 autoscaling tiers, each with its own database and cache (with a data
// set it reads through), so every tier carries traffic and every part of
// the model runs.
func generatedStack(n int) string {
	var b strings.Builder
	b.WriteString("name: \"gen\"\nregion: \"us-east-1\"\nworkload: {avg_rps: 30000, peak_rps: 100000, slo_p99_ms: 300}\n")
	b.WriteString("network: azs: [\"us-east-1a\", \"us-east-1b\", \"us-east-1c\"]\ncomponents: {\n")
	var targets []string
	for i := range n {
		targets = append(targets, fmt.Sprintf("%q", fmt.Sprintf("app%d", i)))
	}
	fmt.Fprintf(&b, "\talb: {kind: \"lb\", subnet: \"public\", listeners: [{protocol: \"HTTPS\", port: 443, certificate: \"c\"}], targets: [%s]}\n", strings.Join(targets, ", "))
	types := []string{"m5.large", "c5.xlarge", "m6i.2xlarge", "r5.large"}
	for i := range n {
		fmt.Fprintf(&b, "\tapp%d: {kind: \"compute\", instance_type: %q, autoscaling: {min: 2, max: %d}, workers: {processes: 2, threads: %d},\n", i, types[i%len(types)], 4+i%20, 4+i%29)
		fmt.Fprintf(&b, "\t\tdemand: {cpu_ms: %d, wait_ms: %d, cv: 1.5}, contention: {sigma: 0.01, kappa: 0.0001}, deploy: {strategy: \"rolling\", batch: 1},\n", 2+i%9, i%17)
		fmt.Fprintf(&b, "\t\tcalls: [{target: \"cache%d\", data: \"hot\", per_request: 3}, {target: \"db%d\", per_request: 2}]}\n", i, i)
		fmt.Fprintf(&b, "\tdb%d: {kind: \"database\", engine: \"postgres\", instance_class: \"db.r5.2xlarge\", query_ms: 0.8, ingress: [\"app%d\"]}\n", i, i)
		fmt.Fprintf(&b, "\tcache%d: {kind: \"cache\", node_type: \"cache.r6g.large\", data: hot: {reads_per_s: %d, writes_per_s: %d, ttl_s: 300, keys: 5000, item_kb: 2}}\n", i, 500+i, i%50)
	}
	b.WriteString("}\n")
	return b.String()
}

// BenchmarkAnalyze1000 analyses a generated 1,000-component stack (333
// tiers × 4 scenarios, each with its instances-needed search, plus 333
// databases and caches). Loading the CUE is not timed.
func BenchmarkAnalyze1000(b *testing.B) {
	s := load(b, "gen.cue", generatedStack(333))
	if got := len(s.Components); got != 1000 {
		b.Fatalf("%d components, want 1000", got)
	}
	catalog.Default() // parse the embedded snapshot once, outside the timing
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		res, err := Analyze(s, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Tiers) != 333 {
			b.Fatal("tiers missing")
		}
	}
}
