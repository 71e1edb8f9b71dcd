package schema

import (
	"strings"
	"testing"

	"github.com/infralint/infralint/catalog"
)

// TestValidateEventLoopWorkers: threads belong to blocking workers and
// concurrency to an event loop; each misuse is one positioned error, and
// the bound on processes × concurrency is MaxWorkers, as for threads.
func TestValidateEventLoopWorkers(t *testing.T) {
	stack := func(workers string) string {
		return `name: "w"
region: "us-east-1"
workload: {avg_rps: 10, peak_rps: 50, slo_p99_ms: 200}
network: azs: ["us-east-1a"]
components: app: {
	kind: "compute", instance_type: "m5.large", count: 1
	workers: ` + workers + `
	demand: cpu_ms: 10
}
`
	}
	cases := []struct{ workers, want string }{
		{`{model: "event_loop", processes: 2}`, ""},
		{`{model: "event_loop", processes: 2, concurrency: 500}`, ""},
		{`{model: "blocking", processes: 2, threads: 8}`, ""},
		{`{model: "event_loop", processes: 2, threads: 8}`,
			`stack.cue:7:47: components.app.workers.threads: an event loop runs one thread per process: drop threads, or set concurrency for the requests one process runs at once`},
		{`{processes: 2, concurrency: 100}`,
			`stack.cue:7:26: components.app.workers.concurrency: concurrency limits an event loop's requests per process: set model: "event_loop", or drop it (blocking workers run threads requests at once)`},
		{`{model: "event_loop", processes: 1024, concurrency: 10000}`,
			`stack.cue:7:2: components.app.workers: processes × concurrency must be at most 10000000`},
	}
	for _, tc := range cases {
		s, err := loadString(t, stack(tc.workers))
		if err != nil {
			t.Fatalf("%s: %v", tc.workers, err)
		}
		got := ""
		if errs := Validate(s, catalog.Default()); len(errs) > 0 {
			got = errs.Error()
		}
		if got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.workers, got, tc.want)
		}
	}
}

// TestEventLoopModelDecodes: the model field and its default reach Go.
func TestEventLoopModelDecodes(t *testing.T) {
	s, err := loadString(t, strings.Replace(validStack, "demand: cpu_ms: 10", `workers: {model: "event_loop", concurrency: 64}, demand: cpu_ms: 10`, 1))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range s.Names() {
		if c := s.Components[name]; c.Compute != nil {
			if w := c.Compute.Workers; !w.EventLoop() || w.Concurrency != 64 || w.Total() != 64*w.Processes {
				t.Errorf("%s: workers %+v", name, w)
			}
		}
	}
	s, err = loadString(t, validStack)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range s.Names() {
		if c := s.Components[name]; c.Compute != nil && c.Compute.Workers.Model != WorkersBlocking {
			t.Errorf("%s: default model %q, want %q", name, c.Compute.Workers.Model, WorkersBlocking)
		}
	}
}
