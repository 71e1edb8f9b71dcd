package fit

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Demand is the per-request demand fitted to an open-loop load test.
//
// CPU comes from the utilisation law (Denning and Buzen 1978): an
// instance of c vCPUs serving X requests per second at CPU utilisation U
// spends U·c/X CPU-seconds per request. U is regressed on X by ordinary
// least squares, U = U₀ + b·X; cpu_ms = 1000·b·c, and U₀ is the
// utilisation at zero load (background work), kept out of cpu_ms.
//
// Wait and cv come from the response times at the lowest rates, where a
// request barely queues: its response is then its holding time, CPU +
// wait. A gamma distribution is fitted to each such rate's p50 and p99;
// its mean is cpu_ms + wait_ms. The model draws CPU and wait as
// independent gammas with the same cv, so the holding time's variance is
// cv²(cpu² + wait²): cv = cv_H·(cpu + wait)/√(cpu² + wait²).
type Demand struct {
	VCPUs int
	// CPUms is CPU milliseconds per request; Background the utilisation
	// at zero load (the regression's intercept), both with 95 % intervals.
	CPUms, Background Estimate
	RSquared          float64
	Fitted            []float64 // Û at each sample's rate

	// Latency is false when no sample has both p50_ms and p99_ms: wait_ms
	// and cv are then not fitted.
	Latency bool
	// LatencyFrom are the samples the latency fit used (the lowest rates).
	LatencyFrom []int
	// HoldingMs and HoldingCV are the mean and cv of the gamma fitted to
	// their p50 and p99, averaged over them.
	HoldingMs, HoldingCV float64
	WaitMs, CV           float64

	Samples  []Sample
	Warnings []string
}

// MaxCV is the largest demand.cv the schema accepts.
const MaxCV = 10

// LatencyRates is how many of the lowest rates the latency fit uses.
const LatencyRates = 2

// LowLoad is the utilisation above which a sample's response times carry
// enough CPU queueing to bias wait_ms upward: the fit warns.
const LowLoad = 0.3

// FitDemand fits the demand of samples measured on an instance of vcpus
// vCPUs.
func FitDemand(samples []Sample, vcpus int) (*Demand, error) {
	n := len(samples)
	if n < MinRates {
		return nil, fmt.Errorf("%d samples: fitting CPU per request needs at least %d rates", n, MinRates)
	}
	if vcpus < 1 {
		return nil, fmt.Errorf("%d vCPUs: need at least 1", vcpus)
	}
	d := &Demand{VCPUs: vcpus, Samples: samples, Fitted: make([]float64, n)}
	x, y := make([]float64, n), make([]float64, n)
	for i, s := range samples {
		x[i], y[i] = s.RPS, s.Utilisation
	}
	u0, b := stat.LinearRegression(x, y, nil, false)
	xbar := stat.Mean(x, nil)
	var ssr, sxx float64
	for i := range x {
		d.Fitted[i] = u0 + b*x[i]
		r := y[i] - d.Fitted[i]
		ssr += r * r
		sxx += (x[i] - xbar) * (x[i] - xbar)
	}
	if sxx == 0 {
		return nil, errors.New("every sample has the same rate: the utilisation law needs rates that differ")
	}
	d.RSquared = stat.RSquared(x, y, nil, u0, b)
	// Ordinary least squares' standard errors on n−2 degrees of freedom
	// (e.g. Draper and Smith, Applied Regression Analysis, §1.4).
	dof := float64(n - 2)
	s2 := ssr / dof
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: dof}.Quantile(0.975)
	seB := math.Sqrt(s2 / sxx)
	seU0 := math.Sqrt(s2 * (1/float64(n) + xbar*xbar/sxx))
	k := 1000 * float64(vcpus)
	d.CPUms = Estimate{Value: k * b, StdErr: k * seB, Lo: k * (b - t*seB), Hi: k * (b + t*seB)}
	d.Background = Estimate{Value: u0, StdErr: seU0, Lo: u0 - t*seU0, Hi: u0 + t*seU0}
	if !(d.CPUms.Value > 0) || math.IsInf(d.CPUms.Value, 0) || math.IsNaN(d.CPUms.StdErr) {
		if b <= 0 {
			return nil, fmt.Errorf("CPU utilisation does not grow with the rate (slope %.3g per rps): the samples cannot give a CPU demand; check that cpu_utilisation is the server's", b)
		}
		return nil, fmt.Errorf("the rates (%g to %g rps) span too wide a range to fit in floating point", slices.Min(x), slices.Max(x))
	}
	if b <= 0 {
		return nil, fmt.Errorf("CPU utilisation does not grow with the rate (slope %.3g per rps): the samples cannot give a CPU demand; check that cpu_utilisation is the server's", b)
	}
	d.fitLatency()
	d.warn()
	return d, nil
}

