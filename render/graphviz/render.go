// Package graphviz turns DOT text into SVG, PNG or laid-out DOT.
//
// It is the only package of infralint that imports github.com/goccy/go-graphviz,
// which compiles Graphviz's WebAssembly build in an init function (about 0.05 s
// with its compilation cache under os.TempDir()/go-graphviz, about 1 s without).
// Import this package only from the binary that draws diagrams, never from
// commands such as check that must start fast.
//
// SVG and DOT output come from Graphviz itself. PNG output is drawn by this
// package's own render engine (see engine.go), because the PNG renderer that
// ships with go-graphviz loses node outlines, cluster borders and edges.
package graphviz

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	gv "github.com/goccy/go-graphviz"
)

// formats lists the output format names Render accepts.
var formats = []string{"svg", "png", "dot"}

// Formats returns the output format names Render accepts: svg, png, dot.
func Formats() []string { return slices.Clone(formats) }

// ErrUnknownFormat is wrapped by the error Render returns for a format name
// that is not one of Formats().
var ErrUnknownFormat = errors.New("unknown output format")

// mu serialises every call into the WebAssembly module: go-graphviz keeps one
// module instance per process and it is not safe for concurrent use. inst is
// the Graphviz context with the PNG plugins, created on first use and dropped
// after a failed render so that the next call starts from a clean context.
var (
	mu   sync.Mutex
	inst *gv.Graphviz
	eng  *engine
)

// Render lays out the graph given as DOT text with the dot layout engine and
// writes it to w in the given format:
//
//   - "svg": SVG 1.1 from Graphviz, with text set in DejaVu Sans naming
//     SVGFontStack instead; node, cluster and edge groups carry
//     class="node", class="cluster" and class="edge".
//   - "png": a PNG drawn at the graph's dpi (96 unless the graph sets dpi),
//     white background, so a 1-inch node is 96 pixels wide.
//   - "dot": the input graph as DOT with the layout's positions (pos, bb, ...).
//
// dot must be a complete, valid DOT graph (digraph or graph). Render does no
// escaping: the caller quotes IDs and labels as DOT requires, escapes double
// quotes as \" and doubles every backslash that is not meant as a Graphviz
// escape (\n, \l, \r, \N, \G, \E, \T, \H). Text is UTF-8; Graphviz itself
// escapes < > & and quotes when writing SVG. HTML-like labels (label=<...>)
// are passed through to Graphviz unchanged. go-graphviz replaces an empty
// node label (label="") with the node's name when it parses the DOT, so a
// node meant to show no text needs label=" ".
//
// The format name is checked before Graphviz is called. Calls are serialised
// process-wide; ctx is checked before the work starts, but a layout in
// progress is not interrupted.
func Render(ctx context.Context, dot []byte, format string, w io.Writer) error {
	if !validFormat(format) {
		return fmt.Errorf("graphviz: %w %q (want one of %s)", ErrUnknownFormat, format, strings.Join(formats, ", "))
	}
	return RenderScaled(ctx, dot, format, 0, w)
}

// Scales accepted by RenderScaled besides 0: enough for a slide at 4 and a
// thumbnail at 0.5; beyond that a large stack's PNG runs to gigabytes.
const (
	MinScale = 0.5
	MaxScale = 4
)

// ErrBadScale is wrapped by the error RenderScaled returns for a scale
// outside [MinScale, MaxScale].
var ErrBadScale = errors.New("bad scale")

// RenderScaled is Render with a PNG drawn at scale × 96 dpi (scale 2 gives
// twice the pixels in each direction, crisp on a high-density screen or in
// a design document), overriding the graph's dpi. Scale 0 keeps the graph's
// own dpi. SVG and DOT are vector output and ignore it.
func RenderScaled(ctx context.Context, dot []byte, format string, scale float64, w io.Writer) error {
	if !validFormat(format) {
		return fmt.Errorf("graphviz: %w %q (want one of %s)", ErrUnknownFormat, format, strings.Join(formats, ", "))
	}
	if scale != 0 && !(scale >= MinScale && scale <= MaxScale) {
		return fmt.Errorf("graphviz: %w %v (want %v to %v)", ErrBadScale, scale, MinScale, MaxScale)
	}
	return renderAt(ctx, dot, format, scale, w)
}

func validFormat(format string) bool { return slices.Contains(formats, format) }

// wasmFormats are the format names the WebAssembly build of Graphviz can
// produce with this package's plugins. Any other name corrupts the module's
// state, so render refuses it even for internal callers.
var wasmFormats = map[string]bool{"svg": true, "png": true, "dot": true, "xdot": true, "json": true, "plain": true}

// render is Render without the public format check; tests use it for "json".
func render(ctx context.Context, dot []byte, format string, w io.Writer) error {
	return renderAt(ctx, dot, format, 0, w)
}

func renderAt(ctx context.Context, dot []byte, format string, scale float64, w io.Writer) (err error) {
	if !wasmFormats[format] {
		return fmt.Errorf("graphviz: %w %q", ErrUnknownFormat, format)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(bytes.TrimSpace(dot)) == 0 {
		return errors.New("graphviz: empty DOT input")
	}
	mu.Lock()
	defer mu.Unlock()

	g, e, err := instance(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			// Start the next call from a fresh Graphviz context.
			_ = g.Close()
			inst, eng = nil, nil
		}
	}()

	graph, err := gv.ParseBytes(dot)
	if err != nil {
		return fmt.Errorf("graphviz: parse DOT: %w", err)
	}
	if graph == nil {
		return errors.New("graphviz: parse DOT: no graph")
	}
	defer graph.Close()
	if format == "png" && scale != 0 {
		graph.SetDPI(defaultDPI * scale)
	}

	e.reset()
	var buf bytes.Buffer
	if err := g.Render(ctx, graph, gv.Format(format), &buf); err != nil {
		return fmt.Errorf("graphviz: render %s: %w", format, err)
	}
	if e.err != nil {
		return fmt.Errorf("graphviz: render %s: %w", format, e.err)
	}
	if buf.Len() == 0 {
		// go-graphviz drops Graphviz's status code: empty output is the only sign.
		return fmt.Errorf("graphviz: render %s: Graphviz produced no output (invalid graph attributes?)", format)
	}
	out := buf.Bytes()
	if format == "svg" {
		out = fontStack(out)
	}
	_, err = w.Write(out)
	return err
}

// SVGFontStack is the font-family an SVG names for text laid out in DejaVu
// Sans: a viewer uses the first it has, and every one of them is at most as
// wide as DejaVu Sans, so no label outgrows its box. Multi-word names are
// left unquoted (valid CSS) so the attribute needs no escaping.
const SVGFontStack = "Helvetica, Arial, Liberation Sans, DejaVu Sans, sans-serif"

// fontStack replaces Graphviz's single font-family "DejaVu Sans" (with or
// without its generic ", sans-Serif") by SVGFontStack.
func fontStack(svg []byte) []byte {
	svg = bytes.ReplaceAll(svg, []byte(`font-family="DejaVu Sans,sans-Serif"`), []byte(`font-family="`+SVGFontStack+`"`))
	return bytes.ReplaceAll(svg, []byte(`font-family="DejaVu Sans"`), []byte(`font-family="`+SVGFontStack+`"`))
}
