package rightsize_test

import (
	"math"
	"testing"

	"github.com/infralint/infralint/schema"
)

func loadFile(t *testing.T, path string) *schema.Stack {
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

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }
