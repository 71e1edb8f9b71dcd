package render

import (
	"reflect"
	"strings"
	"testing"
)

func TestWrapCell(t *testing.T) {
	for _, tc := range []struct {
		in    string
		width int
		want  string
	}{
		{"fits as it is", 20, "fits as it is"},
		// Greedy at spaces: "tier web misses" is 15, "tier web misses its" 19.
		{"tier web misses its SLO", 15, "tier web misses\nits SLO"},
		// A path breaks after its slashes, packed: "./examples/" is 11.
		{"./examples/web-asg-rds-cache/stack.cue:28:2", 14, "./examples/\nweb-asg-rds-\ncache/\nstack.cue:28:2"},
		{"peak-utilization-above-target", 12, "peak-\nutilization-\nabove-target"},
		// Each line of a cell on its own.
		{"CAP001\npeak-utilization-above-target", 14, "CAP001\npeak-\nutilization-\nabove-target"},
		// No separator: cut where it must.
		{"abcdefghij", 4, "abcd\nefgh\nij"},
		// Wide characters count two columns.
		{"日本語の文", 4, "日本\n語の\n文"},
		{"", 5, ""},
	} {
		if got := wrapCell(tc.in, tc.width); got != tc.want {
			t.Errorf("wrapCell(%q, %d) = %q, want %q", tc.in, tc.width, got, tc.want)
		}
		for _, l := range strings.Split(wrapCell(tc.in, tc.width), "\n") {
			if displayWidth(l) > tc.width {
				t.Errorf("wrapCell(%q, %d) has a line %q wider than the column", tc.in, tc.width, l)
			}
		}
	}
}

func TestFitColumns(t *testing.T) {
	for _, tc := range []struct {
		name           string
		natural, floor []int
		flex, avail    int
		want           []int
	}{
		{"fits", []int{10, 20}, []int{5, 5}, 1, 30, []int{10, 20}},
		// The findings table at 80 columns (80 - 13 for the rules and
		// padding = 67): location 43 and rule 29 go down to their floors
		// 14 and 12 before the message gives up anything: 67-14-12-8 = 33.
		{"findings at 80", []int{43, 29, 8, 58}, []int{14, 12, 8, 30}, 3, 67, []int{14, 12, 8, 33}},
		// At 100 (87): 87-58-8 = 21 would be left for location and rule,
		// less than their floors 14+12, so they stop there and the message
		// takes 87-14-12-8 = 53.
		{"findings at 100", []int{43, 29, 8, 58}, []int{14, 12, 8, 30}, 3, 87, []int{14, 12, 8, 53}},
		// At 120 (107): 41 for the two. Widest first: location from 43
		// to 29, then one each, location first on a tie, for the other
		// 17 columns: location 29-9 = 20, rule 29-8 = 21.
		{"findings at 120", []int{43, 29, 8, 58}, []int{14, 12, 8, 30}, 3, 107, []int{20, 21, 8, 58}},
		// Past every floor the table stays at its floors.
		{"too narrow", []int{43, 29, 8, 58}, []int{14, 12, 8, 30}, 3, 20, []int{14, 12, 8, 30}},
		{"no flexible column", []int{30, 30}, []int{10, 10}, -1, 40, []int{20, 20}},
	} {
		if got := fitColumns(tc.natural, tc.floor, tc.flex, tc.avail); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: fitColumns = %v, want %v", tc.name, got, tc.want)
		}
	}
}
