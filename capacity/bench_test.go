package capacity

import "testing"

var sink float64

// BenchmarkErlangC10000: the O(c) Erlang B recursion at the largest c the
// brief asks for, ρ = 0.99.
func BenchmarkErlangC10000(b *testing.B) {
	for b.Loop() {
		sink = ErlangC(10000, 9900)
	}
}

// BenchmarkNewMMC10000: Erlang C plus the rescaled P0 sum, both O(c).
func BenchmarkNewMMC10000(b *testing.B) {
	for b.Loop() {
		m, _ := NewMMC(9900, 1, 10000)
		sink = m.P0
	}
}

// BenchmarkPercentile: p99 of the response time for c = 64 at ρ = 0.99,
// the bracketing + safeguarded Newton solve alone.
func BenchmarkPercentile(b *testing.B) {
	m, err := NewMMC(63.36, 1, 64)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		sink, _ = m.ResponsePercentile(0.99)
	}
}
