package main

import (
	"errors"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/fit"
)

const fitDemandDoc = `Fit per-request demand to an open-loop load test (or production metrics).

The CSV's header names its columns, in any order:
  rps              requests per second completed at that rate, > 0
  cpu_utilisation  the server's CPU busy share of its vCPUs, 0–1
  p50_ms, p99_ms   median and 99th-percentile response in ms (optional;
                   both are needed to fit wait_ms and cv)
Lines starting with # are comments. At least 3 distinct rates.

cpu_ms comes from the utilisation law (U = U0 + rps × cpu_ms / (1000 ×
vCPUs), by least squares); wait_ms and cv from a gamma fit of p50 and p99 at
the two lowest rates. The vCPU count comes from --instance-type or --vcpus
(one of them). See docs/fit.md.

Examples:
  infralint fit demand results.csv --instance-type c5.xlarge
  infralint fit demand --vcpus 1 --format json results.csv`

func newFitDemandCmd() *cobra.Command {
	var format, instanceType string
	var vcpus int
	cmd := &cobra.Command{
		Use:   "demand FILE.csv",
		Short: "Fit CPU per request, wait and cv to rates, CPU utilisation and latencies",
		Long:  fitDemandDoc,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			in, err := fitInstance(instanceType, vcpus, cmd.Flags().Changed("vcpus"))
			if err != nil {
				return err
			}
			return runFitDemand(cmd, args[0], format, in)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	cmd.Flags().StringVar(&instanceType, "instance-type", "", "the EC2 type the test ran on (its vCPU count from the catalog)")
	cmd.Flags().IntVar(&vcpus, "vcpus", 0, "the vCPUs the server had, when not a whole EC2 instance")
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

func runFitDemand(cmd *cobra.Command, file, format string, in fit.Instance) error {
	if format != "text" && format != "json" {
		return badInput("--format: unknown format %q; use text or json", format)
	}
	f, err := os.Open(file)
	if err != nil {
		return badInput("%s: %s", file, fileError(err))
	}
	defer f.Close()
	samples, err := fit.ReadDemand(file, f)
	if err != nil {
		var ie *fit.InputError
		if errors.As(err, &ie) {
			return badInput("%s", err)
		}
		return badInput("%s: %s", file, fileError(err))
	}
	d, err := fit.FitDemand(samples, in.VCPUs)
	if err != nil {
		return badInput("%s: %s", file, err)
	}
	if format == "json" {
		return d.WriteJSON(cmd.OutOrStdout(), file, in)
	}
	return d.WriteText(cmd.OutOrStdout(), file, in)
}
