package catalog

import (
	"slices"
	"testing"

	"github.com/infralint/infralint/internal/editdist"
)

func TestSuggest(t *testing.T) {
	ec2 := KnownEC2Types()
	tests := []struct {
		candidates []string
		name       string
		n          int
		want       []string
	}{
		// A swap of adjacent letters costs one edit, so the intended name comes first.
		{ec2, "m5.lrage", 2, []string{"m5.large", "m5.xlarge"}},
		{ec2, "M5.Large", 1, []string{"m5.large"}},
		{ec2, "t3.micor", 1, []string{"t3.micro"}},
		{KnownRegions(), "ap-northeast2", 3, []string{"ap-northeast-2", "ap-northeast-1", "ap-northeast-3"}},
		{KnownRegions(), "us-east1", 1, []string{"us-east-1"}},
		{KnownRDSClasses(), "db.r5.lrage", 1, []string{"db.r5.large"}},
		// Nothing close: no suggestions rather than random ones.
		{ec2, "postgres", 3, nil},
		{ec2, "m5.large", 0, nil},
		// Ties: longer common prefix, then smaller length difference, then byte order.
		{[]string{"bc", "ab", "ac", "abc"}, "ab", 3, []string{"ab", "abc", "ac"}},
		{[]string{"x", "x", "y"}, "x", 3, []string{"x", "y"}},
	}
	for _, tt := range tests {
		if got := Suggest(tt.candidates, tt.name, tt.n); !slices.Equal(got, tt.want) {
			t.Errorf("Suggest(%q, %d) = %q, want %q", tt.name, tt.n, got, tt.want)
		}
	}
}

func TestOSADistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"", "abc", 3}, {"abc", "", 3}, {"abc", "abc", 0},
		{"lrage", "large", 1}, {"ca", "abc", 3}, {"kitten", "sitting", 3},
	}
	for _, tt := range tests {
		if got := editdist.Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestFamily(t *testing.T) {
	for in, want := range map[string]string{"m5.large": "m5", "r6g.xlarge": "r6g", "m7i-flex.large": "m7i-flex", "u-6tb1.metal": "u-6tb1", "odd": "odd"} {
		if got := Family(in); got != want {
			t.Errorf("Family(%q) = %q, want %q", in, got, want)
		}
	}
}
