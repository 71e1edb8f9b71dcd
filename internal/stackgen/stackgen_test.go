package stackgen

import (
	"bytes"
	"testing"

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
