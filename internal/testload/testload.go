// Package testload loads stacks for the tests of the packages after schema
// (capacity, pricing, rightsize, ...), which each wrote the same loaders.
// A stack that does not load fails the test.
package testload

import (
	"testing"

	"github.com/infralint/infralint/schema"
)

// File loads the stack at path (a file or a directory).
func File(t testing.TB, path string) *schema.Stack {
	t.Helper()
	l, err := schema.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	s, err := l.LoadPath(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Source loads one stack file's source, named name in positions.
func Source(t testing.TB, name, src string) *schema.Stack {
	t.Helper()
	l, err := schema.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	s, err := l.LoadBytes(name, []byte(src))
	if err != nil {
		t.Fatalf("%s does not load: %v", name, err)
	}
	return s
}