func (d *Demand) fitLatency() {
	var idx []int
	for i, s := range d.Samples {
		if !math.IsNaN(s.P50ms) && !math.IsNaN(s.P99ms) && s.P50ms > 0 {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return
	}
	sort.SliceStable(idx, func(a, b int) bool { return d.Samples[idx[a]].RPS < d.Samples[idx[b]].RPS })
	idx = idx[:min(len(idx), LatencyRates)]
	d.Latency, d.LatencyFrom = true, idx
	clamped := false
	for _, i := range idx {
		m, cv, c := gammaFromQuantiles(d.Samples[i].P50ms, d.Samples[i].P99ms)
		d.HoldingMs += m / float64(len(idx))
		d.HoldingCV += cv / float64(len(idx))
		clamped = clamped || c
	}
	cpu := d.CPUms.Value
	d.WaitMs = d.HoldingMs - cpu
	if d.WaitMs < 0 {
		d.warnf("the responses at the lowest rates (mean %.3g ms by the gamma fit) are shorter than the CPU per request (%.3g ms): cpu_utilisation counts work the responses do not include (other processes?), or the responses leave part of the request out; wait_ms is set to 0", d.HoldingMs, cpu)
		d.WaitMs = 0
	}
	d.CV = d.HoldingCV * (cpu + d.WaitMs) / math.Hypot(cpu, d.WaitMs)
	if d.CV > MaxCV {
		d.warnf("the fitted cv %.3g is above %d, the most the schema accepts: the CUE uses %d", d.CV, MaxCV, MaxCV)
	}
	if clamped {
		d.warnf("p99/p50 at the lowest rates lies outside what a gamma distribution with cv 0.001 to 31.6 gives: cv is at that bound")
	}
}

func (d *Demand) warnf(format string, args ...any) {
	d.Warnings = append(d.Warnings, fmt.Sprintf(format, args...))
}

func (d *Demand) warn() {
	if d.Background.Lo > 0 {
		d.warnf("the CPU is %.1f %% busy at zero load by the fit (95 %% interval %.1f to %.1f %%): background work, kept out of cpu_ms; the model does not add it, so leave that share of headroom", 100*d.Background.Value, 100*d.Background.Lo, 100*d.Background.Hi)
	}
	if d.Background.Hi < 0 {
		d.warnf("the fitted utilisation at zero load is negative (%.3g): utilisation grows faster than linearly with the rate (contention or CPU frequency scaling?), so cpu_ms is an upper bound at low rates", d.Background.Value)
	}
	var busy []string
	for _, s := range d.Samples {
		if s.Utilisation > 0.9 {
			busy = append(busy, s.At())
		}
	}
	if len(busy) > 0 {
		d.warnf("%d samples above 90 %% CPU (%s): near saturation the utilisation law still holds, but a run that fell behind its rate counts fewer requests than were offered; give rps as the completed rate", len(busy), joinMax(busy, 3))
	}
	if !math.IsNaN(d.RSquared) && d.RSquared < 0.9 {
		d.warnf("R² is %.3f: the utilisation is not close to linear in the rate, so cpu_ms is an average over rates that disagree", d.RSquared)
	}
	if !d.Latency {
		d.warnf("no sample has both p50_ms and p99_ms: wait_ms and cv are not fitted")
		return
	}
	for _, i := range d.LatencyFrom {
		if s := d.Samples[i]; s.Utilisation > LowLoad {
			d.warnf("the latency fit uses %s at %.0f %% CPU: queueing for the CPU is then part of the response and inflates wait_ms; measure a rate below %.0f %%", s.At(), 100*s.Utilisation, 100*LowLoad)
		}
	}
}

func joinMax(s []string, n int) string {
	if len(s) <= n {
		return strings.Join(s, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(s[:n], ", "), len(s)-n)
}

// Paste is the CUE a user pastes into a compute component.
func (d *Demand) Paste() string {
	if !d.Latency {
		return fmt.Sprintf("demand: {cpu_ms: %s}", sig(d.CPUms.Value))
	}
	return fmt.Sprintf("demand: {cpu_ms: %s, wait_ms: %s, cv: %s}", sig(d.CPUms.Value), sig(d.WaitMs), sig(math.Min(d.CV, MaxCV)))
}
