// Command server is the validation bench's real service: an HTTP server
// whose requests take a bounded worker, burn a given CPU time, run a
// critical section under one mutex (exclusive control), wait, and query a
// real PostgreSQL — the shape infralint's schema describes as workers
// {processes: 1, threads: N}, demand {cpu_ms, wait_ms}, contention and
// calls to a database.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"golang.org/x/sys/unix"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address; the chosen one is printed on stdout")
	workers := flag.Int("workers", 4, "requests served at once (the schema's processes × threads); the rest wait in FIFO order")
	cpuMs := flag.Float64("cpu-ms", 5, "CPU time each request burns outside the lock, ms")
	lockMs := flag.Float64("lock-ms", 0, "CPU time each request burns holding the one mutex, ms")
	waitMs := flag.Float64("wait-ms", 0, "time each request sleeps (a wait on something unmodelled), ms")
	queries := flag.Int("queries", 0, "PostgreSQL queries per request")
	rows := flag.Int("query-rows", 20000, "rows each query counts (SELECT count(*) FROM generate_series(1, N)): its CPU time in the database")
	dsn := flag.String("dsn", "", "PostgreSQL connection string, needed with -queries")
	flag.Parse()

	var pool *pgxpool.Pool
	if *queries > 0 {
		cfg, err := pgxpool.ParseConfig(*dsn)
		if err != nil {
			log.Fatalf("server: -dsn: %v", err)
		}
		cfg.MaxConns = int32(*workers) // one connection per worker: no second queue
		if pool, err = pgxpool.NewWithConfig(context.Background(), cfg); err != nil {
			log.Fatalf("server: %v", err)
		}
		if err := pool.Ping(context.Background()); err != nil {
			log.Fatalf("server: PostgreSQL: %v", err)
		}
	}
	// Go wakes goroutines blocked on a channel in the order they blocked,
	// so this is the FIFO worker queue of the model.
	sem := make(chan struct{}, *workers)
	var mu sync.Mutex
	h := func(w http.ResponseWriter, r *http.Request) {
		sem <- struct{}{}
		defer func() { <-sem }()
		burn(*cpuMs)
		if *lockMs > 0 {
			mu.Lock()
			burn(*lockMs)
			mu.Unlock()
		}
		if *waitMs > 0 {
			time.Sleep(time.Duration(*waitMs * 1e6))
		}
		for i := 0; i < *queries; i++ {
			var n int64
			if err := pool.QueryRow(r.Context(), "SELECT count(*) FROM generate_series(1, $1)", *rows).Scan(&n); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
		}
		fmt.Fprintln(w, "ok")
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("server: %v", err)
	}
	fmt.Println(ln.Addr().String())
	os.Stdout.Sync()
	log.Fatal(http.Serve(ln, http.HandlerFunc(h)))
}

// burn spins until this thread has used ms of CPU time: CPU time, not
// wall time, so that a request preempted by another still costs what the
// model says.
func burn(ms float64) {
	if ms <= 0 {
		return
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	start := threadCPU()
	want := time.Duration(ms * 1e6)
	x := 1.0
	for threadCPU()-start < want {
		for i := 0; i < 2000; i++ {
			x = x*1.0000001 + 1e-9
		}
	}
	sink = x
}

var sink float64

func threadCPU() time.Duration {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		log.Fatalf("server: clock_gettime: %v", err)
	}
	return time.Duration(ts.Nano())
}
