package schema

import (
	"strings"
	"testing"
)

const dataSetStack = `name: "t"
region: "us-east-1"
workload: {avg_rps: 10, peak_rps: 50, slo_p99_ms: 200}
network: azs: ["us-east-1a"]
components: {
	app: {kind: "compute", instance_type: "m5.large", count: 1, demand: cpu_ms: 5, calls: [{target: "redis", data: "d"}]}
	redis: {kind: "cache", node_type: "cache.t3.medium", data: d: {reads_per_s: 10, ttl_s: 60, keys: 10, item_kb: 1, FIELDS}}
}
`

// TestDataSetWrites: writes_per_s_per_source is multiplied by sources;
// the older writes_per_s keeps its meaning (all writes) with one source,
// is refused with more (ambiguous) or beside the new field, each at its
// position with the figure under both readings; miss_queries defaults to
// sources.
func TestDataSetWrites(t *testing.T) {
	for _, c := range []struct {
		fields                 string
		invalidations, queries float64
		err                    string // "" when it loads
	}{
		{"writes_per_s_per_source: 0.25, sources: 40", 10, 40, ""},
		{"writes_per_s_per_source: 0.25, sources: 40, miss_queries: 1", 10, 1, ""},
		{"writes_per_s_per_source: 3", 3, 1, ""},
		{"writes_per_s: 3", 3, 1, ""},
		{"writes_per_s: 3, sources: 1", 3, 1, ""},
		{"sources: 7", 0, 7, ""},
		{"writes_per_s: 0, sources: 7", 0, 7, ""},
		{"writes_per_s: 3000, sources: 12", 0, 0,
			"stack.cue:7:115: components.redis.data.d.writes_per_s: writes_per_s is ambiguous with sources: 12: write writes_per_s_per_source, one source's invalidating writes (the model multiplies it by sources): 3000 if 3000 was each source's, 250 if it was their sum"},
		{"writes_per_s: 3, writes_per_s_per_source: 3", 0, 0,
			"stack.cue:7:115: components.redis.data.d.writes_per_s: give writes_per_s_per_source only (writes_per_s is its older name)"},
		{"miss_queries: -1", 0, 0, "stack.cue:7:129: components.redis.data.d.miss_queries: invalid value -1 (out of bound >=0)"},
		{"writes_per_s_per_source: -1", 0, 0, "stack.cue:7:140: components.redis.data.d.writes_per_s_per_source: invalid value -1 (out of bound >=0)"},
	} {
		s, err := loadString(t, strings.Replace(dataSetStack, "FIELDS", c.fields, 1))
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: error %v, want %q", c.fields, err, c.err)
			} else if n := len(err.(Errors)); n != 1 {
				t.Errorf("%s: %d errors, want one: %v", c.fields, n, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.fields, err)
			continue
		}
		d := s.Components["redis"].Cache.Data["d"]
		if got := d.InvalidationsPerS(); got != c.invalidations {
			t.Errorf("%s: %g invalidating writes/s, want %g", c.fields, got, c.invalidations)
		}
		if d.MissQueries != c.queries {
			t.Errorf("%s: miss_queries %g, want %g", c.fields, d.MissQueries, c.queries)
		}
	}
}
