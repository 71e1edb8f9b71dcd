package stackgen

import (
	"bytes"
	"testing"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/schema"
)

// TestGeneratedStackIsValid: benchmarks measure real evaluation, so the
// generated stack must load cleanly and have the requested size.
func TestGeneratedStackIsValid(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, 40); err != nil {
		t.Fatal(err)
	}
	l, err := schema.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	s, err := l.LoadBytes("gen.cue", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Components) != 40 {
		t.Errorf("components = %d, want 40", len(s.Components))
	}
	if errs := schema.Validate(s, catalog.Default()); len(errs) > 0 {
		t.Error(errs)
	}
}

// TestOtherGeneratorsAreValid: the tier-only and comprehension stacks
// load cleanly, with the requested size and every tier taking traffic.
func TestOtherGeneratorsAreValid(t *testing.T) {
	l, err := schema.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		gen  func(*bytes.Buffer) error
		want int
	}{
		"tiers":         {func(b *bytes.Buffer) error { return WriteTiers(b, 7) }, 7},
		"comprehension": {func(b *bytes.Buffer) error { return WriteComprehension(b, 40) }, 40},
	} {
		var buf bytes.Buffer
		if err := c.gen(&buf); err != nil {
			t.Fatal(err)
		}
		s, err := l.LoadBytes(name+".cue", buf.Bytes())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(s.Components) != c.want {
			t.Errorf("%s: components = %d, want %d", name, len(s.Components), c.want)
		}
		if errs := schema.Validate(s, catalog.Default()); len(errs) > 0 {
			t.Errorf("%s: %v", name, errs)
		}
		if name == "tiers" {
			model, err := capacity.Analyze(s, capacity.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, tier := range model.Tiers {
				if tier.Scenario(capacity.ScenarioPeak).RPS <= 0 {
					t.Errorf("tier %s takes no traffic", tier.Name)
				}
			}
		}
	}
}
