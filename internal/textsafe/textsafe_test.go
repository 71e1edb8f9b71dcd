package textsafe

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTerminal(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain web-app", "plain web-app"},
		{"결제 서비스 · ≥ $1", "결제 서비스 · ≥ $1"},
		{"two\nlines\tand a tab", "two\nlines\tand a tab"},
		{"\x1b]52;c;ZXZpbA==\x07", `\u001b]52;c;ZXZpbA==\u0007`}, // OSC 52: clipboard write
		{"\x1b[2J\x1b[H", `\u001b[2J\u001b[H`},                   // clear the screen
		{"\x1b[8msecret\x1b[0m", `\u001b[8msecret\u001b[0m`},     // concealed text
		{"ok\rFAKE", `ok\rFAKE`},
		{"nul\x00", `nul\u0000`},
		{"del\x7f", `del\u007f`},
		{"csi\u009b2J", `csi\u009b2J`},                       // C1 CSI
		{"admin\u202e\u2066 evil", `admin\u202e\u2066 evil`}, // Trojan source
		{"bad\xffutf8\xe2\x82", `bad\xffutf8\xe2\x82`},
		{"\ufffd is a character", "\ufffd is a character"},
	} {
		if got := Terminal(c.in); got != c.want {
			t.Errorf("Terminal(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := Cell("a\tb\nc"); got != `a\tb`+"\nc" {
		t.Errorf("Cell keeps the tab: %q", got)
	}
	if got := Line("a\tb\nc\r"); got != `a\tb\nc\r` {
		t.Errorf("Line keeps layout: %q", got)
	}
}

// TestTerminalKeepsJSON: escaping a JSON document gives one that decodes to
// the same strings, with none of the characters a terminal obeys left raw
// (encoding/json leaves DEL, C1 and the bidi controls raw).
func TestTerminalKeepsJSON(t *testing.T) {
	in := map[string]string{"name": "a\x1b[2J\x7f\u0085\u202e\u2069\x00\"\\ok<&>", "bad": "\xff"}
	raw, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	out := Terminal(string(raw))
	var got map[string]string
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%s: %v", out, err)
	}
	want := map[string]string{"name": in["name"], "bad": "\ufffd"}
	if got["name"] != want["name"] || got["bad"] != want["bad"] {
		t.Errorf("decoded %q, want %q", got, want)
	}
	if strings.ContainsFunc(out, Unsafe) {
		t.Errorf("raw control characters left: %q", out)
	}
}

func TestWriterJoinsSplitCharacters(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b)
	for _, part := range []string{"a\xe2", "\x80", "\xae|b\xc2", "\x9b|\xe2\x82"} {
		if n, err := w.Write([]byte(part)); err != nil || n != len(part) {
			t.Fatalf("Write(%q) = %d, %v", part, n, err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if want := `a\u202e|b\u009b|\xe2\x82`; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
	if NewWriter(w) != w {
		t.Error("a Writer is wrapped twice")
	}
}

// FuzzTerminal: the escaped text holds no unsafe character and is valid
// UTF-8, escaping twice changes nothing, safe text is kept byte for byte,
// what is shown spells the input (as a Go string literal would), and a
// Writer fed the text in two pieces writes the same.
func FuzzTerminal(f *testing.F) {
	for _, s := range []string{"plain", "\x1b]52;c;eA==\x07", "a\rb", "\u202eevil", "\xff\xe2\x82", "t\tn\n", "\x00\x7f\u0085"} {
		f.Add(s, 1)
	}
	f.Fuzz(func(t *testing.T, s string, cut int) {
		for _, esc := range []func(string) string{Terminal, Cell, Line} {
			out := esc(s)
			if !utf8.ValidString(out) {
				t.Fatalf("%q gives invalid UTF-8 %q", s, out)
			}
			if strings.ContainsFunc(out, func(r rune) bool { return Unsafe(r) && r != '\n' && r != '\t' }) {
				t.Fatalf("%q gives %q, which holds a control character", s, out)
			}
			if esc(out) != out {
				t.Fatalf("escaping %q twice changes it: %q, %q", s, out, esc(out))
			}
		}
		line := Line(s)
		if strings.ContainsAny(line, "\n\t") {
			t.Fatalf("Line(%q) = %q keeps layout", s, line)
		}
		if utf8.ValidString(s) && !strings.ContainsFunc(s, Unsafe) && line != s {
			t.Fatalf("safe %q changed to %q", s, line)
		}
		if !strings.ContainsAny(s, `\"`) {
			if back, err := strconv.Unquote(`"` + line + `"`); err != nil || back != s {
				t.Fatalf("Line(%q) = %q reads back as %q (%v)", s, line, back, err)
			}
		}
		if cut < 0 {
			cut = -cut
		}
		if len(s) > 0 {
			cut %= len(s) + 1
		} else {
			cut = 0
		}
		var b bytes.Buffer
		w := NewWriter(&b)
		w.Write([]byte(s[:cut]))
		w.Write([]byte(s[cut:]))
		w.Flush()
		if b.String() != Terminal(s) {
			t.Fatalf("Writer(%q | %q) = %q, want %q", s[:cut], s[cut:], b.String(), Terminal(s))
		}
	})
}
