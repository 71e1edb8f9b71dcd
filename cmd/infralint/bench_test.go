package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/internal/stackgen"
)

// benchCheck times `infralint check --severity error` of a generated stack
// of n components, in-process: load (CUE evaluation) + capacity + pricing +
// rules + the text report.
func benchCheck(b *testing.B, n int) {
	path := filepath.Join(b.TempDir(), "stack.cue")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := stackgen.Write(f, n); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	catalog.Default() // parse the embedded snapshot once, outside the timing
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if code := run([]string{"check", "--severity", "error", path}, io.Discard, io.Discard); code != exitClean {
			b.Fatalf("exit %d", code)
		}
	}
}

func BenchmarkCheck50(b *testing.B)   { benchCheck(b, 50) }
func BenchmarkCheck100(b *testing.B)  { benchCheck(b, 100) }
func BenchmarkCheck1000(b *testing.B) { benchCheck(b, 1000) }
func BenchmarkCheck5000(b *testing.B) { benchCheck(b, 5000) }
