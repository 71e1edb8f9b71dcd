package textsafe

import (
	"io"
	"unicode/utf8"
)

// Writer passes text through Terminal on its way to the underlying writer,
// so that whatever a renderer prints is safe however it was assembled. A
// character split across two writes is held back until it is whole; Flush
// writes (escaped) what is left of one that never completed.
type Writer struct {
	w       io.Writer
	pending []byte // the start of a UTF-8 sequence cut off by the last write
}

// NewWriter returns a Writer onto w; a Writer passed in is returned as is.
func NewWriter(w io.Writer) *Writer {
	if tw, ok := w.(*Writer); ok {
		return tw
	}
	return &Writer{w: w}
}

// Write escapes p and writes it; it reports len(p) when all was written.
func (t *Writer) Write(p []byte) (int, error) {
	data := p
	if len(t.pending) > 0 {
		data = append(t.pending, p...)
		t.pending = nil
	}
	cut := incompleteTail(data)
	if cut < len(data) {
		t.pending = append([]byte(nil), data[cut:]...)
		data = data[:cut]
	}
	if _, err := io.WriteString(t.w, Terminal(string(data))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes a held-back incomplete character, escaped as the bytes it is.
func (t *Writer) Flush() error {
	if len(t.pending) == 0 {
		return nil
	}
	s := Terminal(string(t.pending))
	t.pending = nil
	_, err := io.WriteString(t.w, s)
	return err
}

// incompleteTail is where an unfinished but possibly valid UTF-8 sequence
// at the end of b starts, or len(b) when b ends with a whole character (or
// with bytes that are invalid whatever follows).
func incompleteTail(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax+1; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return i
			}
			break
		}
	}
	return len(b)
}
