// Command load drives the validation bench's server with vegeta (as a
// library) and samples the server's CPU from /proc:
//
//	load open   -url U -rate R -duration D [-pacer poisson|constant] -report F.json -pid P -cpu F.csv
//	load closed -url U -concurrency N -duration D        # prints N,throughput_rps,p99_ms
//	load dbtime -dsn DSN -rows R -n N                     # prints a query's mean time, ms
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	vegeta "github.com/tsenart/vegeta/v12/lib"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("load: ")
	if len(os.Args) < 2 {
		log.Fatal("usage: load open|closed|dbtime [flags]")
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	url := fs.String("url", "", "the server's URL")
	rate := fs.Float64("rate", 10, "open loop: requests per second")
	duration := fs.Duration("duration", 10*time.Second, "length of the step")
	pacerName := fs.String("pacer", "poisson", "open loop: poisson (exponential gaps) or constant (vegeta's even spacing)")
	seed := fs.Uint64("seed", 1, "seed of the Poisson pacer")
	report := fs.String("report", "", "open loop: write `vegeta report -type=json` here")
	pid := fs.Int("pid", 0, "open loop: the server's process, whose CPU is sampled each second")
	cpuOut := fs.String("cpu", "", "open loop: append CPU samples (time_s,cpu_utilisation) here")
	vcpus := fs.Int("vcpus", 1, "the CPUs the server may use (its taskset)")
	concurrency := fs.Int("concurrency", 1, "closed loop: clients, each sending its next request when the last returns")
	dsn := fs.String("dsn", "", "dbtime: PostgreSQL connection string")
	rows := fs.Int("rows", 20000, "dbtime: rows each query counts")
	n := fs.Int("n", 300, "dbtime: queries to time")
	fs.Parse(os.Args[2:])

	switch os.Args[1] {
	case "open":
		var pacer vegeta.Pacer = newPoissonPacer(*rate, *seed)
		if *pacerName == "constant" {
			pacer = vegeta.ConstantPacer{Freq: int(*rate + 0.5), Per: time.Second}
		}
		stop := make(chan struct{})
		done := make(chan error, 1)
		if *pid > 0 {
			go func() { done <- sampleCPU(*pid, *vcpus, *cpuOut, stop) }()
		}
		m := attack(*url, pacer, *duration, vegeta.Workers(64), vegeta.MaxWorkers(100000))
		close(stop)
		if *pid > 0 {
			if err := <-done; err != nil {
				log.Fatal(err)
			}
		}
		f, err := os.Create(*report)
		if err != nil {
			log.Fatal(err)
		}
		if err := vegeta.NewJSONReporter(m)(f); err != nil {
			log.Fatal(err)
		}
		f.Close()
	case "closed":
		// Rate 0 with a fixed number of workers is vegeta's closed loop:
		// each worker sends its next request as soon as the last returns.
		m := attack(*url, vegeta.ConstantPacer{}, *duration, vegeta.Workers(uint64(*concurrency)), vegeta.MaxWorkers(uint64(*concurrency)))
		fmt.Printf("%d,%.3f,%.3f\n", *concurrency, m.Throughput, float64(m.Latencies.P99)/1e6)
	case "dbtime":
		fmt.Printf("%.4f\n", dbTime(*dsn, *rows, *n))
	default:
		log.Fatalf("unknown mode %q", os.Args[1])
	}
}

func attack(url string, p vegeta.Pacer, d time.Duration, opts ...func(*vegeta.Attacker)) *vegeta.Metrics {
	opts = append(opts, vegeta.KeepAlive(true), vegeta.Timeout(30*time.Second))
	atk := vegeta.NewAttacker(opts...)
	tgt := vegeta.NewStaticTargeter(vegeta.Target{Method: "GET", URL: url})
	var m vegeta.Metrics
	for res := range atk.Attack(tgt, p, d, "step") {
		m.Add(res)
	}
	m.Close()
	if m.Success < 1 {
		log.Printf("%.2f %% of requests failed: %v", 100*(1-m.Success), m.Errors)
	}
	return &m
}

// sampleCPU appends, each second until stop, the share of vcpus the
// process used over the second before: Δ(utime + stime) from
// /proc/PID/stat (proc(5)), in clock ticks of 1/100 s (USER_HZ on Linux).
func sampleCPU(pid, vcpus int, out string, stop <-chan struct{}) error {
	f, err := os.OpenFile(out, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	if st, _ := f.Stat(); st != nil && st.Size() == 0 {
		fmt.Fprintln(f, "time_s,cpu_utilisation")
	}
	lastT, lastTicks, err := ticks(pid)
	if err != nil {
		return err
	}
	tk := time.NewTicker(time.Second)
	defer tk.Stop()
	for {
		select {
		case <-stop:
			return nil
		case <-tk.C:
			t, c, err := ticks(pid)
			if err != nil {
				return err
			}
			u := (c - lastTicks) / 100 / t.Sub(lastT).Seconds() / float64(vcpus)
			fmt.Fprintf(f, "%.3f,%.4f\n", float64(t.UnixNano())/1e9, min(u, 1))
			lastT, lastTicks = t, c
		}
	}
}

func ticks(pid int) (time.Time, float64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	now := time.Now()
	if err != nil {
		return now, 0, err
	}
	// The command name (field 2) may hold spaces: count from after ")".
	fields := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	utime, _ := strconv.ParseFloat(fields[11], 64) // field 14
	stime, _ := strconv.ParseFloat(fields[12], 64) // field 15
	return now, utime + stime, nil
}

// dbTime times n sequential queries of the kind the server sends, over
// one connection, and returns the mean in ms: the database's query_ms.
func dbTime(dsn string, rows, n int) float64 {
	ctx := context.Background()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close(ctx)
	var v int64
	for i := 0; i < 20; i++ { // warm the plan and the connection
		c.QueryRow(ctx, "SELECT count(*) FROM generate_series(1, $1)", rows).Scan(&v)
	}
	start := time.Now()
	for i := 0; i < n; i++ {
		if err := c.QueryRow(ctx, "SELECT count(*) FROM generate_series(1, $1)", rows).Scan(&v); err != nil {
			log.Fatal(err)
		}
	}
	return time.Since(start).Seconds() * 1000 / float64(n)
}
