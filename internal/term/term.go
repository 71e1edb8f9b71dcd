// Package term decides how text output is laid out for whoever reads it:
// how wide a line may be and whether severities are coloured. The rules
// are the usual ones (no-color.org, COLUMNS), so that infralint behaves
// in a terminal the way other tools do, and a pipe or a file always gets
// the same bytes.
package term

import (
	"io"
	"os"
	"strconv"
	"strings"

	xterm "golang.org/x/term"
)

// DefaultWidth is the width of a terminal whose size cannot be read (and
// COLUMNS is unset): wide enough for the findings table's four columns
// without wrapping a location, narrow enough for a split screen.
const DefaultWidth = 100

// Style is how text output is laid out. The zero Style is the natural
// layout: no width limit beyond each table's own cell wrapping, no colour,
// everything shown; it is what a pipe, a file or a buffer gets.
type Style struct {
	// Width is the most columns a table may take; 0 is no limit.
	Width int
	// Color asks for severities and verdicts in colour (ANSI SGR).
	Color bool
	// Quiet asks a report for its summary line alone.
	Quiet bool
}

// Detect is the Style for output written to w, given the environment.
// Colour needs a terminal and no NO_COLOR (set to anything but "", per
// no-color.org) and a TERM other than "dumb". Width is COLUMNS when it is
// a positive number (even into a pipe: a user who sets it asks for it),
// else the terminal's width, else DefaultWidth on a terminal and no limit
// off one.
func Detect(w io.Writer, getenv func(string) string) Style {
	fd, tty := terminalFD(w)
	var s Style
	if tty {
		s.Color = getenv("NO_COLOR") == "" && getenv("TERM") != "dumb"
		s.Width = DefaultWidth
		if cols, _, err := xterm.GetSize(fd); err == nil && cols > 0 {
			s.Width = cols
		}
	}
	if n, err := strconv.Atoi(strings.TrimSpace(getenv("COLUMNS"))); err == nil && n > 0 {
		s.Width = n
	}
	return s
}

// terminalFD is w's file descriptor when w is a terminal.
func terminalFD(w io.Writer) (int, bool) {
	f, ok := w.(*os.File)
	if !ok || f == nil {
		return 0, false
	}
	fd := int(f.Fd())
	return fd, xterm.IsTerminal(fd)
}

// Writer is an io.Writer that carries the Style its text is laid out in,
// from where the command learns its reader to the renderers.
type Writer struct {
	io.Writer
	Style Style
}

// StyleOf is the Style w carries, or the natural layout for any other
// writer (a file an -o flag names, a buffer).
func StyleOf(w io.Writer) Style {
	if tw, ok := w.(*Writer); ok {
		return tw.Style
	}
	return Style{}
}
