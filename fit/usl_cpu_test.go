package fit

import (
	"math"
	"testing"
)

// repairman is the M/M/1//N machine-repairman throughput by its textbook
// closed form (Kleinrock 1975, eq. 3.47): P0 = [Σ_{k=0..N} N!/(N−k)!·(D/Z)^k]⁻¹,
// X = (1 − P0)/D; written apart from Server.QueueThroughput's chain.
func repairman(nJobs int, d, z float64) float64 {
	sum, term := 0.0, 1.0
	for k := 0; k <= nJobs; k++ {
		sum += term
		term *= float64(nJobs-k) * d / z
	}
	return (1 - 1/sum) / d
}

// The bench's shape: 4 workers, 5 ms of CPU on one vCPU, 15 ms elsewhere.
var benchServer = Server{CPUms: 5, WaitMs: 15, VCPUs: 1, Workers: 4}

func TestQueueThroughputMatchesRepairman(t *testing.T) {
	for _, n := range []float64{1, 2, 3, 4, 8, 16} {
		want := repairman(min(int(n), 4), 0.005, 0.015)
		if got := benchServer.QueueThroughput(n); math.Abs(got-want) > 1e-9*want {
			t.Errorf("N=%g: %.12g rps, want %.12g", n, got, want)
		}
	}
	// N = 1: one request at a time, 1/(D + Z) = 1/20 ms = 50 rps.
	if got := benchServer.QueueThroughput(1); math.Abs(got-50) > 1e-9 {
		t.Errorf("N=1: %g rps, want 50", got)
	}
	// Without a delay v vCPUs serve min(N, v) at 1/D each: 2 × 200 rps.
	if got := (Server{CPUms: 5, VCPUs: 2}).QueueThroughput(8); math.Abs(got-400) > 1e-9 {
		t.Errorf("no wait, 2 vCPUs: %g rps, want 400", got)
	}
}

// TestFitUSLBeyondQueues: a server that only saturates its CPU (throughput
// from the closed form above, no contention) gets σ ≈ 0, where the plain
// USL fit reads σ > 0.1 from the same flattening (the bench's double
// count); clean data made with σ 0.05 and κ 0.002 on top of the CPU queue
// give them back within 5 %.
func TestFitUSLBeyondQueues(t *testing.T) {
	levels := []float64{1, 2, 3, 4, 6, 8, 12, 16}
	cpuOnly := make([]Point, len(levels))
	contended := make([]Point, len(levels))
	const sigma, kappa = 0.05, 0.002
	for i, n := range levels {
		x := repairman(min(int(n), 4), 0.005, 0.015)
		cpuOnly[i] = Point{Line: i + 2, Concurrency: n, Throughput: x, P99ms: math.NaN()}
		contended[i] = Point{Line: i + 2, Concurrency: n, Throughput: x / (1 + sigma*(n-1) + kappa*n*(n-1)), P99ms: math.NaN()}
	}
	plain, err := FitUSL(cpuOnly)
	if err != nil {
		t.Fatal(err)
	}
	if plain.Sigma.Value < 0.1 {
		t.Errorf("plain USL on a CPU-bound server: σ %g, expected the flattening read as contention (> 0.1)", plain.Sigma.Value)
	}
	u, err := FitUSLBeyondQueues(cpuOnly, benchServer)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(u.Sigma.Value) > 1e-4 || math.Abs(u.Kappa.Value) > 1e-5 {
		t.Errorf("CPU-only server: σ %g, κ %g; want ≈ 0", u.Sigma.Value, u.Kappa.Value)
	}
	u, err = FitUSLBeyondQueues(contended, benchServer)
	if err != nil {
		t.Fatal(err)
	}
	if relErr := math.Abs(u.Sigma.Value-sigma) / sigma; relErr > 0.05 {
		t.Errorf("σ %g, want %g within 5 %%", u.Sigma.Value, sigma)
	}
	if relErr := math.Abs(u.Kappa.Value-kappa) / kappa; relErr > 0.05 {
		t.Errorf("κ %g, want %g within 5 %%", u.Kappa.Value, kappa)
	}
	// The wait taken from the N = 1 row: 1/50 rps − 5 ms = 15 ms, as given.
	u, err = FitUSLBeyondQueues(contended, Server{CPUms: 5, WaitMs: math.NaN(), VCPUs: 1, Workers: 4})
	if err != nil || math.Abs(u.Sigma.Value-sigma) > 0.05*sigma {
		t.Errorf("wait from the sweep: σ %v (%v), want %g within 5 %%", u.Sigma.Value, err, sigma)
	}
	if _, err := FitUSLBeyondQueues(cpuOnly, Server{CPUms: 0, VCPUs: 1}); err == nil {
		t.Error("cpu_ms 0 accepted")
	}
}

// mva is exact mean-value analysis (Reiser and Lavenberg 1980) of a
// closed network of single-server FCFS stations of demands d (seconds)
// and a delay z, for jobs clients: written apart from QueueThroughput's
// product form.
func mva(jobs int, d []float64, z float64) float64 {
	q := make([]float64, len(d))
	x := 0.0
	for n := 1; n <= jobs; n++ {
		r := 0.0
		rs := make([]float64, len(d))
		for k := range d {
			rs[k] = d[k] * (1 + q[k])
			r += rs[k]
		}
		x = float64(n) / (z + r)
		for k := range d {
			q[k] = x * rs[k]
		}
	}
	return x
}

// With a database as a second queue (the validation bench's shape: 4
// workers, 5 ms of CPU on 1 vCPU, 2 × 3.2 ms of queries on the
// database's 1 vCPU, 10 ms elsewhere), the product form agrees with MVA.
func TestQueueThroughputWithDatabaseMatchesMVA(t *testing.T) {
	srv := Server{CPUms: 5, DBms: 6.4, DBVCPUs: 1, WaitMs: 10, VCPUs: 1, Workers: 4}
	for _, n := range []float64{1, 2, 3, 4, 8} {
		want := mva(min(int(n), 4), []float64{0.005, 0.0064}, 0.010)
		if got := srv.QueueThroughput(n); math.Abs(got-want) > 1e-9*want {
			t.Errorf("N=%g: %.12g rps, want %.12g", n, got, want)
		}
	}
	// Many jobs: the slower station's limit, 1/6.4 ms = 156.25 rps, with
	// no overflow of the state weights.
	big := Server{CPUms: 5, DBms: 6.4, DBVCPUs: 1, WaitMs: 10, VCPUs: 1}
	if got := big.QueueThroughput(400); math.Abs(got-156.25) > 1e-6 {
		t.Errorf("N=400: %g rps, want 156.25", got)
	}
	// A sweep that only the database limits gets σ ≈ 0 when the database
	// is given, and σ > 0 when only the CPU is.
	levels := []float64{1, 2, 3, 4, 6, 8}
	pts := make([]Point, len(levels))
	for i, n := range levels {
		pts[i] = Point{Line: i + 2, Concurrency: n, Throughput: mva(min(int(n), 4), []float64{0.005, 0.0064}, 0.010), P99ms: math.NaN()}
	}
	u, err := FitUSLBeyondQueues(pts, srv)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(u.Sigma.Value) > 1e-4 {
		t.Errorf("with the database: σ %g, want ≈ 0", u.Sigma.Value)
	}
	u, err = FitUSLBeyondQueues(pts, Server{CPUms: 5, WaitMs: math.NaN(), VCPUs: 1, Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	if u.Sigma.Value < 0.02 {
		t.Errorf("without the database: σ %g, expected its queue read as contention", u.Sigma.Value)
	}
}
