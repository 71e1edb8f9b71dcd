package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/fit"
	"github.com/infralint/infralint/render/fitplot"
)

const fitDemandDoc = `Fit per-request demand to an open-loop load test (or production metrics).

The CSV's header names its columns, in any order:
  rps              requests per second completed at that rate, > 0
  cpu_utilisation  the server's CPU busy share of its vCPUs, 0–1
  p50_ms, p99_ms   median and 99th-percentile response in ms (optional;
                   both are needed to fit wait_ms and cv)
Lines starting with # are comments. At least 3 distinct rates.

Or one "vegeta report -type=json" file per rate, with --cpu FILE: the
server's CPU samples (columns time_s, Unix seconds, and cpu_utilisation),
averaged over each report's window (its first request to its last
response); rps is the report's throughput.

cpu_ms comes from the utilisation law (U = U0 + rps × cpu_ms / (1000 ×
vCPUs), by least squares); wait_ms and cv from a gamma fit of p50 and p99 at
the two lowest rates. The vCPU count comes from --instance-type or --vcpus
(one of them). See docs/fit.md.

Examples:
  infralint fit demand results.csv --instance-type c5.xlarge
  infralint fit demand --vcpus 1 --format json results.csv
  infralint fit demand vegeta-*.json --cpu cpu.csv --vcpus 1 -o demand.svg`

func newFitDemandCmd() *cobra.Command {
	var format, instanceType, cpuFile string
	var vcpus int
	var plot fitPlot
	cmd := &cobra.Command{
		Use:   "demand FILE.csv | REPORT.json... --cpu CPU.csv",
		Short: "Fit CPU per request, wait and cv to rates, CPU utilisation and latencies",
		Long:  fitDemandDoc,
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFitFormat(format); err != nil {
				return err
			}
			in, err := fitInstance(instanceType, vcpus, cmd.Flags().Changed("vcpus"))
			if err != nil {
				return err
			}
			if err := plot.prepare(cmd, slices.Concat(args, []string{cpuFile})...); err != nil {
				return err
			}
			return runFitDemand(cmd, args, cpuFile, format, in, &plot)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	cmd.Flags().StringVar(&instanceType, "instance-type", "", "the EC2 type the test ran on (its vCPU count from the catalog)")
	cmd.Flags().IntVar(&vcpus, "vcpus", 0, "the vCPUs the server had, when not a whole EC2 instance")
	plot.flag(cmd)
	cmd.Flags().StringVar(&cpuFile, "cpu", "", "with vegeta reports: the server's CPU samples (time_s,cpu_utilisation)")
	return cmd
}

// fitInstance resolves the vCPU count the utilisation was measured on.
func fitInstance(instanceType string, vcpus int, vcpusSet bool) (fit.Instance, error) {
	switch {
	case instanceType != "" && vcpusSet:
		return fit.Instance{}, badInput("--instance-type and --vcpus: give one (the vCPUs the server had)")
	case vcpusSet:
		if vcpus < 1 || vcpus > 1024 {
			return fit.Instance{}, badInput("--vcpus: %d is not a vCPU count; use 1 to 1024", vcpus)
		}
		return fit.Instance{VCPUs: vcpus}, nil
	case instanceType == "":
		return fit.Instance{}, badInput("give --instance-type TYPE or --vcpus N: cpu_utilisation is a share of the server's vCPUs")
	}
	cat := catalog.Default()
	spec, _ := cat.EC2Spec(instanceType)
	if spec.VCPU < 1 {
		near := catalog.Suggest(cat.SizedEC2Types(), instanceType, 3)
		hint := ""
		if len(near) > 0 {
			hint = "; close ones with a count: " + strings.Join(near, ", ")
		}
		if slices.Contains(cat.EC2Types(), instanceType) {
			return fit.Instance{}, badInput("--instance-type: the catalog gives no vCPU count for %q; use --vcpus%s", instanceType, hint)
		}
		if len(near) > 0 {
			hint = "; did you mean " + strings.Join(near, ", ") + "?"
		}
		return fit.Instance{}, badInput("--instance-type: unknown instance type %q%s", instanceType, hint)
	}
	return fit.Instance{Type: instanceType, VCPUs: spec.VCPU}, nil
}

func runFitDemand(cmd *cobra.Command, args []string, cpuFile, format string, in fit.Instance, plot *fitPlot) error {
	var samples []fit.Sample
	var notes []string
	var err error
	name, title := args[0], filepath.Base(args[0])
	switch {
	case strings.HasSuffix(args[0], ".json"):
		samples, notes, err = readVegetaRun(args, cpuFile)
		name = fmt.Sprintf("%d vegeta reports (%s) with CPU from %s", len(args), strings.Join(args, ", "), cpuFile)
		title = fmt.Sprintf("%d vegeta reports", len(args))
	case len(args) > 1:
		return badInput("%d files: give one CSV, or vegeta reports (.json) with --cpu", len(args))
	case cpuFile != "":
		return badInput("--cpu goes with vegeta reports (.json); %s carries cpu_utilisation itself", args[0])
	default:
		samples, err = readFitFile(args[0], fit.ReadDemand)
	}
	if err != nil {
		return err
	}
	d, err := fit.FitDemand(samples, in.VCPUs)
	if err != nil {
		return badInput("%s: %s", args[0], err)
	}
	d.Warnings = append(notes, d.Warnings...)
	if err := plot.save(func() []byte { return fitplot.Demand(d, title) }); err != nil {
		return err
	}
	if format == "json" {
		return d.WriteJSON(cmd.OutOrStdout(), name, in)
	}
	return d.WriteText(cmd.OutOrStdout(), name, in)
}

// readVegetaRun reads one vegeta report per rate and the CPU samples that
// go with them.
func readVegetaRun(reports []string, cpuFile string) ([]fit.Sample, []string, error) {
	if cpuFile == "" {
		return nil, nil, badInput("vegeta reports carry no CPU utilisation: give the server's samples with --cpu FILE (time_s,cpu_utilisation)")
	}
	var steps []fit.Step
	for _, r := range reports {
		if !strings.HasSuffix(r, ".json") {
			return nil, nil, badInput("%s: with vegeta reports every file is a report (.json); give the CPU samples with --cpu", r)
		}
		st, err := readFitFile(r, fit.ReadVegeta)
		if err != nil {
			return nil, nil, err
		}
		steps = append(steps, st)
	}
	cpu, err := readFitFile(cpuFile, fit.ReadCPU)
	if err != nil {
		return nil, nil, err
	}
	samples, notes, err := fit.SamplesFromSteps(steps, cpu, cpuFile)
	if err != nil {
		return nil, nil, badInput("%s", err)
	}
	return samples, notes, nil
}
