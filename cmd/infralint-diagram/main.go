// Command infralint-diagram renders a DOT graph with Graphviz (compiled to
// WebAssembly, no system Graphviz needed) as SVG, PNG or laid-out DOT.
//
// It is the drawing half of `infralint diagram`, kept in its own binary
// because Graphviz's WebAssembly is compiled when the process starts, a
// cost that `infralint check` must not pay. infralint runs it with the DOT
// on standard input and reads the picture from standard output:
//
//	infralint-diagram --format svg < stack.dot > stack.svg
//
// Exit status: 0 rendered, 1 Graphviz failed (the reason on standard
// error), 2 usage.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/infralint/infralint/render/graphviz"
)

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("infralint-diagram", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "svg", "output format: "+strings.Join(graphviz.Formats(), ", "))
	scale := fs.Float64("scale", 0, fmt.Sprintf("PNG size as a multiple of 96 dpi, %v to %v (default: the graph's dpi, else 96)", graphviz.MinScale, graphviz.MaxScale))
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: infralint-diagram [--format %s] [--scale N] < graph.dot > picture\n\n"+
			"Renders DOT from standard input to standard output. Run by 'infralint diagram'.\n",
			strings.Join(graphviz.Formats(), "|"))
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "infralint-diagram: unexpected argument %q: the graph is read from standard input\n", fs.Arg(0))
		return 2
	}
	if f, ok := stdin.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			fs.Usage()
			return 2
		}
	}
	dot, err := io.ReadAll(stdin)
	if err != nil {
		fmt.Fprintf(stderr, "infralint-diagram: read standard input: %v\n", err)
		return 1
	}
	var out bytes.Buffer
	if err := graphviz.RenderScaled(context.Background(), dot, *format, *scale, &out); err != nil {
		fmt.Fprintf(stderr, "infralint-diagram: %v\n", err)
		if errors.Is(err, graphviz.ErrUnknownFormat) || errors.Is(err, graphviz.ErrBadScale) {
			return 2
		}
		return 1
	}
	if _, err := stdout.Write(out.Bytes()); err != nil {
		fmt.Fprintf(stderr, "infralint-diagram: write: %v\n", err)
		return 1
	}
	return 0
}
