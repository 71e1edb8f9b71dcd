package catalog

import (
	"slices"
	"strings"
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
		d := osaDistance(lname, lc)
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

// osaDistance is the optimal-string-alignment distance between a and b,
// over bytes (names here are ASCII).
func osaDistance(a, b string) int {
	// Three rows of the dynamic-programming table: i-2, i-1 and i.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
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
