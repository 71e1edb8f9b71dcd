package graphviz

import (
	"slices"
	"testing"
)

func TestArrowShapes(t *testing.T) {
	cases := map[string][]bool{
		"":              {true},
		"normal":        {true},
		"onormal":       {false},
		"empty":         {false},
		"invempty":      {false},
		"ediamond":      {false},
		"open":          {true},
		"halfopen":      {true},
		"dot":           {true},
		"odot":          {false},
		"invodot":       {true, false},
		"veeodot":       {true, false},
		"lteeoldiamond": {true, false},
		"none":          nil,
		"curve":         nil,
		"icurveobox":    {false},
		"crow":          {true},
		"bogus":         nil,
	}
	for name, want := range cases {
		if got := arrowShapes(name); !slices.Equal(got, want) {
			t.Errorf("arrowShapes(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestArrowQueue(t *testing.T) {
	q := arrowQueue{filled: []bool{false, true}}
	if q.nextFilled() || !q.nextFilled() || !q.nextFilled() {
		t.Fatal("queue should yield false, true, then repeat the last")
	}
	var empty arrowQueue
	if !empty.nextFilled() {
		t.Fatal("empty queue should default to filled")
	}
}
