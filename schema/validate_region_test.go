package schema

import (
	"strings"
	"testing"

	"github.com/infralint/infralint/catalog"
)

// TestValidateAZsAndCPUTarget: an AZ of another region and a cpu_target
// written as a fraction are each one positioned error; zones of the region
// (a Local Zone included) and a percentage pass.
func TestValidateAZsAndCPUTarget(t *testing.T) {
	const src = `name:   "t"
region: "us-east-1"
workload: {avg_rps: 10, peak_rps: 50, slo_p99_ms: 200}
network: azs: ["us-east-1a", "us-west-2b", "us-east-1-bos-1a", "us-east-1", "us-east-12"]
components: app: {
	kind: "compute", instance_type: "m5.large", demand: cpu_ms: 10
	autoscaling: {min: 2, max: 6, policy: cpu_target: 0.6}
}
`
	s, err := loadString(t, src)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{
		`stack.cue:4:30: network.azs[1]: availability zone "us-west-2b" is not in region "us-east-1" (its zones are us-east-1a, us-east-1b, ...)`,
		`stack.cue:4:64: network.azs[3]: "us-east-1" is the region, not one of its availability zones (us-east-1a, us-east-1b, ...)`,
		`stack.cue:4:77: network.azs[4]: availability zone "us-east-12" is not in region "us-east-1" (its zones are us-east-1a, us-east-1b, ...)`,
		`stack.cue:7:40: components.app.autoscaling.policy.cpu_target: a percentage (1 to 100), not a fraction: 0.6 means 0.6 %; for 60 % write 60`,
	}, "\n")
	if got := Validate(s, catalog.Default()).Error(); got != want {
		t.Errorf("Validate:\n%s\nwant:\n%s", got, want)
	}

	fixed := strings.NewReplacer(`, "us-west-2b"`, "", `, "us-east-1", "us-east-12"`, "", "cpu_target: 0.6", "cpu_target: 60").Replace(src)
	if s, err = loadString(t, fixed); err != nil {
		t.Fatal(err)
	}
	if errs := Validate(s, catalog.Default()); len(errs) > 0 {
		t.Errorf("valid zones and a percentage: %v", errs)
	}
}

// TestDefaultPortByEngine: each engine listens on its own port unless the
// stack says otherwise.
func TestDefaultPortByEngine(t *testing.T) {
	const src = `name:   "t"
region: "us-east-1"
workload: {avg_rps: 10, peak_rps: 50, slo_p99_ms: 200}
network: azs: ["us-east-1a"]
components: {
	pg: {kind: "database", engine: "postgres", instance_class: "db.r5.large"}
	my: {kind: "database", engine: "mysql", instance_class: "db.r5.large"}
	maria: {kind: "database", engine: "mariadb", instance_class: "db.r5.large"}
	set: {kind: "database", engine: "mysql", instance_class: "db.r5.large", port: 5432}
	redis: {kind: "cache", node_type: "cache.t3.medium"}
	valkey: {kind: "cache", engine: "valkey", node_type: "cache.t3.medium"}
	memcached: {kind: "cache", engine: "memcached", node_type: "cache.t3.medium"}
}
`
	s, err := loadString(t, src)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"pg": 5432, "my": 3306, "maria": 3306, "set": 5432, "redis": 6379, "valkey": 6379, "memcached": 11211}
	for name, port := range want {
		c := s.Components[name]
		got := 0
		if c.Database != nil {
			got = c.Database.Port
		} else {
			got = c.Cache.Port
		}
		if got != port {
			t.Errorf("%s: port %d, want %d", name, got, port)
		}
	}
}
