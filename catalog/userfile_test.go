package catalog

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const userPrices = `{
  "source": "acme-edp",
  "date": "2026-10-01",
  "title": "EDP rates",
  "prices": {
    "us-east-1": {"ec2/m5.large": 0.0845},
    "eu-north-1": {"alb/hour": 0.0252, "alb/lcu-hour": 0.0082, "nat/hour": 0.059},
    "eu-west-1": {"rds/mariadb/db.t3.medium/single-az": 0.068}
  }
}`

func TestParseAndMerge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prices.json")
	if err := os.WriteFile(path, []byte(userPrices), 0o644); err != nil {
		t.Fatal(err)
	}
	user, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	base := Default()
	m := Merge(base, user)

	// Overridden: the user's figure and source.
	p, ok := m.Price("us-east-1", EC2Key("m5.large"))
	if want := (Price{USD: 0.0845, Unit: "hour", Source: "acme-edp", Date: "2026-10-01"}); !ok || p != want {
		t.Errorf("overridden m5.large = %#v, want %#v", p, want)
	}
	// Added: a price the snapshot lacks, and a new engine.
	if p, ok := m.Price("eu-north-1", ALBHour); !ok || p.USD != 0.0252 || p.Unit != "hour" {
		t.Errorf("added eu-north-1 alb/hour = %v, %v", p, ok)
	}
	if _, ok := m.Price("eu-west-1", RDSKey("mariadb", "db.t3.medium", false)); !ok {
		t.Error("added mariadb price not found")
	}
	// Untouched: the rest of the region still comes from the snapshot.
	if p, ok := m.Price("us-east-1", EC2Key("m5.xlarge")); !ok || p.Source != "karpenter" {
		t.Errorf("m5.xlarge = %v, %v", p, ok)
	}
	if p, ok := m.Price("eu-north-1", EC2Key("m5.large")); !ok || p.Source != "coroot" {
		t.Errorf("eu-north-1 m5.large = %v, %v", p, ok)
	}
	// Still missing where neither has it.
	if _, ok := m.Price("eu-north-1", EBSGP3GBMonth); ok {
		t.Error("eu-north-1 ebs found after merge")
	}
	// The base catalog is unchanged. (eu-north-1 is outside the regional price
	// list: the snapshot has no ALB, NAT or EBS price there.)
	if p, _ := base.Price("us-east-1", EC2Key("m5.large")); p.USD != 0.096 {
		t.Errorf("base changed: %v", p)
	}
	if _, ok := base.Price("eu-north-1", ALBHour); ok {
		t.Error("base gained eu-north-1 alb/hour")
	}
	// Specs still come from the snapshot, and the user's source is listed.
	if _, ok := m.EC2Spec("m5.large"); !ok {
		t.Error("merged catalog lost specs")
	}
	if got := m.Attribution(p); !strings.Contains(got, "2026-10-01 (acme-edp)") || !strings.Contains(got, path) {
		t.Errorf("Attribution = %q", got)
	}

	// Later overlays win; a file without a source id is named after the file.
	second, err := Parse("dir/cheaper.json", []byte(`{"prices": {"us-east-1": {"ec2/m5.large": 0.08}}}`))
	if err != nil {
		t.Fatal(err)
	}
	p, _ = Merge(base, user, second).Price("us-east-1", EC2Key("m5.large"))
	if p.USD != 0.08 || p.Source != "user:cheaper.json" || p.Date != "" {
		t.Errorf("second overlay: %#v", p)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, data string
		want       []string // each must appear in the error
	}{
		{"syntax", "{\n  \"prices\": {\n    \"us-east-1\": {\"ec2/m5.large\": 0.1,}\n  }\n}",
			[]string{"p.json:3:39: invalid character '}'"}},
		{"string price", "{\"prices\": {\"us-east-1\": {\"alb/hour\": \"0.02\"}}}",
			[]string{`p.json:1:27: prices["us-east-1"]["alb/hour"]: "0.02" is not a number; want a price in USD`}},
		{"wrong type", `{"source": 7, "prices": {}}`,
			[]string{`p.json:1:12: source: got a JSON number, want string`}},
		{"prices not an object", `{"prices": [1]}`,
			[]string{`p.json:1:12: prices: got a JSON array, want an object {"<region>": {"<key>": <USD>, ...}}`}},
		{"unknown field", `{"price": {}}`,
			[]string{`p.json: unknown field "price"; the fields are source, date, title and prices`}},
		{"no prices", `{"source": "x"}`, []string{`p.json: no prices`}},
		{"empty region", `{"prices": {"us-east-1": {}}}`, []string{`p.json: no prices`}},
		{"unknown key", `{"prices": {"ap-northeast-2": {"alb/hr": 0.02}}}`,
			[]string{`p.json:1:32: prices["ap-northeast-2"]["alb/hr"]: key "alb/hr": unknown item "hr" (did you mean hour?)`}},
		{"typo instance type", `{"prices": {"us-east-1": {"ec2/m5.lrage": 0.09}}}`,
			[]string{`p.json:1:27: prices["us-east-1"]["ec2/m5.lrage"]: unknown instance type "m5.lrage" (did you mean m5.large, m5.xlarge`}},
		{"typo db class", `{"prices": {"us-east-1": {"rds/postgres/db.r5.lrage/single-az": 0.25}}}`,
			[]string{`unknown DB instance class "db.r5.lrage" (did you mean db.r5.large`}},
		{"typo node type", `{"prices": {"us-east-1": {"elasticache/redis/cache.t3.meduim": 0.07}}}`,
			[]string{`unknown node type "cache.t3.meduim" (did you mean cache.t3.medium`}},
		{"bad region", `{"prices": {"ap-northeast2": {"alb/hour": 0.02}}}`,
			[]string{`p.json:1:13: prices: "ap-northeast2" is not a region name like us-east-1 (or "global") (did you mean ap-northeast-2`}},
		{"negative", `{"prices": {"us-east-1": {"nat/gb": -1}}}`,
			[]string{`prices["us-east-1"]["nat/gb"]: price -1 is negative`}},
		{"regional cloudfront", `{"prices": {"us-east-1": {"cloudfront/japan/first-10tb/gb": 0.08}}}`,
			[]string{`cloudfront/japan/first-10tb/gb is priced in region "global"`}},
		{"global ec2", `{"prices": {"global": {"ec2/m5.large": 0.08}}}`,
			[]string{`region "global" holds only CloudFront prices`}},
		{"built-in source", `{"source": "coroot", "prices": {"us-east-1": {"nat/gb": 1}}}`,
			[]string{`source "coroot" is the id of a built-in source`}},
		{"bad date", `{"date": "1 Oct 2026", "prices": {"us-east-1": {"nat/gb": 1}}}`,
			[]string{`date "1 Oct 2026" is not YYYY-MM-DD`}},
		{"trailing data", `{"prices": {"us-east-1": {"nat/gb": 1}}} {}`,
			[]string{`unexpected data after the top-level object`}},
		// Every problem is reported, one per line, in file order.
		{"several", `{"prices": {"us-east-1": {"nat/gb": -1, "alb/hr": 1}, "mars": {"nat/gb": 1}}}`,
			[]string{"p.json:1:27: prices[\"us-east-1\"][\"nat/gb\"]: price -1 is negative\np.json:1:41: prices[\"us-east-1\"][\"alb/hr\"]", "\np.json:1:55: prices: \"mars\" is not"}},
		{"above the bound", "{\"prices\": {\n  \"us-east-1\": {\n    \"ec2/c5.xlarge\": 1e305\n  }\n}}",
			[]string{`p.json:3:5: prices["us-east-1"]["ec2/c5.xlarge"]: price 1e305 is above $100,000 per hour, the most a price may be`}},
		{"beyond float64", `{"prices": {"us-east-1": {"nat/gb": 1e400}}}`,
			[]string{`p.json:1:27: prices["us-east-1"]["nat/gb"]: price 1e400 is above $100,000 per GB, the most a price may be`}},
		{"below float64", `{"prices": {"us-east-1": {"nat/gb": -1e400}}}`,
			[]string{`p.json:1:27: prices["us-east-1"]["nat/gb"]: price -1e400 is negative`}},
		// A quoted quote in an earlier name does not shift the position.
		{"escaped names", `{"title": "a \"q\" \\", "prices": {"us-east-1": {"nat/gb": 1, "x\"y\\": 1}}}`,
			[]string{`p.json:1:63: prices["us-east-1"]["x\"y\\"]: unknown service`}},
		// A value is quoted short, however long it is.
		{"long number", `{"prices": {"us-east-1": {"nat/gb": 1` + strings.Repeat("0", 1000) + `}}}`,
			[]string{`: price 1000000000000000000000000000000000000000… is above $100,000 per GB`}},
		{"long string", `{"prices": {"us-east-1": {"nat/gb": "` + strings.Repeat("x", 1000) + `"}}}`,
			[]string{`: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… is not a number`}},
		{"empty", "", []string{`p.json: file is empty; want {"prices": {"<region>": {"<key>": <USD>, ...}}}`}},
		{"blank", " \n\t\n", []string{`p.json: file is empty;`}},
	}
	for _, tt := range tests {
		_, err := Parse("p.json", []byte(tt.data))
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error\n%v\nlacks %q", tt.name, err, w)
			}
		}
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.json")); err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("Load(missing) = %v", err)
	}
}
