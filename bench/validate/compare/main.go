// Command compare prints the validation bench's table: each measured rate
// step of the real server beside what `infralint capacity` predicts for
// it from the demand and contention `infralint fit` derived.
//
//	compare -infralint BIN -demand fit-demand.json [-usl fit-usl.json] -cpu cpu.csv
//	        -workers N -queries Q -query-ms M [-max-rate R] REPORT.json...
//
// A report's file name is r<PERCENT>-<pacer>-<repeat>.json.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/infralint/infralint/fit"
)

type fitDemand struct {
	Parameters map[string]struct {
		Value float64    `json:"value"`
		CI95  [2]float64 `json:"ci95"`
	} `json:"parameters"`
	Latency *struct {
		WaitMs float64 `json:"wait_ms"`
		CV     float64 `json:"cv"`
	} `json:"latency"`
}

type fitUSL struct {
	Parameters map[string]struct {
		Value float64 `json:"value"`
	} `json:"parameters"`
}

// prediction is the app tier's peak scenario from `capacity --format json`.
type prediction struct {
	CPU, Mean, P50, P95, P99 float64
	Saturated                bool
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("compare: ")
	bin := flag.String("infralint", "infralint", "the infralint binary")
	demandFile := flag.String("demand", "", "`infralint fit demand --format json` output")
	uslFile := flag.String("usl", "", "`infralint fit usl --format json` output (optional)")
	cpuFile := flag.String("cpu", "", "the server's CPU samples (time_s,cpu_utilisation)")
	workers := flag.Int("workers", 4, "the server's workers")
	queries := flag.Int("queries", 0, "queries per request")
	queryMs := flag.Float64("query-ms", 1, "a query's mean time, measured alone, ms")
	dir := flag.String("dir", os.TempDir(), "where to write the predicted stacks")
	flag.Parse()

	var d fitDemand
	readJSON(*demandFile, &d)
	sigma, kappa := 0.0, 0.0
	if *uslFile != "" {
		var u fitUSL
		readJSON(*uslFile, &u)
		sigma, kappa = math.Max(0, u.Parameters["sigma"].Value), math.Max(0, u.Parameters["kappa"].Value)
	}
	cpu := d.Parameters["cpu_ms"]
	waitMs, cv := 0.0, 1.0
	if d.Latency != nil {
		// The fitted wait is the response at low load less its CPU: it holds
		// the database time too, which the stack models as calls.
		waitMs, cv = math.Max(0, d.Latency.WaitMs-float64(*queries)**queryMs), d.Latency.CV
	}
	f, err := os.Open(*cpuFile)
	if err != nil {
		log.Fatal(err)
	}
	samples, err := fit.ReadCPU(*cpuFile, f)
	f.Close()
	if err != nil {
		log.Fatal(err)
	}

	type row struct {
		label        string
		pct          float64
		meas         []fit.Sample
		pred, lo, hi []prediction
	}
	rows := map[string]*row{}
	for _, rep := range flag.Args() {
		pct, pacer := parseName(rep)
		f, err := os.Open(rep)
		if err != nil {
			log.Fatal(err)
		}
		st, err := fit.ReadVegeta(rep, f)
		f.Close()
		if err != nil {
			log.Fatal(err)
		}
		s, _, err := fit.SamplesFromSteps([]fit.Step{st}, samples, *cpuFile)
		if err != nil {
			log.Fatal(err)
		}
		key := fmt.Sprintf("%06.1f-%s", pct, pacer)
		r := rows[key]
		if r == nil {
			r = &row{label: pacer, pct: pct}
			rows[key] = r
		}
		r.meas = append(r.meas, s[0])
		predict := func(cpuMs float64, tag string) prediction {
			stack := fmt.Sprintf(stackTemplate, st.Throughput, *workers, cpuMs, waitMs, math.Min(cv, 10), sigma, kappa, *queries, *queryMs)
			path := filepath.Join(*dir, fmt.Sprintf("stack-%s-%s.cue", strings.TrimSuffix(filepath.Base(rep), ".json"), tag))
			if err := os.WriteFile(path, []byte(stack), 0o644); err != nil {
				log.Fatal(err)
			}
			return capacity(*bin, path)
		}
		r.pred = append(r.pred, predict(cpu.Value, "fit"))
		r.lo = append(r.lo, predict(cpu.CI95[0], "lo"))
		r.hi = append(r.hi, predict(cpu.CI95[1], "hi"))
	}
	keys := make([]string, 0, len(rows))
	for k := range rows {
		keys = append(keys, k)
	}
	sort.Strings(keys)

	fmt.Printf("Stack: 1 × %d workers on 1 vCPU, demand {cpu_ms: %.3g [%.3g, %.3g], wait_ms: %.3g, cv: %.3g}, contention {sigma: %.3g, kappa: %.3g}, %d × %.3g ms queries\n\n",
		*workers, cpu.Value, cpu.CI95[0], cpu.CI95[1], waitMs, cv, sigma, kappa, *queries, *queryMs)
	fmt.Println("| load | pacer | runs | rps | CPU measured | CPU predicted | p50 measured | p50 predicted | p99 measured (spread) | p99 predicted [fit's CI] | p99 error | CPU error |")
	fmt.Println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	worstP99 := map[string]float64{} // per pacer: the model assumes Poisson arrivals
	worstCPU, satBelow70 := 0.0, 0
	for _, k := range keys {
		r := rows[k]
		var rps, u, p50, p99, pu, pp50, pp99, lo, hi []float64
		sat := false
		for i, m := range r.meas {
			rps, u, p50, p99 = append(rps, m.RPS), append(u, m.Utilisation), append(p50, m.P50ms), append(p99, m.P99ms)
			pu, pp50, pp99 = append(pu, r.pred[i].CPU), append(pp50, r.pred[i].P50), append(pp99, r.pred[i].P99)
			lo, hi = append(lo, r.lo[i].P99), append(hi, r.hi[i].P99)
			sat = sat || r.pred[i].Saturated
		}
		mp99, pr99 := mean(p99), mean(pp99)
		e99 := (pr99 - mp99) / mp99
		eCPU := mean(pu) - mean(u)
		if r.pct <= 70 {
			if sat {
				satBelow70++ // the model says no steady state where the server had one
			} else {
				worstP99[r.label] = math.Max(worstP99[r.label], math.Abs(e99))
			}
			worstCPU = math.Max(worstCPU, math.Abs(eCPU))
		}
		pred99 := fmt.Sprintf("%.1f [%s, %s]", pr99, orSaturated(mean(lo)), orSaturated(mean(hi)))
		err99 := fmt.Sprintf("%+.0f %%", 100*e99)
		if sat {
			pred99, err99 = "saturated", "-"
		}
		fmt.Printf("| %.0f %% | %s | %d | %.1f | %.1f %% | %.1f %% | %.1f | %s | %.1f (%.1f–%.1f) | %s | %s | %+.1f pp |\n",
			r.pct, r.label, len(r.meas), mean(rps), 100*mean(u), 100*mean(pu), mean(p50), orDash(mean(pp50)), mp99, slices.Min(p99), slices.Max(p99), pred99, err99, 100*eCPU)
	}
	fmt.Printf("\nUp to 70 %% of saturation: worst p99 error %.0f %% with the Poisson pacer, %.0f %% with the even one (target 25 %%), worst CPU error %.1f points (target 10)",
		100*worstP99["poisson"], 100*worstP99["constant"], 100*worstCPU)
	if satBelow70 > 0 {
		fmt.Printf("; %d rates the server served were predicted saturated", satBelow70)
	}
	fmt.Println(".")
}

