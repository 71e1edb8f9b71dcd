package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The totals below are the examples' TOTAL lines in
// testdata/golden/cost-*.txt ($1,123.03 and $2,473.78); the differences
// and percentages are worked by hand from them.
const (
	gateOld = "examples/web-asg-rds/stack.cue"       // $1,123.03
	gateNew = "examples/web-asg-rds-cache/stack.cue" // $2,473.78
)

// A limit equal to the printed total passes, a cent below fails, and the
// message quotes exactly the two cent figures compared.
func TestMaxMonthlyCostComparesPrintedCents(t *testing.T) {
	if _, errOut, code := runCLI(t, "cost", "--max-monthly-cost", "1123.03", gateOld); code != 0 || errOut != "" {
		t.Fatalf("limit = total: exit %d, %q", code, errOut)
	}
	const want = "infralint: web-asg-rds costs $1,123.03 a month, above --max-monthly-cost $1,123.02\n"
	if _, errOut, code := runCLI(t, "cost", "--max-monthly-cost", "$1,123.02", gateOld); code != 1 || errOut != want {
		t.Fatalf("a cent below: exit %d, %q; want 1, %q", code, errOut, want)
	}
}

func TestMaxIncrease(t *testing.T) {
	base := filepath.Join(t.TempDir(), "base.json")
	out, _, code := runCLI(t, "cost", "--format", "json", gateOld)
	if code != 0 {
		t.Fatalf("baseline: exit %d", code)
	}
	if err := os.WriteFile(base, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		// 2,473.78 − 1,123.03 = 1,350.75; 10 % of 1,123.03 is 112.303,
		// rounded down to the cent so the gate never allows more.
		{"compare percent over", []string{"--compare", "--max-increase", "10%", gateOld, gateNew}, 1,
			"$1,350.75 more than $1,123.03 (./examples/web-asg-rds/stack.cue), above --max-increase 10% ($112.30 of $1,123.03)"},
		// 1,350.75 / 1,123.03 = 120.28 %: 121 % allows 1,358.86.
		{"compare percent within", []string{"--compare", "--max-increase", "121%", gateOld, gateNew}, 0, ""},
		{"compare amount exact", []string{"--compare", "--max-increase", "1350.75", gateOld, gateNew}, 0, ""},
		{"compare amount a cent short", []string{"--compare", "--max-increase", "1350.74", gateOld, gateNew}, 1,
			"above --max-increase $1,350.74"},
		{"baseline over", []string{"--baseline", base, "--max-increase", "$1,000", gateNew}, 1,
			"$1,350.75 more than $1,123.03 (" + base + ")"},
		{"baseline unchanged", []string{"--baseline", base, "--max-increase", "0", gateOld}, 0, ""},
		{"no old stack", []string{"--max-increase", "5%", gateOld}, 2, "--max-increase needs the old stack"},
		{"baseline without gate", []string{"--baseline", base, gateOld}, 2, "--baseline is the old total for --max-increase"},
		{"both olds", []string{"--baseline", base, "--compare", "--max-increase", "1", gateOld, gateNew}, 2, "use one"},
		{"bad amount", []string{"--compare", "--max-increase", "NaN", gateOld, gateNew}, 2, "neither an amount"},
		{"negative percent", []string{"--compare", "--max-increase", "-5%", gateOld, gateNew}, 2, "neither an amount"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, errOut, code := runCLI(t, append([]string{"cost"}, c.args...)...)
			if code != c.code || !strings.Contains(errOut, c.msg) || (c.msg == "" && errOut != "") {
				t.Fatalf("exit %d, stderr %q; want %d containing %q", code, errOut, c.code, c.msg)
			}
		})
	}
}

func TestCostBaselineBadFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, c := range []struct{ name, body, msg string }{
		{"trunc.json", "{\n  \"schema_version\": 1,\n", "trunc.json:2:"},
		{"empty.json", "", "file is empty"},
		{"other.json", `{"findings": []}`, "not the JSON of infralint cost"},
		{"version.json", `{"schema_version": 99, "estimates": []}`, "schema_version 99"},
		{"nototal.json", `{"schema_version": 1, "estimates": [{"stack": "x"}]}`, "has no monthly_usd"},
	} {
		_, errOut, code := runCLI(t, "cost", "--baseline", write(c.name, c.body), "--max-increase", "1", gateOld)
		if code != 2 || !strings.Contains(errOut, c.msg) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%s: exit %d, %q; want 2 and one line with %q", c.name, code, errOut, c.msg)
		}
	}
	if _, errOut, code := runCLI(t, "cost", "--baseline", filepath.Join(dir, "none.json"), "--max-increase", "1", gateOld); code != 2 || !strings.Contains(errOut, "no such file") {
		t.Errorf("missing: exit %d, %q", code, errOut)
	}
}
