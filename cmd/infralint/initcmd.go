package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
)

const initDoc = `Write a commented starter stack that passes 'infralint check': an HTTPS
load balancer, an autoscaling app tier over two AZs and a Multi-AZ
PostgreSQL only the app tier may reach. Edit it to describe your own.

FILE defaults to stack.cue; a directory gets a stack.cue inside it. An
existing file is left alone unless --force is given.

Examples:
  infralint init
  infralint init infra/stack.cue && infralint check infra/stack.cue`

func newInitCmd() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "init [FILE]",
		Short: "Write a commented starter stack",
		Long:  initDoc,
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			file := "stack.cue"
			if len(args) == 1 {
				file = args[0]
			}
			if info, err := os.Stat(file); err == nil && info.IsDir() {
				file = filepath.Join(file, "stack.cue")
			}
			// Lstat: a symbolic link is something there too, even when
			// it leads nowhere yet.
			if _, err := os.Lstat(file); err == nil && !force {
				return badInput("%s already exists; pass --force to overwrite it", file)
			}
			t, err := addOutput(newPlan(cmd), file, file)
			if err != nil {
				return err
			}
			if err := t.Save([]byte(starterStack)); err != nil {
				return badInput("%v", err)
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "wrote %s; check it with: infralint check %s\n", file, file)
			return err
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "overwrite an existing file")
	return cmd
}

// starterStack passes check with no finding (a test holds it to that).
const starterStack = `// An infralint stack: the architecture of one service, checked by
// 'infralint check'. It needs no import: infralint unifies it with its
// embedded schema, where every field is documented and every default lives.
// Run 'infralint rules' for what is checked, 'infralint explain ID' for why.

// A short name for reports and diagrams.
name: "my-service"
// The AWS region the stack runs in.
region: "us-east-1"

// The traffic the stack carries: requests per second over the month and at
// the busiest moment, and the latency objective (99th percentile at peak).
workload: {
	avg_rps:    50
	peak_rps:   200
	slo_p99_ms: 300
}

// Availability zones to spread over: two or more survive losing one.
network: azs: ["us-east-1a", "us-east-1b"]

// Each component is named by its key; kind is lb, compute, database, cache
// or cdn. Names in targets, calls and ingress must name other components.
components: {
	// The entry point: HTTPS with a certificate; port 80 only redirects.
	alb: {
		kind:   "lb"
		subnet: "public"
		listeners: [
			{protocol: "HTTPS", port: 443, certificate: "arn:aws:acm:us-east-1:123456789012:certificate/my-service", tls_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06"},
			{protocol: "HTTP", port: 80, redirect_https: true},
		]
		// Detect a dead instance in 20 s (interval × unhealthy threshold).
		health_check: {path: "/healthz", interval_s: 10, unhealthy_threshold: 2}
		targets: ["app"]
	}

	// The application tier: at least two instances, scaling on CPU.
	app: {
		kind:          "compute"
		instance_type: "m7a.medium"
		autoscaling: {min: 2, max: 6, policy: cpu_target: 60}
		// Worker processes and threads per instance.
		workers: {processes: 2, threads: 8}
		// Per request: CPU time, and time spent waiting on I/O.
		demand: {cpu_ms: 10, wait_ms: 5}
		deploy: {strategy: "rolling", batch: 1}
		// Database queries per request, over TLS.
		calls: [{target: "db", per_request: 2, tls: true}]
	}

	// The database: Multi-AZ, encrypted, reachable from the app tier only.
	db: {
		kind:              "database"
		engine:            "postgres"
		instance_class:    "db.r5.large"
		multi_az:          true
		storage_gb:        50
		encrypted_at_rest: true
		require_tls:       true
		ingress: ["app"]
		// Mean database time per query.
		query_ms: 0.5
	}
}

// To silence one finding, put an attribute on the component it points at,
// with a reason and, if the exception is temporary, an expiry date:
//   alb: {...} @infralint(ignore="LB003", reason="staging", expires="2026-12-31")
`
