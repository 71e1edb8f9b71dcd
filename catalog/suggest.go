package catalog

import (
	"slices"
	"strings"

	"github.com/infralint/infralint/internal/editdist"
)

// Suggest returns up to n of candidates closest to name, for messages such as
// "unknown instance type m5.lrage; did you mean m5.large, m5.xlarge?".
//
// Closeness is the optimal-string-alignment edit distance (insertions,
// deletions, substitutions and swaps of adjacent characters each cost 1),
// ignoring case. Only candidates within max(2, len(name)/3) edits count, so a
// name like nothing known gets no suggestions. Ties go to the longer common
// prefix with name, then the smaller length difference, then byte order, so
// the result is deterministic. Duplicate candidates are returned once.
func Suggest(candidates []string, name string, n int) []string {
	if n <= 0 {
		return nil
	}
	type scored struct {
		s               string
		dist, pre, dlen int
	}
	lname := strings.ToLower(name)
	limit := max(2, len(name)/3)
	var hits []scored
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := editdist.Distance(lname, lc)
		if d > limit {
			continue
		}
		hits = append(hits, scored{c, d, commonPrefix(lname, lc), abs(len(c) - len(name))})
	}
	slices.SortFunc(hits, func(a, b scored) int {
		switch {
		case a.dist != b.dist:
			return a.dist - b.dist
		case a.pre != b.pre:
			return b.pre - a.pre
		case a.dlen != b.dlen:
			return a.dlen - b.dlen
		}
		return strings.Compare(a.s, b.s)
	})
	var out []string
	for _, h := range hits {
		if len(out) == n {
			break
		}
		if len(out) == 0 || out[len(out)-1] != h.s {
			out = append(out, h.s)
		}
	}
	return out
}

func commonPrefix(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
