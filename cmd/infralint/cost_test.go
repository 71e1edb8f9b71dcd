package main

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var costFormats = map[string]string{"text": "text", "json": "json", "markdown": "md"}

func TestCostExamplesGolden(t *testing.T) {
	for _, ex := range examples(t) {
		for format, ext := range costFormats {
			t.Run(ex+"/"+format, func(t *testing.T) {
				out, errOut, code := runCLI(t, "cost", "--format", format, "examples/"+ex+"/stack.cue")
				if errOut != "" || code != 0 {
					t.Errorf("exit %d, stderr: %s", code, errOut)
				}
				checkGolden(t, "cost-"+ex+"."+ext, out)
			})
		}
	}
}

func TestCostCompareGolden(t *testing.T) {
	for format, ext := range costFormats {
		t.Run(format, func(t *testing.T) {
			out, errOut, code := runCLI(t, "cost", "--compare", "--format", format,
				"examples/web-asg-rds/stack.cue", "examples/web-asg-rds-cache/stack.cue")
			if errOut != "" || code != 0 {
				t.Errorf("exit %d, stderr: %s", code, errOut)
			}
			checkGolden(t, "cost-compare."+ext, out)
		})
	}
}

// writeFile writes a file in a temporary directory and returns its path.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// eu-north-1 is outside the regional price list: no ALB, EBS or public IPv4
// price there (catalog/README.md, "Missing, on purpose").
const partialALB = `name: "stockholm"
region: "eu-north-1"
workload: {avg_rps: 10, peak_rps: 30, slo_p99_ms: 300}
network: azs: ["eu-north-1a", "eu-north-1c"]
components: {
	alb: {kind: "lb", subnet: "public", listeners: [{protocol: "HTTP", port: 80}], targets: ["app"]}
	app: {kind: "compute", subnet: "public", instance_type: "t3.medium", count: 2, demand: cpu_ms: 10}
}
`

func TestCostPartialAndPrices(t *testing.T) {
	stack := writeFile(t, "stack.cue", partialALB)
	out, _, code := runCLI(t, "cost", stack)
	if code != 0 || !strings.Contains(out, "PARTIAL") || !strings.Contains(out, "alb/hour") || !strings.Contains(out, "alb/lcu-hour") {
		t.Errorf("exit %d, want a PARTIAL warning naming the ALB prices:\n%s", code, out)
	}
	// A partial total cannot pass a cost gate.
	if _, errOut, code := runCLI(t, "cost", "--max-monthly-cost", "100000", stack); code != 1 || !strings.Contains(errOut, "partial") {
		t.Errorf("gate on a partial total: exit %d, stderr %q", code, errOut)
	}

	prices := writeFile(t, "prices.json", `{"source": "acme", "date": "2026-10-01", "prices": {"eu-north-1":
	  {"alb/hour": 0.0252, "alb/lcu-hour": 0.008, "ebs/gp3/gb-month": 0.0912, "public-ipv4/hour": 0.005}}}`)
	out, errOut, code := runCLI(t, "cost", "--prices", prices, "--format", "json", stack)
	if code != 0 || errOut != "" || strings.Contains(out, `"partial": true`) || !strings.Contains(out, `"source": "acme"`) {
		t.Errorf("with --prices: exit %d, stderr %q\n%s", code, errOut, out)
	}

	// Errors in the price file: exit 2 naming file:line:col.
	bad := writeFile(t, "bad.json", "{\n  \"prices\": {\"us-east-1\": {\"ec2/m5.large\": 0.09,}}\n}\n")
	_, errOut, code = runCLI(t, "cost", "--prices", bad, stack)
	if code != 2 || !strings.Contains(errOut, bad+":2:") {
		t.Errorf("bad price file: exit %d, stderr %q", code, errOut)
	}
	typo := writeFile(t, "typo.json", `{"prices": {"us-east-1": {"ec2/m5.lrage": 0.09}}}`)
	if _, errOut, code = runCLI(t, "cost", "--prices", typo, stack); code != 2 || !strings.Contains(errOut, "m5.large") {
		t.Errorf("typo in price file: exit %d, stderr %q", code, errOut)
	}

	// A region only the price file knows passes the inventory check with
	// --prices, and fails without it.
	region := writeFile(t, "region.cue", strings.NewReplacer("eu-north-1", "eu-south-9").Replace(partialALB))
	if _, errOut, code = runCLI(t, "cost", region); code != 2 || !strings.Contains(errOut, "unknown region") {
		t.Errorf("unknown region: exit %d, stderr %q", code, errOut)
	}
	newRegion := writeFile(t, "new.json", `{"prices": {"eu-south-9": {"ec2/t3.medium": 0.05, "alb/hour": 0.03}}}`)
	out, errOut, code = runCLI(t, "cost", "--prices", newRegion, region)
	if code != 0 || errOut != "" || !strings.Contains(out, "$0.05") || !strings.Contains(out, "PARTIAL") {
		t.Errorf("region from --prices: exit %d, stderr %q\n%s", code, errOut, out)
	}
}

