package rules

import (
	"strings"
	"testing"
)

// TestCostNoOtherTypeWithExplicitVCPUs: a tier whose vcpus is set gets no
// COST002 suggestion of another instance type (the machine's or the
// pinning's count is not the type's, so another type's would be a guess);
// without vcpus the same tier is moved from c5.xlarge to c5.large (the
// $62.05 of TestCostSeverityBySaving).
func TestCostNoOtherTypeWithExplicitVCPUs(t *testing.T) {
	const src = `name: "pin"
region: "us-east-1"
workload: {avg_rps: 20, peak_rps: 60, slo_p99_ms: 300}
network: azs: ["us-east-1a", "us-east-1b"]
components: app: {
	kind: "compute", subnet: "public", instance_type: "c5.xlarge", count: 1VCPUS
	workers: {processes: 4, threads: 4}
	demand: {cpu_ms: 20, wait_ms: 5}
}
`
	for _, c := range []struct {
		name, vcpus string
		want        bool
	}{
		{"the type's count: suggested", "", true},
		{"vcpus as the type's: not suggested", ", vcpus: 4", false},
		{"pinned to two: not suggested", ", vcpus: 2", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := loadFile(t, "pin.cue", []byte(strings.Replace(src, "VCPUS", c.vcpus, 1)))
			got := false
			for _, f := range Run(inputWithCost(t, s), Options{}).Findings {
				got = got || f.RuleID == "COST002"
			}
			if got != c.want {
				t.Errorf("COST002 found %v, want %v", got, c.want)
			}
		})
	}
}
