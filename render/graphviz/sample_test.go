package graphviz

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestArchitectureSample renders testdata/architecture.dot (VPC > public and
// private subnets, boxes, cylinders, dashed, dotted and bold edges) in every
// format. With GRAPHVIZ_SAMPLE_DIR set it also writes architecture.png and
// architecture.svg there, for looking at.
func TestArchitectureSample(t *testing.T) {
	dot, err := os.ReadFile("testdata/architecture.dot")
	if err != nil {
		t.Fatal(err)
	}
	dir := os.Getenv("GRAPHVIZ_SAMPLE_DIR")
	for _, format := range Formats() {
		var buf bytes.Buffer
		if err := Render(context.Background(), dot, format, &buf); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if format == "png" {
			img := decodePNG(t, buf.Bytes())
			if b := img.Bounds(); b.Dx() < 400 || b.Dy() < 300 {
				t.Errorf("PNG is only %dx%d", b.Dx(), b.Dy())
			}
		}
		if dir != "" {
			if err := os.WriteFile(filepath.Join(dir, "architecture."+format), buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
