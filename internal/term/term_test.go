package term

import (
	"os"
	"testing"

	"github.com/creack/pty"
)

func env(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

// openPTY gives a real terminal of the given size (a pseudo-terminal from
// the kernel), so that Detect is tested against what isatty and
// TIOCGWINSZ answer, not against a stand-in.
func openPTY(t *testing.T, cols, rows uint16) *os.File {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	t.Cleanup(func() { ptmx.Close(); tty.Close() })
	if cols > 0 {
		if err := pty.Setsize(ptmx, &pty.Winsize{Cols: cols, Rows: rows}); err != nil {
			t.Fatal(err)
		}
	}
	return tty
}

func TestDetectTerminal(t *testing.T) {
	tty := openPTY(t, 80, 24)
	for _, tc := range []struct {
		name string
		env  map[string]string
		want Style
	}{
		{"colour and the terminal's width", nil, Style{Width: 80, Color: true}},
		{"NO_COLOR=1", map[string]string{"NO_COLOR": "1"}, Style{Width: 80}},
		// no-color.org: only a NO_COLOR that is set and not empty counts.
		{"NO_COLOR empty", map[string]string{"NO_COLOR": ""}, Style{Width: 80, Color: true}},
		{"TERM=dumb", map[string]string{"TERM": "dumb"}, Style{Width: 80}},
		{"COLUMNS first", map[string]string{"COLUMNS": "132"}, Style{Width: 132, Color: true}},
		{"COLUMNS not a number", map[string]string{"COLUMNS": "wide"}, Style{Width: 80, Color: true}},
		{"COLUMNS zero", map[string]string{"COLUMNS": "0"}, Style{Width: 80, Color: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Detect(tty, env(tc.env)); got != tc.want {
				t.Errorf("Detect = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// A terminal that reports no size (0×0, as a fresh pty does) is
// DefaultWidth wide.
func TestDetectTerminalWithoutSize(t *testing.T) {
	tty := openPTY(t, 0, 0)
	if got := Detect(tty, env(nil)); got != (Style{Width: DefaultWidth, Color: true}) {
		t.Errorf("Detect = %+v, want width %d and colour", got, DefaultWidth)
	}
}

func TestDetectNotTerminal(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for name, out := range map[string]any{"pipe": w, "file": f, "nil file": (*os.File)(nil)} {
		t.Run(name, func(t *testing.T) {
			w, _ := out.(*os.File)
			if got := Detect(w, env(nil)); got != (Style{}) {
				t.Errorf("Detect = %+v, want the natural layout", got)
			}
			// COLUMNS is honoured into a pipe, as ls and git do; colour never.
			if got := Detect(w, env(map[string]string{"COLUMNS": "80"})); got != (Style{Width: 80}) {
				t.Errorf("Detect with COLUMNS=80 = %+v, want width 80 without colour", got)
			}
		})
	}
}

func TestStyleOf(t *testing.T) {
	s := Style{Width: 90, Color: true}
	if got := StyleOf(&Writer{Writer: os.Stdout, Style: s}); got != s {
		t.Errorf("StyleOf(Writer) = %+v", got)
	}
	if got := StyleOf(os.Stdout); got != (Style{}) {
		t.Errorf("StyleOf(a plain writer) = %+v, want the natural layout", got)
	}
}

func TestPaint(t *testing.T) {
	for _, tc := range []struct {
		in   string
		c    Color
		want string
	}{
		{"error", Red, "\x1b[31merror\x1b[0m"},
		{"error", None, "error"},
		{"", Red, ""},
		{"SLO\nmissed", Red, "\x1b[31mSLO\x1b[0m\n\x1b[31mmissed\x1b[0m"},
		{"a\n\nb", Yellow, "\x1b[33ma\x1b[0m\n\n\x1b[33mb\x1b[0m"},
	} {
		if got := Paint(tc.in, tc.c); got != tc.want {
			t.Errorf("Paint(%q, %q) = %q, want %q", tc.in, tc.c, got, tc.want)
		}
	}
}
