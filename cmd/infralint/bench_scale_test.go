package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/internal/stackgen"
)

// generated writes a stack with gen into a temporary file.
func generated(b *testing.B, gen func(io.Writer, int) error, n int) string {
	path := filepath.Join(b.TempDir(), "stack.cue")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := gen(f, n); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// benchRun times one command of the CLI, in-process, on path.
func benchRun(b *testing.B, args ...string) {
	catalog.Default() // parse the embedded snapshot once, outside the timing
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if code := run(args, io.Discard, io.Discard); code != exitClean {
			b.Fatalf("exit %d", code)
		}
	}
}

// benchReport times `infralint report --no-diagram` of n compute tiers,
// each taking traffic (so each has its tables and plots).
func benchReport(b *testing.B, n int) {
	benchRun(b, "report", "--no-diagram", generated(b, stackgen.WriteTiers, n))
}

func BenchmarkReport30(b *testing.B)   { benchReport(b, 30) }
func BenchmarkReport300(b *testing.B)  { benchReport(b, 300) }
func BenchmarkReport3000(b *testing.B) { benchReport(b, 3000) }

// benchCheckComprehension times `infralint check --severity error` of
// about n components made by one comprehension.
func benchCheckComprehension(b *testing.B, n int) {
	benchRun(b, "check", "--severity", "error", generated(b, stackgen.WriteComprehension, n))
}

func BenchmarkCheckComprehension1000(b *testing.B)  { benchCheckComprehension(b, 1000) }
func BenchmarkCheckComprehension20000(b *testing.B) { benchCheckComprehension(b, 20000) }
