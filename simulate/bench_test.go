package simulate

import (
	"container/heap"
	"math/rand/v2"
	"testing"

	"github.com/infralint/infralint/internal/testload"
)

// A simple tier (one M/M/4 CPU queue behind 256 workers) at ρ = 0.8: the
// requests simulated per second of CPU.
func BenchmarkSimpleTier(b *testing.B) {
	s := testload.Source(b, "q.cue", `name: "q"
region: "us-east-1"
workload: {avg_rps: 640, peak_rps: 640, slo_p99_ms: 1000}
network: azs: ["us-east-1a", "us-east-1b"]
components: app: {kind: "compute", subnet: "private", instance_type: "c5.xlarge", count: 1
	workers: {processes: 1, threads: 256}, demand: {cpu_ms: 5, cv: 1}}
`)
	sc := []Scenario{{Kind: "peak", RPS: 640, Instances: map[string]int{"app": 1}}}
	const n = 1_000_000
	b.ResetTimer()
	for range b.N {
		if _, err := Run(s, sc, Options{Requests: n, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "requests/s")
}

type boxed []event

func (h boxed) Len() int           { return len(h) }
func (h boxed) Less(i, j int) bool { return h[i].before(&h[j]) }
func (h boxed) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *boxed) Push(x any)        { *h = append(*h, x.(event)) }
func (h *boxed) Pop() any {
	o := *h
	e := o[len(o)-1]
	*h = o[:len(o)-1]
	return e
}

// The event queue against container/heap: a hold model of 1,000 pending
// events (pop the earliest, push one later), as a run does.
func BenchmarkEventQueue(b *testing.B) {
	b.Run("4-ary", func(b *testing.B) {
		r := rand.New(rand.NewPCG(1, 1))
		var q eventQueue
		for range 1000 {
			q.push(r.Float64(), 0, 0, 0)
		}
		for range b.N {
			e := q.pop()
			q.push(e.t+r.Float64(), 0, 0, 0)
		}
	})
	b.Run("container-heap", func(b *testing.B) {
		r := rand.New(rand.NewPCG(1, 1))
		var h boxed
		seq := uint64(0)
		for range 1000 {
			seq++
			heap.Push(&h, event{t: r.Float64(), seq: seq})
		}
		for range b.N {
			e := heap.Pop(&h).(event)
			seq++
			heap.Push(&h, event{t: e.t + r.Float64(), seq: seq})
		}
	})
}
