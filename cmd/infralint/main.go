// Command infralint lints, prices, sizes and draws an architecture described
// in CUE.
package main

import (
	"bufio"
	"fmt"
	"os"

	"github.com/infralint/infralint/internal/textsafe"
)

func main() {
	// Tables are written a cell at a time: unbuffered, a report of 500
	// findings is over 2,000 write calls.
	out := bufio.NewWriterSize(os.Stdout, 64<<10)
	code := run(os.Args[1:], out, os.Stderr)
	if err := out.Flush(); err != nil {
		fmt.Fprintf(os.Stderr, "infralint: writing standard output: %s\n", textsafe.Terminal(err.Error()))
		code = exitBadInput
	}
	os.Exit(code)
}
