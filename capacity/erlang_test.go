package capacity

import (
	"math"
	"testing"
)

func TestErlangBSmall(t *testing.T) {
	// Exact rationals from the definition B = (a^c/c!)/Σ_{k≤c} a^k/k!,
	// worked by hand.
	tests := []struct {
		c    int
		a    float64
		want float64
	}{
		{0, 3, 1},                     // no servers: everything blocked
		{1, 3, 3.0 / 4},               // a/(1+a)
		{2, 1, 0.2},                   // (1/2)/(1+1+1/2)
		{3, 2, 4.0 / 19},              // (8/6)/(1+2+2+8/6)
		{4, 0, 0},                     // no load, no blocking
		{5, math.Inf(1), 1},           // infinite load blocks everything
		{4, 3.2, 0.22814492995794691}, // octave-queueing: erlangb(3.2, 4); exact rational (3.2⁴/4!)/Σ_{k≤4} 3.2^k/k! = 4.3690667/19.1504
	}
	for _, tt := range tests {
		checkRel(t, "ErlangB", ErlangB(tt.c, tt.a), tt.want, 1e-14)
	}
}

func TestErlangCSmall(t *testing.T) {
	tests := []struct {
		c    int
		a    float64
		want float64
	}{
		{1, 0.6, 0.6},                 // M/M/1: C = ρ
		{2, 1, 1.0 / 3},               // 2·0.2/(2 − 1·0.8)
		{4, 3.2, 0.59643247178740455}, // octave-queueing: qsmmm(80, 25, 4) pm
		{4, 0, 0},                     // no load, no waiting
		{4, 4, 1},                     // ρ = 1: saturated, limit value
		{4, 9, 1},                     // ρ > 1
	}
	for _, tt := range tests {
		checkRel(t, "ErlangC", ErlangC(tt.c, tt.a), tt.want, 1e-14)
	}
}

func TestErlangDomain(t *testing.T) {
	for _, v := range []float64{ErlangB(-1, 1), ErlangB(1, -1), ErlangB(1, math.NaN()),
		ErlangC(0, 1), ErlangC(1, -1), ErlangC(1, math.NaN())} {
		if !math.IsNaN(v) {
			t.Errorf("out-of-domain Erlang argument gave %g, want NaN", v)
		}
	}
}

// TestErlangLargeC checks the recursion against the math/big textbook sum
// (bigMMC) where a^c/c! is far beyond float64: c = 10,000 at ρ = 0.9, 0.99
// and 0.9999, and c = 64.
func TestErlangLargeC(t *testing.T) {
	for _, tt := range []struct {
		c int
		a float64
	}{{10000, 9000}, {10000, 9900}, {10000, 9999}, {64, 50}, {64, 63.36}, {1000, 999.9}} {
		ref := bigMMC(tt.a, 1, tt.c)
		checkRel(t, "ErlangC", ErlangC(tt.c, tt.a), ref.Pwait, 1e-9)
	}
}

// TestErlangBManyIdleServers: with c = 10^7 servers and a = 10 Erlangs,
// B = (a^c/c!)/Σ_{k≤c} a^k/k! ≈ e^-a·a^c/c! is far below the smallest
// float64 (log10 of a^c/c! is about -6·10^7 by Stirling), so the recursion
// must give exactly 0, and stops there instead of running 10^7 steps.
func TestErlangBManyIdleServers(t *testing.T) {
	if got := ErlangB(10_000_000, 10); got != 0 {
		t.Errorf("B(1e7, 10) = %g, want 0", got)
	}
}
