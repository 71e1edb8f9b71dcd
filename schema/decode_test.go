package schema

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"
	"github.com/infralint/infralint/internal/stackgen"
)

// TestDecodeValueMatchesJSON: reading the unified value directly gives the
// same Stack as encoding/json gives from CUE's JSON export of it, on every
// example and on a generated stack of every kind of component.
func TestDecodeValueMatchesJSON(t *testing.T) {
	files, _ := filepath.Glob("../examples/*/stack.cue") // the CUE examples (web-asg-rds-tf holds an overlay, not a stack)
	if len(files) < 7 {
		t.Fatalf("found %d example files", len(files))
	}
	sources := map[string][]byte{}
	for _, f := range files {
		if filepath.Base(f) == ConfigFileName {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources[f] = src
	}
	var gen bytes.Buffer
	if err := stackgen.Write(&gen, 20); err != nil {
		t.Fatal(err)
	}
	sources["generated"] = gen.Bytes()
	sources["literal"] = []byte(validStack)

	ev, err := newEvaluator()
	if err != nil {
		t.Fatal(err)
	}
	for name, src := range sources {
		unified := ev.stack.Unify(ev.ctx.CompileBytes(src))
		if err := unified.Validate(cue.Concrete(true)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		raw, err := unified.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var want, got Stack
		if err := json.Unmarshal(raw, &want); err != nil {
			t.Fatal(err)
		}
		if err := decodeValue(unified, &got); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, want) {
			g, _ := json.Marshal(got)
			t.Errorf("%s: decoded\n%s\nwant (from JSON)\n%s", name, g, raw)
		}
		if len(got.Components) == 0 {
			t.Errorf("%s: no components decoded", name)
		}
	}
}

// TestDecodeValueNullAndErrors: null clears a pointer as in encoding/json,
// and a value of the wrong type is an error, not a zero.
func TestDecodeValueNullAndErrors(t *testing.T) {
	ctx := cuecontext.New()
	var n Network
	two := 2
	n.NATGateways = &two
	if err := decodeValue(ctx.CompileString(`nat_gateways: null, vpc: "v"`), &n); err != nil {
		t.Fatal(err)
	}
	if n.NATGateways != nil || n.VPC != "v" {
		t.Errorf("got %+v, want nat_gateways nil and vpc v", n)
	}
	var w Workload
	if err := decodeValue(ctx.CompileString(`avg_rps: "ten"`), &w); err == nil {
		t.Error("a string decoded into a float64")
	}
	var c Compute
	if err := decodeValue(ctx.CompileString(`count: 1.5`), &c); err == nil {
		t.Error("1.5 decoded into an int")
	}
	var comp Component
	if err := decodeValue(ctx.CompileString(`kind: "broker"`), &comp); err == nil {
		t.Error("an unknown kind decoded")
	}
}

// BenchmarkDecodeValue1000 reads a generated 1,000-component stack out of
// its evaluated value (the part of loading after CUE's evaluation).
func BenchmarkDecodeValue1000(b *testing.B) {
	var gen bytes.Buffer
	if err := stackgen.Write(&gen, 1000); err != nil {
		b.Fatal(err)
	}
	ev, err := newEvaluator()
	if err != nil {
		b.Fatal(err)
	}
	unified := ev.stack.Unify(ev.ctx.CompileBytes(gen.Bytes()))
	if err := unified.Validate(cue.Concrete(true)); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		var s Stack
		if err := decodeValue(unified, &s); err != nil {
			b.Fatal(err)
		}
	}
}
