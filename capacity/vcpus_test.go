package capacity

import (
	"strings"
	"testing"
)

// vcpusStack is one c5.xlarge (4 vCPUs in the catalog) at 100 rps × 5 ms
// of CPU: 0.5 CPU-seconds a second.
const vcpusStack = `name: "pinned"
region: "us-east-1"
workload: {avg_rps: 100, peak_rps: 100, slo_p99_ms: 300}
network: azs: ["us-east-1a"]
components: web: {kind: "compute", instance_type: "c5.xlarge", count: 1VCPUS
	workers: threads: 4, demand: cpu_ms: 5}
`

// TestExplicitVCPUs: vcpus overrides the instance type's count in the CPU
// queue and in the what-if on the tier's own type. By the utilisation law
// (U = λ·S/c): 100 × 0.005 / 4 = 12.5 % on the type's 4 vCPUs, / 1 = 50 %
// with vcpus: 1, / 2 = 25 % with vcpus: 2.
func TestExplicitVCPUs(t *testing.T) {
	for _, c := range []struct {
		name, vcpus string
		want        int
		cpu         float64
	}{
		{"the type's count", "", 4, 0.125},
		{"pinned to one", ", vcpus: 1", 1, 0.5},
		{"two", ", vcpus: 2", 2, 0.25},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := analyzeString(t, strings.Replace(vcpusStack, "VCPUS", c.vcpus, 1))
			web := res.Tier("web")
			if web.VCPU != c.want || web.CPUServers != c.want {
				t.Fatalf("VCPU %d, CPUServers %d; want %d", web.VCPU, web.CPUServers, c.want)
			}
			checkRel(t, "peak CPU", web.Scenario(ScenarioPeak).CPUUtilization, c.cpu, 1e-9)
			as, err := res.TierAs("web", "c5.xlarge", 1, 0, ScenarioPeak)
			if err != nil {
				t.Fatal(err)
			}
			if as.VCPU != c.want {
				t.Errorf("TierAs on its own type: %d vCPUs, want %d", as.VCPU, c.want)
			}
			checkRel(t, "TierAs peak CPU", as.Scenario(ScenarioPeak).CPUUtilization, c.cpu, 1e-9)
			// Another type brings its own count: c5.2xlarge has 8.
			if other, err := res.TierAs("web", "c5.2xlarge", 1, 0, ScenarioPeak); err != nil || other.VCPU != 8 {
				t.Errorf("TierAs c5.2xlarge: %+v, %v; want 8 vCPUs", other, err)
			}
		})
	}
}
