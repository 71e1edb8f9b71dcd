// Command gen regenerates catalog/snapshot.json from catalog/source.
// Run it with `go generate ./catalog` (the //go:generate line in
// catalog/doc.go runs it from the catalog directory).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/infralint/infralint/catalog/internal/convert"
)

func main() {
	src := flag.String("src", "source", "directory holding the source data files")
	out := flag.String("out", "snapshot.json", "file to write")
	flag.Parse()
	b, err := convert.Build(os.DirFS(*src))
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Printf("gen: wrote %s (%d bytes)\n", *out, len(b))
}
