package render

import (
	"io"

	"github.com/infralint/infralint/internal/term"
	"github.com/infralint/infralint/internal/textsafe"
)

// styledWriter is what a text renderer writes to when its writer carries
// a term.Style: text goes through the escaping writer as ever, and the
// tables learn the style (and, to colour, the raw writer) from it.
type styledWriter struct {
	*textsafe.Writer
	raw   io.Writer
	style term.Style
}

// styleOf is the Style a renderer's writer carries.
func styleOf(w io.Writer) term.Style {
	if sw, ok := w.(*styledWriter); ok {
		return sw.style
	}
	return term.StyleOf(w)
}

// safeText runs a text or JSON renderer on a textsafe.Writer: whatever it
// prints reaches w with every control character escaped (JSON stays JSON
// and decodes to the same strings).
func safeText(w io.Writer, render func(io.Writer) error) error {
	if s, ok := w.(*styledWriter); ok { // a renderer inside another
		if err := render(s); err != nil {
			return err
		}
		return s.Writer.Flush()
	}
	sw := textsafe.NewWriter(w)
	var out io.Writer = sw
	if style := term.StyleOf(w); style != (term.Style{}) {
		out = &styledWriter{Writer: sw, raw: w, style: style}
	}
	if err := render(out); err != nil {
		return err
	}
	return sw.Flush()
}
