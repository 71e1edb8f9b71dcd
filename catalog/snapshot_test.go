package catalog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/infralint/infralint/catalog/internal/convert"
	"github.com/infralint/infralint/catalog/internal/format"
)

// TestSnapshotIsFresh regenerates snapshot.json from source/ in memory and
// fails when the committed file differs: run `go generate ./catalog`.
func TestSnapshotIsFresh(t *testing.T) {
	want, err := convert.Build(os.DirFS("source"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(snapshotJSON, want) {
		return
	}
	have, gen := bytes.Split(snapshotJSON, []byte("\n")), bytes.Split(want, []byte("\n"))
	i := 0
	for i < len(have) && i < len(gen) && bytes.Equal(have[i], gen[i]) {
		i++
	}
	line := func(lines [][]byte) string {
		if i < len(lines) {
			return string(lines[i])
		}
		return "(end of file)"
	}
	t.Fatalf("snapshot.json is stale: run `go generate ./catalog`\nfirst difference at line %d:\n  committed: %.200s\n  generated: %.200s",
		i+1, line(have), line(gen))
}

func TestParseSnapshotRejects(t *testing.T) {
	src := map[string]format.Source{"x": {}}
	usd := func(region, item string, p float64) map[string]map[string]float64 {
		return map[string]map[string]float64{region: {item: p}}
	}
	encoded := map[string]*format.File{
		"wrong format":   {Format: 2},
		"unknown source": {Format: 1, Tables: []format.Table{{Key: "ec2/*", Source: "y", Regions: usd("us-east-1", "m5.large", 1)}}},
		"no star":        {Format: 1, Sources: src, Tables: []format.Table{{Key: "ec2", Source: "x", Regions: usd("us-east-1", "m5.large", 1)}}},
		"listed twice": {Format: 1, Sources: src, Tables: []format.Table{
			{Key: "ec2/*", Source: "x", Regions: usd("us-east-1", "m5.large", 1)},
			{Key: "ec2/*", Source: "x", Regions: usd("us-east-1", "m5.large", 2)}}},
	}
	tests := map[string][]byte{"not json": []byte(`{`)}
	for name, f := range encoded {
		data, err := format.Encode(f)
		if err != nil {
			t.Fatal(err)
		}
		tests[name] = data
	}
	for name, data := range tests {
		_, err := parseSnapshotEagerly(data)
		if err == nil {
			t.Errorf("%s: parsed", name)
			continue
		}
		if says := map[string]string{"wrong format": "format 2", "unknown source": "unknown source",
			"no star": "no *", "listed twice": "listed twice"}[name]; !strings.Contains(err.Error(), says) {
			t.Errorf("%s: error %q does not say so", name, err)
		}
	}
}

// TestSnapshotParses: every region of the embedded snapshot parses, to the
// prices encoding/json reads from the same file, and the names read without
// parsing prices are the keys of the parsed ones.
func TestSnapshotParses(t *testing.T) {
	c, err := parseSnapshotEagerly(snapshotJSON)
	if err != nil {
		t.Fatal(err)
	}
	var f format.File
	if err := json.Unmarshal(snapshotJSON, &f); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, table := range f.Tables {
		prefix, suffix, _ := strings.Cut(table.Key, "*")
		for region, items := range table.Regions {
			for item, usd := range items {
				n++
				key := prefix + item + suffix
				p, ok := c.Price(region, key)
				if !ok || p.USD != usd || p.Source != table.Source || p.Unit != unitOf(key) || p.Approximate != (table.Approximate != "") {
					t.Fatalf("%s %s: %+v, want $%v from %s", region, key, p, usd, table.Source)
				}
			}
		}
	}
	lazy, _ := parseSnapshot(snapshotJSON)
	named := 0
	for region, r := range lazy.prices {
		for _, service := range serviceNames() {
			for segments := 2; segments <= 4; segments++ {
				r.eachSegment(service, segments, 0, func(first []byte) {
					named++
					if string(first) != service {
						t.Errorf("%s: %s named for %s", region, first, service)
					}
				})
			}
		}
	}
	total := 0
	for _, r := range c.prices {
		total += len(r.get())
	}
	if named != n || total != n || n < 30000 {
		t.Errorf("%d names, %d parsed prices, %d in the JSON", named, total, n)
	}

	// The lists read from names alone are those of the parsed maps.
	parsed := &Catalog{sources: c.sources, ec2: c.ec2, cache: c.cache, prices: map[string]*regionPrices{}}
	for region, r := range c.prices {
		parsed.prices[region] = builtPrices(r.get())
	}
	for name, list := range map[string]func(*Catalog) []string{
		"EC2Types": (*Catalog).EC2Types, "RDSClasses": (*Catalog).RDSClasses, "RDSEngines": (*Catalog).RDSEngines,
		"ElastiCacheNodeTypes": (*Catalog).ElastiCacheNodeTypes, "ElastiCacheEngines": (*Catalog).ElastiCacheEngines,
		"Regions":     (*Catalog).Regions,
		"Attribution": func(c *Catalog) []string { return []string{c.Attribution()} },
	} {
		got, want := list(lazy), list(parsed)
		if !slices.Equal(got, want) || len(want) == 0 {
			t.Errorf("%s: %d names unparsed, %d parsed", name, len(got), len(want))
		}
	}
}

// BenchmarkDefaultOneRegion measures what a run that prices one region
// pays for the catalog: the split and that region's prices.
func BenchmarkDefaultOneRegion(b *testing.B) {
	for b.Loop() {
		c, err := parseSnapshot(snapshotJSON)
		if err != nil {
			b.Fatal(err)
		}
		if _, ok := c.Price("us-east-1", "ec2/m5.large"); !ok {
			b.Fatal("no m5.large")
		}
	}
}

// BenchmarkParseSnapshot measures parsing every region.
func BenchmarkParseSnapshot(b *testing.B) {
	for b.Loop() {
		if _, err := parseSnapshotEagerly(snapshotJSON); err != nil {
			b.Fatal(err)
		}
	}
}

// parseSnapshotEagerly is parseSnapshot with every region parsed, so that
// a defect in any of them is an error now rather than a panic when priced.
func parseSnapshotEagerly(data []byte) (*Catalog, error) {
	c, err := parseSnapshot(data)
	if err != nil {
		return nil, err
	}
	for _, region := range keysOf(c.prices) {
		if err := c.prices[region].load(); err != nil {
			return nil, fmt.Errorf("region %s: %v", region, err)
		}
	}
	return c, nil
}
