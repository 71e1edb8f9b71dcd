package convert

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/infralint/infralint/catalog/internal/format"
)

func TestCleanFloat32(t *testing.T) {
	// Values as they appear in coroot's internet_egress.
	tests := map[float64]float64{
		0.09000000357627869:  0.09,
		0.12600000202655792:  0.126,
		0.11699999868869781:  0.117,
		0.1550000011920929:   0.155,
		0.050000000745058060: 0.05,
		0.085:                0.085, // already clean
	}
	for in, want := range tests {
		if got := cleanFloat32(in); got != want {
			t.Errorf("cleanFloat32(%v) = %v, want %v", in, got, want)
		}
	}
}

func TestEC2Arch(t *testing.T) {
	for typ, want := range map[string]string{
		"mac1.metal": "amd64", "mac2.metal": "arm64", "mac2-m2pro.metal": "arm64", "mac-m4.metal": "arm64",
		"m5.large": "amd64",
	} {
		if got := ec2Arch(typ, "amd64"); got != want {
			t.Errorf("ec2Arch(%s) = %s, want %s", typ, got, want)
		}
	}
}

func TestFactTablesAndCheck(t *testing.T) {
	src := fstest.MapFS{factsFile: {Data: []byte("# comment\n" +
		"region\tkey\tusd\tgolden\tcommit\tderivation\n" +
		"us-east-1\talb/hour\t0.0225\tf\t-\tx\n" +
		"us-east-1\talb/lcu-hour\t0.008\tf\t-\tx\n" +
		"global\tcloudfront/gb\t0.085\tf\t-\tx\n")}}
	tables, err := factTables(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) != 2 || tables[0].Key != "alb/*" || tables[0].Regions["us-east-1"]["lcu-hour"] != 0.008 ||
		tables[1].Regions["global"]["gb"] != 0.085 {
		t.Errorf("tables = %+v", tables)
	}

	f := &format.File{
		Sources: map[string]format.Source{"infracost-tests": {}},
		Specs: format.Specs{EC2: format.EC2Specs{Source: "infracost-tests"},
			ElastiCache: format.CacheSpecs{Source: "infracost-tests"}},
		Tables: append(tables, tables[0]),
	}
	err = check(f)
	if err == nil || !strings.Contains(err.Error(), `us-east-1 alb/hour: in tables "alb/*" and "alb/*"`) {
		t.Errorf("check(duplicate) = %v", err)
	}

	bad := fstest.MapFS{factsFile: {Data: []byte("region\tkey\tusd\n")}}
	if _, err := factTables(bad); err == nil || !strings.Contains(err.Error(), "header") {
		t.Errorf("bad header: %v", err)
	}
}

// Each of the three ways an Aurora figure is classified (aurora_standard.go).
func TestAuroraStandard(t *testing.T) {
	type az = struct {
		SingleAZ onDemand `json:"single_az"`
		MultiAZ  onDemand `json:"multi_az"`
	}
	price := func(usd float64) az { return az{SingleAZ: onDemand{usd}} }
	c := &coroot{ManagedDB: map[string]map[string]map[string]az{"r": {
		// Step 1: PostgreSQL's db.t3.large is 1.3 × MySQL's.
		"aurora-mysql":      {"db.t3.large": price(0.164), "db.r6g.large": price(0.338), "db.r7g.large": price(0.276), "db.x9.large": price(0.5)},
		"aurora-postgresql": {"db.t3.large": price(0.213)},
		// Step 2: db.r6g.large is 1.57 × RDS's, db.r7g.large 1.21 ×.
		"mysql": {"db.r6g.large": price(0.215), "db.r7g.large": price(0.228)},
	}}}
	var n auroraCount
	for _, tt := range []struct {
		engine, class string
		want          float64
	}{
		{"aurora-mysql", "db.t3.large", 0.164},
		{"aurora-postgresql", "db.t3.large", 0.164}, // 0.213 ÷ 1.3 = 0.16385
		{"aurora-mysql", "db.r6g.large", 0.26},      // 0.338 ÷ 1.3
		{"aurora-mysql", "db.r7g.large", 0.276},
		{"aurora-mysql", "db.x9.large", 0.5}, // step 3: kept, unchecked
	} {
		if got := n.standard(c, "r", tt.engine, tt.class); got != tt.want {
			t.Errorf("%s %s = %v, want %v", tt.engine, tt.class, got, tt.want)
		}
	}
	if n.total != 5 || n.divided != 2 || n.unchecked != 1 {
		t.Errorf("count = %+v, want 5 total, 2 divided, 1 unchecked", n)
	}
}
