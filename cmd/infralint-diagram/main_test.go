package main

import (
	"bytes"
	"image/png"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	const dot = `digraph G { a -> b [label="x"] }`
	for _, tc := range []struct {
		args  []string
		in    string
		code  int
		check func(out []byte) bool
	}{
		{nil, dot, 0, func(out []byte) bool { return bytes.Contains(out, []byte("<svg")) }},
		{[]string{"--format", "png"}, dot, 0, func(out []byte) bool { _, err := png.Decode(bytes.NewReader(out)); return err == nil }},
		{[]string{"--format", "dot"}, dot, 0, func(out []byte) bool { return bytes.Contains(out, []byte("pos=")) }},
		{[]string{"--format", "gif"}, dot, 2, nil},
		{[]string{"graph.dot"}, dot, 2, nil},
		{nil, "digraph { a -> ", 1, nil},
		{nil, "", 1, nil},
	} {
		var out, errb bytes.Buffer
		code := run(tc.args, strings.NewReader(tc.in), &out, &errb)
		if code != tc.code {
			t.Errorf("%v %q: exit %d, want %d (stderr %s)", tc.args, tc.in, code, tc.code, errb.String())
		}
		if tc.check != nil && !tc.check(out.Bytes()) {
			t.Errorf("%v: unexpected output %.80q", tc.args, out.Bytes())
		}
		if code != 0 && (out.Len() != 0 || !strings.HasPrefix(errb.String(), "infralint-diagram: ")) {
			t.Errorf("%v: failure wrote %d bytes; stderr %q", tc.args, out.Len(), errb.String())
		}
	}
}