func TestCostGate(t *testing.T) {
	// examples/web-asg-rds costs $1,123.03 a month (pricing's hand-checked total).
	const ex = "examples/web-asg-rds/stack.cue"
	if _, errOut, code := runCLI(t, "cost", "--max-monthly-cost", "1200", ex); code != 0 || errOut != "" {
		t.Errorf("under the gate: exit %d, stderr %q", code, errOut)
	}
	const over = "infralint: web-asg-rds costs $1,123.03 a month, above --max-monthly-cost $1,000.00\n"
	if _, errOut, code := runCLI(t, "cost", "--max-monthly-cost", "1000", ex); code != 1 || errOut != over {
		t.Errorf("over the gate: exit %d, stderr %q, want %q", code, errOut, over)
	}
	// examples/web-and-queue-worker has no SQS price (its golden's PARTIAL
	// note): however far under the limit, it cannot pass the gate.
	const partial = "infralint: web-and-queue-worker: the total is partial (no price for 1 item), so it cannot be shown to be within --max-monthly-cost $100,000.00; supply the prices with --prices\n"
	if _, errOut, code := runCLI(t, "cost", "--max-monthly-cost", "100000", "examples/web-and-queue-worker/stack.cue"); code != 1 || errOut != partial {
		t.Errorf("partial under the gate: exit %d, stderr %q, want %q", code, errOut, partial)
	}
	// Over the limit, a partial total is what it is printed as: a lower
	// bound ("≥ $1,014.35" in its golden).
	const partialOver = "infralint: web-and-queue-worker costs at least $1,014.35 a month, above --max-monthly-cost $100.00\n"
	if _, errOut, code := runCLI(t, "cost", "--max-monthly-cost", "100", "examples/web-and-queue-worker/stack.cue"); code != 1 || errOut != partialOver {
		t.Errorf("partial over the gate: exit %d, stderr %q, want %q", code, errOut, partialOver)
	}
	if _, _, code := runCLI(t, "cost", "--max-monthly-cost", "lots", ex); code != 2 {
		t.Errorf("bad amount: exit %d", code)
	}
	if _, errOut, code := runCLI(t, "cost", "--compare", ex); code != 2 || !strings.Contains(errOut, "got 1 argument\n") {
		t.Errorf("--compare with one stack: exit %d, stderr %q", code, errOut)
	}
	if _, _, code := runCLI(t, "cost", "--format", "yaml", ex); code != 2 {
		t.Errorf("bad format: exit %d", code)
	}
	// The gate applies to the new side of a comparison.
	if _, _, code := runCLI(t, "cost", "--compare", "--max-monthly-cost", "1200", "examples/web-asg-rds-cache/stack.cue", ex); code != 0 {
		t.Errorf("compare, new side under the gate: exit %d", code)
	}
}

// costRuns are the invocations the network tests make: every example in
// every format, a comparison, and a price file.
func costRuns(t *testing.T) [][]string {
	prices := writeFile(t, "prices.json", `{"prices": {"ap-northeast-2": {"ebs/gp3/gb-month": 0.0912}}}`)
	var runs [][]string
	for format := range costFormats {
		args := []string{"cost", "--format", format, "--prices", prices}
		for _, ex := range examples(t) {
			args = append(args, "examples/"+ex+"/stack.cue")
		}
		runs = append(runs, args)
	}
	return append(runs, []string{"cost", "--compare", "examples/web-asg-rds/stack.cue", "examples/web-asg-rds-cache/stack.cue"})
}