const stackTemplate = `name: "validate"
region: "us-east-1"
workload: {avg_rps: %[1]g, peak_rps: %[1]g, slo_p99_ms: 3600000}
network: azs: ["us-east-1a", "us-east-1b"]
components: {
	// The bench server, pinned to one CPU (taskset, GOMAXPROCS=1): vcpus
	// says so; the type only prices a machine that is not on EC2.
	app: {
		kind: "compute", subnet: "private", instance_type: "m5.large", vcpus: 1, count: 1
		workers: {processes: 1, threads: %[2]d}
		demand: {cpu_ms: %[3]g, wait_ms: %[4]g, cv: %[5]g}
		contention: {sigma: %[6]g, kappa: %[7]g}
		calls: [{target: "db", per_request: %[8]d}]
	}
	// PostgreSQL on the other CPU (db.t2.micro: 1 vCPU).
	db: {kind: "database", engine: "postgres", instance_class: "db.t2.micro", ingress: ["app"], query_ms: %[9]g}
}
`

func capacity(bin, stack string) prediction {
	out, err := exec.Command(bin, "capacity", "--format", "json", stack).Output()
	if err != nil {
		log.Fatalf("%s capacity %s: %v\n%s", bin, stack, err, out)
	}
	var doc struct {
		Stacks []struct {
			Tiers []struct {
				Name      string
				Scenarios []struct {
					Scenario  string   `json:"scenario"`
					CPU       float64  `json:"cpu_utilization"`
					Mean      *float64 `json:"mean_ms"`
					P50       *float64 `json:"p50_ms"`
					P95       *float64 `json:"p95_ms"`
					P99       *float64 `json:"p99_ms"`
					Saturated bool     `json:"saturated"`
				} `json:"scenarios"`
			} `json:"tiers"`
		} `json:"stacks"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		log.Fatalf("capacity JSON: %v", err)
	}
	val := func(p *float64) float64 {
		if p == nil {
			return math.NaN()
		}
		return *p
	}
	for _, t := range doc.Stacks[0].Tiers {
		if t.Name != "app" {
			continue
		}
		for _, s := range t.Scenarios {
			if s.Scenario == "peak" {
				return prediction{CPU: s.CPU, Mean: val(s.Mean), P50: val(s.P50), P95: val(s.P95), P99: val(s.P99), Saturated: s.Saturated}
			}
		}
	}
	log.Fatalf("%s: no peak scenario of app", stack)
	return prediction{}
}

// parseName reads r<PERCENT>-<pacer>-<repeat>.json.
func parseName(path string) (float64, string) {
	parts := strings.Split(strings.TrimSuffix(filepath.Base(path), ".json"), "-")
	if len(parts) != 3 || !strings.HasPrefix(parts[0], "r") {
		log.Fatalf("%s: want r<PERCENT>-<pacer>-<repeat>.json", path)
	}
	pct, err := strconv.ParseFloat(parts[0][1:], 64)
	if err != nil {
		log.Fatalf("%s: %v", path, err)
	}
	return pct, parts[1]
}

func readJSON(path string, v any) {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		log.Fatalf("%s: %v", path, err)
	}
}

func mean(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

// orSaturated prints a bound of the fit's interval, which is NaN where
// the model has no steady state at that end.
func orSaturated(v float64) string {
	if math.IsNaN(v) {
		return "saturated"
	}
	return fmt.Sprintf("%.1f", v)
}

func orDash(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	return fmt.Sprintf("%.1f", v)
}
