package convert

import (
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"github.com/infralint/infralint/catalog/internal/format"
)

// readTSV returns the data rows of a tab-separated file whose first line that
// is neither empty nor a # comment is the header; it checks the header.
func readTSV(src fs.FS, name string, header ...string) ([][]string, error) {
	b, err := fs.ReadFile(src, name)
	if err != nil {
		return nil, err
	}
	var rows [][]string
	sawHeader := false
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if !sawHeader {
			if !slices.Equal(cols, header) {
				return nil, fmt.Errorf("%s:%d: header is %q, want %q", name, i+1, cols, header)
			}
			sawHeader = true
			continue
		}
		if len(cols) != len(header) {
			return nil, fmt.Errorf("%s:%d: %d columns, want %d", name, i+1, len(cols), len(header))
		}
		rows = append(rows, cols)
	}
	return rows, nil
}

// ec2Specs reads the cluster-autoscaler extract.
func ec2Specs(src fs.FS) (format.EC2Specs, error) {
	specs := format.EC2Specs{Source: "k8s-autoscaler", Types: map[string]format.EC2Spec{}}
	rows, err := readTSV(src, specsFile, "instance_type", "vcpu", "memory_mib", "arch")
	if err != nil {
		return specs, err
	}
	for _, r := range rows {
		vcpu, err1 := strconv.Atoi(r[1])
		mib, err2 := strconv.Atoi(r[2])
		if err1 != nil || err2 != nil || vcpu <= 0 || mib <= 0 {
			return specs, fmt.Errorf("%s: %s: bad vcpu %q or memory %q", specsFile, r[0], r[1], r[2])
		}
		specs.Types[r[0]] = format.EC2Spec{VCPU: vcpu, MemoryMiB: mib, Arch: ec2Arch(r[0], r[3])}
	}
	return specs, nil
}

// ec2Arch corrects the one known error in the spec source: the API reports
// Apple-silicon mac types (mac2*, mac-m4*) as arm64_mac and the upstream
// generator maps that to amd64. mac1 is Intel.
func ec2Arch(instanceType, arch string) string {
	if strings.HasPrefix(instanceType, "mac") && !strings.HasPrefix(instanceType, "mac1.") {
		return "arm64"
	}
	return arch
}

// karpenterPrices reads Karpenter's us-east-1 list: the only EC2 prices used
// for us-east-1.
func karpenterPrices(src fs.FS) (format.Table, error) {
	t := format.Table{Key: "ec2/*", Source: "karpenter"}
	rows, err := readTSV(src, karpenterFile, "region", "instance_type", "usd_per_hour_linux_ondemand")
	if err != nil {
		return t, err
	}
	for _, r := range rows {
		usd, err := strconv.ParseFloat(r[2], 64)
		if err != nil || r[0] != usEast1 {
			return t, fmt.Errorf("%s: %s: bad region %q or price %q", karpenterFile, r[1], r[0], r[2])
		}
		put(&t, r[0], r[1], usd)
	}
	return t, nil
}

// factTables reads the prices transcribed from infracost's golden tests.
func factTables(src fs.FS) ([]format.Table, error) {
	rows, err := readTSV(src, factsFile, "region", "key", "usd", "golden", "commit", "derivation")
	if err != nil {
		return nil, err
	}
	byPattern := map[string]*format.Table{}
	var order []string
	for _, r := range rows {
		usd, err := strconv.ParseFloat(r[2], 64)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: bad price %q", factsFile, r[1], r[2])
		}
		// One table per service: "ebs/gp3/gb-month" → "ebs/*" + "gp3/gb-month".
		service, item, ok := strings.Cut(r[1], "/")
		if !ok {
			return nil, fmt.Errorf("%s: bad key %q", factsFile, r[1])
		}
		pattern := service + "/*"
		t := byPattern[pattern]
		if t == nil {
			t = &format.Table{Key: pattern, Source: "infracost-tests"}
			byPattern[pattern] = t
			order = append(order, pattern)
		}
		put(t, r[0], item, usd)
	}
	tables := make([]format.Table, 0, len(order))
	for _, p := range order {
		tables = append(tables, *byPattern[p])
	}
	return tables, nil
}
