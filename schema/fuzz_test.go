package schema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzLoadBytes: arbitrary bytes never panic, and every failure is an
// infralint error with text.
func FuzzLoadBytes(f *testing.F) {
	f.Add([]byte(validStack))
	f.Add([]byte(graphStack))
	f.Add([]byte(""))
	f.Add([]byte("name: 1"))
	examples, _ := filepath.Glob("../examples/*/stack.cue")
	for _, e := range examples {
		if b, err := os.ReadFile(e); err == nil {
			f.Add(b)
		}
	}
	l, err := NewLoader()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := l.LoadBytes("fuzz.cue", src)
		if err != nil {
			if strings.TrimSpace(err.Error()) == "" {
				t.Fatal("empty error message")
			}
			return
		}
		if s.Name == "" || len(s.Network.AZs) == 0 {
			t.Fatalf("loaded an invalid stack: %+v", s)
		}
	})
}
