package schema

import (
	"strings"
	"testing"
)

// TestCapacityNumbersAreSchemaErrors: the numbers the capacity model
// divides by or takes as rates are constrained in schema.cue, so a bad one
// is a positioned error at load time, never a NaN in a table.
func TestCapacityNumbersAreSchemaErrors(t *testing.T) {
	const base = `name:   "t"
region: "us-east-1"
workload: {avg_rps: AVG, peak_rps: 50, slo_p99_ms: SLO, read_share: SHARE}
network: azs: ["us-east-1a"]
components: {
	app: {kind: "compute", instance_type: "m5.large", count: 1, demand: {cpu_ms: CPU, wait_ms: WAIT, cv: CV}
		calls: [{target: "db", per_request: PER}, {target: "redis", data: "d"}]}
	db: {kind: "database", engine: "postgres", instance_class: "db.r5.large", ingress: ["app"], query_ms: QUERY}
	redis: {kind: "cache", node_type: "cache.t3.medium", data: d: {reads_per_s: READS, writes_per_s: WRITES, ttl_s: TTL, keys: KEYS, item_kb: 1}}
	cdn: {kind: "cdn", origin: "app", hit_ratio: HIT}
}
`
	good := map[string]string{"AVG": "10", "SLO": "200", "SHARE": "0.8", "CPU": "5", "WAIT": "0", "CV": "1",
		"PER": "1", "QUERY": "2", "READS": "10", "WRITES": "0", "TTL": "60", "KEYS": "10", "HIT": "0.5"}
	render := func(over map[string]string) string {
		src := base
		for k, v := range good {
			if o, ok := over[k]; ok {
				v = o
			}
			src = strings.ReplaceAll(src, k, v)
		}
		return src
	}
	if _, err := loadString(t, render(nil)); err != nil {
		t.Fatalf("the good case does not load: %v", err)
	}
	cases := []struct {
		name, key, value string
		line             int
	}{
		{"negative avg rps", "AVG", "-1", 3},
		{"zero SLO", "SLO", "0", 3},
		{"read share above 1", "SHARE", "1.5", 3},
		{"read share below 0", "SHARE", "-0.1", 3},
		{"zero cpu time", "CPU", "0", 6},
		{"negative wait", "WAIT", "-3", 6},
		{"negative cv", "CV", "-1", 6},
		{"negative calls per request", "PER", "-2", 7},
		{"zero query time", "QUERY", "0", 8},
		{"negative reads", "READS", "-5", 9},
		{"negative writes", "WRITES", "-5", 9},
		{"zero ttl", "TTL", "0", 9},
		{"zero keys", "KEYS", "0", 9},
		{"hit ratio above 1", "HIT", "1.2", 10},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := loadString(t, render(map[string]string{c.key: c.value}))
			if err == nil {
				t.Fatal("loaded; want a schema error")
			}
			errs, ok := err.(Errors)
			if !ok || len(errs) == 0 {
				t.Fatalf("error %T %v, want schema.Errors", err, err)
			}
			found := false
			for _, e := range errs {
				found = found || e.Pos.Line == c.line
			}
			if !found {
				t.Errorf("no error on line %d: %v", c.line, err)
			}
		})
	}
}
