package format

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestDecodeSnapshot: Decode reads the committed snapshot exactly as
// encoding/json does.
func TestDecodeSnapshot(t *testing.T) {
	data, err := os.ReadFile("../../snapshot.json")
	if err != nil {
		t.Fatal(err)
	}
	var want File
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	got, err := decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Tables) < 10 || !reflect.DeepEqual(*got, want) {
		t.Fatalf("Decode differs from encoding/json (%d tables, want %d)", len(got.Tables), len(want.Tables))
	}
}

func TestDecodeRoundTrip(t *testing.T) {
	f := &File{
		Format:  Version,
		Sources: map[string]Source{"x": {Title: `a "quoted" title`, Files: []string{"f"}}},
		Specs: Specs{EC2: EC2Specs{Types: map[string]EC2Spec{"m5.large": {VCPU: 2, MemoryMiB: 8192, Arch: "amd64"}}},
			ElastiCache: CacheSpecs{Types: map[string]CacheSpec{}}},
		Tables: []Table{
			{Key: "ec2/*", Source: "x", Regions: map[string]map[string]float64{
				"us-east-1": {"m5.large": 0.096, `odd "name"\`: 1e-7, "big": 12345678.5},
				"eu-west-1": {"m5.large": 0.107},
			}},
			{Key: "s3/*", Source: "x", Approximate: "why", Regions: map[string]map[string]float64{"us-east-1": {}}},
		},
	}
	data, err := Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decode(data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if !reflect.DeepEqual(got, f) {
		t.Errorf("round trip:\n%+v\nwant\n%+v", got, f)
	}
	empty, err := decode([]byte(strings.Replace(string(data), string(data[strings.Index(string(data), "\n{\"key\""):]), "]}\n", 1)))
	if err != nil || len(empty.Tables) != 0 {
		t.Errorf("no tables: %v, %d tables", err, len(empty.Tables))
	}
}

// TestDecodeRejects: a file not in Encode's layout is an error naming its
// line, never a partial catalog.
func TestDecodeRejects(t *testing.T) {
	data, err := Encode(&File{Format: Version, Tables: []Table{{Key: "ec2/*", Source: "x",
		Regions: map[string]map[string]float64{"us-east-1": {"a": 1, "b": 2}}}}})
	if err != nil {
		t.Fatal(err)
	}
	good := string(data)
	tests := map[string]string{
		"truncated":      good[:len(good)-8],
		"trailing text":  good + "x",
		"not a number":   strings.Replace(good, `"a":1`, `"a":one`, 1),
		"listed twice":   strings.Replace(good, `"b":2`, `"a":2`, 1),
		"indented":       strings.Replace(good, "\n\"a\"", "\n  \"a\"", 1),
		"no tables line": strings.Replace(good, `"tables"`, `"tablez"`, 1),
		"bad head":       strings.Replace(good, `{"key"`, `{"kee"`, 1),
	}
	for name, text := range tests {
		if _, err := decode([]byte(text)); err == nil {
			t.Errorf("%s: decoded", name)
		}
	}
	_, err = decode([]byte(tests["not a number"]))
	if err == nil || !strings.Contains(err.Error(), "line ") {
		t.Errorf("error %v does not name the line", err)
	}
}

// decode reads what Encode writes (Split, then Items.Each of every
// region), to check Split and Each against encoding/json.
func decode(data []byte) (*File, error) {
	text, err := Split(data)
	if err != nil {
		return nil, err
	}
	f := text.File
	for _, tt := range text.Tables {
		t := Table{Key: tt.Key, Source: tt.Source, Approximate: tt.Approximate, Regions: map[string]map[string]float64{}}
		for region, items := range tt.Regions {
			byName := map[string]float64{}
			err := items.Each(func(name string, usd float64) error {
				if _, dup := byName[name]; dup {
					return fmt.Errorf("%s %s listed twice", region, name)
				}
				byName[name] = usd
				return nil
			})
			if err != nil {
				return nil, err
			}
			t.Regions[region] = byName
		}
		f.Tables = append(f.Tables, t)
	}
	return &f, nil
}