// TestCostNoNetwork proves that cost never touches the network, three
// ways: in process, HTTP and DNS are replaced by hooks that fail the test;
// under strace, the CLI binary makes no socket or connect system call at
// all; and in a fresh network namespace (no interface up) its output is
// byte for byte the same. The last two need strace and unprivileged user
// namespaces and are skipped where those are missing.
func TestCostNoNetwork(t *testing.T) {
	t.Run("hooks", func(t *testing.T) {
		fail := func(what string) error {
			t.Errorf("cost used the network: %s", what)
			return errors.New("network disabled by TestCostNoNetwork")
		}
		oldTransport, oldResolver := http.DefaultTransport, net.DefaultResolver
		http.DefaultTransport = roundTripFunc(func(r *http.Request) (*http.Response, error) { return nil, fail("HTTP " + r.URL.String()) })
		net.DefaultResolver = &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, address string) (net.Conn, error) {
			return nil, fail("DNS via " + address)
		}}
		defer func() { http.DefaultTransport, net.DefaultResolver = oldTransport, oldResolver }()
		for _, args := range costRuns(t) {
			if _, errOut, code := runCLI(t, args...); code != 0 {
				t.Errorf("%v: exit %d, %s", args, code, errOut)
			}
		}
	})

	bin, binDir := "", t.TempDir() // the parent's: it outlives the subtests
	build := func(t *testing.T) string {
		if bin == "" {
			bin = filepath.Join(binDir, "infralint")
			if out, err := exec.Command("go", "build", "-o", bin, "./cmd/infralint").CombinedOutput(); err != nil {
				t.Fatalf("go build: %v\n%s", err, out)
			}
		}
		return bin
	}

	t.Run("strace", func(t *testing.T) {
		if _, err := exec.LookPath("strace"); err != nil {
			t.Skip("strace not installed")
		}
		if err := exec.Command("strace", "-o", os.DevNull, "true").Run(); err != nil {
			t.Skipf("strace cannot trace here: %v", err)
		}
		b := build(t)
		for _, args := range costRuns(t) {
			trace := filepath.Join(t.TempDir(), "trace")
			cmd := exec.Command("strace", append([]string{"-f", "-qq", "-e", "trace=socket,connect,socketpair", "-e", "signal=none", "-o", trace, b}, args...)...)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%v: %v\n%s", args, err, out)
			}
			calls, err := os.ReadFile(trace)
			if err != nil {
				t.Fatal(err)
			}
			if s := strings.TrimSpace(string(calls)); s != "" {
				t.Errorf("%v made socket calls:\n%s", args, s)
			}
		}
	})

	t.Run("netns", func(t *testing.T) {
		if err := exec.Command("unshare", "-rn", "true").Run(); err != nil {
			t.Skipf("no unprivileged network namespace (unshare -rn): %v", err)
		}
		b := build(t)
		for _, args := range costRuns(t) {
			want, _, _ := runCLI(t, args...)
			got, err := exec.Command("unshare", append([]string{"-rn", b}, args...)...).Output()
			if err != nil {
				t.Fatalf("%v without a network: %v", args, err)
			}
			if string(got) != want {
				t.Errorf("%v: output without a network differs:\n%s\n--- with:\n%s", args, got, want)
			}
		}
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestCheckPrices: check takes the same price file as cost, so a price
// COST003 reports missing can be supplied (examples/single-server moved to
// eu-north-1, outside the regional price list, has no EBS gp3 or public
// IPv4 price in the snapshot: see catalog/README.md, "What is in the
// snapshot").
func TestCheckPrices(t *testing.T) {
	dir := t.TempDir()
	prices := filepath.Join(dir, "prices.json")
	os.WriteFile(prices, []byte(`{"source": "test", "date": "2026-11-26", "prices": {"eu-north-1": {"ebs/gp3/gb-month": 0.0912, "public-ipv4/hour": 0.005}}}`), 0o644)
	src, err := os.ReadFile("examples/single-server/stack.cue")
	if err != nil {
		t.Fatal(err)
	}
	stack := filepath.Join(dir, "stack.cue")
	os.WriteFile(stack, []byte(strings.ReplaceAll(string(src), "ap-northeast-2", "eu-north-1")), 0o644)
	without, _, _ := runCLI(t, "check", "--format", "json", stack)
	with, errOut, code := runCLI(t, "check", "--format", "json", "--prices", prices, stack)
	if code != exitFindings || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(without, `"COST003"`) || strings.Contains(with, `"COST003"`) {
		t.Errorf("COST003 without --prices: %v, with: %v; want only without",
			strings.Contains(without, `"COST003"`), strings.Contains(with, `"COST003"`))
	}
	if _, errOut, code := runCLI(t, "check", "--prices", "no/such.json", stack); code != exitBadInput || !strings.Contains(errOut, "--prices") {
		t.Errorf("missing price file: exit %d, %q", code, errOut)
	}
}

// TestConfigRegionAppliesToEveryCommand: a stack that names no region takes
// the one of its .infralint.cue in cost and capacity too, not only in check.
func TestConfigRegionAppliesToEveryCommand(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".infralint.cue"), []byte(`region: "ap-northeast-2"`+"\n"), 0o644)
	src, err := os.ReadFile("examples/single-server/stack.cue")
	if err != nil {
		t.Fatal(err)
	}
	noRegion := strings.Replace(string(src), `region: "ap-northeast-2"`, "", 1)
	stack := filepath.Join(dir, "stack.cue")
	os.WriteFile(stack, []byte(noRegion), 0o644)
	for _, args := range [][]string{{"check", "--severity", "error"}, {"cost"}, {"capacity"}} {
		out, errOut, code := runCLI(t, append(args, stack)...)
		if code != exitClean || errOut != "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
		if args[0] == "cost" && !strings.Contains(out, "region ap-northeast-2") {
			t.Errorf("cost did not use the config's region:\n%s", out)
		}
	}
}
