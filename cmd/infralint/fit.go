package main

import (
	"errors"
	"io"
	"math"
	"os"
	"slices"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/fit"
	"github.com/infralint/infralint/render/fitplot"
)

const fitUSLDoc = `Fit the Universal Scalability Law to a closed-loop load test.

The CSV's header names its columns, in any order:
  concurrency      clients kept busy (N), > 0
  throughput_rps   completed requests per second at that N, > 0
  p99_ms           99th-percentile response in ms (optional, read and
                   checked, reported with each point in JSON)
Lines starting with # are comments. At least 4 distinct concurrency levels;
rows may come in any order and repeat a level.

Prints the contention block to paste into a compute component, λ, σ and κ
with asymptotic 95 % intervals, R², N* and the peak throughput, and a
warning when the data cannot determine a parameter; -o FILE.svg also draws
the data against the fitted curve. See docs/fit.md.

Examples:
  infralint fit usl results.csv
  infralint fit usl --format json results.csv
  infralint fit usl results.csv -o usl.svg`

func newFitCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "fit",
		Short: "Derive model parameters from load-test measurements",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	var format string
	var plot fitPlot
	var srv fit.Server
	usl := &cobra.Command{
		Use:   "usl FILE.csv",
		Short: "Fit contention (sigma) and coherency (kappa) to a concurrency sweep",
		Long:  fitUSLDoc,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runFitUSL(cmd, args[0], format, &plot, srv)
		},
	}
	usl.Flags().StringVar(&format, "format", "text", "output format: text or json")
	usl.Flags().Float64Var(&srv.CPUms, "cpu-ms", 0, "CPU per request (fit demand's cpu_ms): fit only the contention its CPU queue does not explain")
	usl.Flags().Float64Var(&srv.WaitMs, "wait-ms", math.NaN(), "with --cpu-ms: the rest of a request, holding a worker but no CPU (default: 1/X(1) − cpu-ms from the sweep's concurrency-1 row)")
	usl.Flags().IntVar(&srv.VCPUs, "vcpus", 0, "with --cpu-ms: the vCPUs the server ran on")
	usl.Flags().IntVar(&srv.Workers, "workers", 0, "with --cpu-ms: the server's request workers (0: one per client)")
	usl.Flags().Float64Var(&srv.DBms, "db-ms", 0, "with --cpu-ms: database time per request (queries × time of one), a second queue the sweep passed through")
	usl.Flags().IntVar(&srv.DBVCPUs, "db-vcpus", 1, "with --db-ms: the database's vCPUs")
	plot.flag(usl)
	cmd.AddCommand(usl, newFitDemandCmd())
	return cmd
}

func runFitUSL(cmd *cobra.Command, file, format string, plot *fitPlot, srv fit.Server) error {
	if err := checkFitFormat(format); err != nil {
		return err
	}
	beyondCPU := cmd.Flags().Changed("cpu-ms")
	serverFlags := []string{"wait-ms", "vcpus", "workers", "db-ms", "db-vcpus"}
	if !beyondCPU && slices.ContainsFunc(serverFlags, cmd.Flags().Changed) {
		return badInput("--wait-ms, --vcpus, --workers, --db-ms and --db-vcpus describe the server for --cpu-ms: give --cpu-ms too")
	}
	if beyondCPU && (!(srv.CPUms > 0) || srv.WaitMs < 0 || srv.VCPUs < 1 || srv.Workers < 0) {
		return badInput("--cpu-ms needs a value > 0, --vcpus at least 1, --wait-ms and --workers at least 0 (got %g, %d, %g, %d)", srv.CPUms, srv.VCPUs, srv.WaitMs, srv.Workers)
	}
	if beyondCPU && (!(srv.DBms >= 0) || srv.DBVCPUs < 1) {
		return badInput("--db-ms needs a value ≥ 0 and --db-vcpus at least 1 (got %g, %d)", srv.DBms, srv.DBVCPUs)
	}
	if err := plot.prepare(cmd, file); err != nil {
		return err
	}
	pts, err := readFitFile(file, fit.ReadUSL)
	if err != nil {
		return err
	}
	var u *fit.USL
	if beyondCPU {
		u, err = fit.FitUSLBeyondQueues(pts, srv)
	} else {
		u, err = fit.FitUSL(pts)
	}
	if err != nil {
		return badInput("%s: %s", file, err)
	}
	if err := plot.save(func() []byte { return fitplot.USL(u, file) }); err != nil {
		return err
	}
	if format == "json" {
		return u.WriteJSON(cmd.OutOrStdout(), file)
	}
	return u.WriteText(cmd.OutOrStdout(), file)
}

// checkFitFormat refuses a --format the fits do not write.
func checkFitFormat(format string) error {
	if format != "text" && format != "json" {
		return badInput("--format: unknown format %q; use text or json", format)
	}
	return nil
}

// readFitFile opens file and reads it with read, turning every problem
// into one bad-input message.
func readFitFile[T any](file string, read func(string, io.Reader) (T, error)) (T, error) {
	var zero T
	f, err := os.Open(file)
	if err != nil {
		return zero, badInput("%s: %s", file, fileError(err))
	}
	defer f.Close()
	v, err := read(file, f)
	if err != nil {
		var ie *fit.InputError
		if errors.As(err, &ie) {
			return zero, badInput("%s", err)
		}
		return zero, badInput("%s: %s", file, fileError(err))
	}
	return v, nil
}
