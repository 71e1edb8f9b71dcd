// Command gen writes a synthetic stack of -n components to stdout, for the
// benchmark script.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/infralint/infralint/internal/stackgen"
)

func main() {
	n := flag.Int("n", 100, "number of components")
	flag.Parse()
	if err := stackgen.Write(os.Stdout, *n); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
