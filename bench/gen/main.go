// Command gen writes a synthetic stack to stdout, for the benchmark
// script: -n components as literal cells (the default), as one
// comprehension (-comprehension), or -tiers compute tiers alone.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/infralint/infralint/internal/stackgen"
)

func main() {
	n := flag.Int("n", 100, "number of components")
	comprehension := flag.Bool("comprehension", false, "generate the components with one CUE comprehension")
	tiers := flag.Int("tiers", 0, "write this many compute tiers and nothing else (for the report)")
	flag.Parse()
	var err error
	switch {
	case *tiers > 0:
		err = stackgen.WriteTiers(os.Stdout, *tiers)
	case *comprehension:
		err = stackgen.WriteComprehension(os.Stdout, *n)
	default:
		err = stackgen.Write(os.Stdout, *n)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
