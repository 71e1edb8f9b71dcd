package capacity

import (
	"math"
	"slices"
)

// The calls of a holding time as a finite mixture
// (docs/capacity-model.md#compute-tiers-per-instance-queues): a
// fractional per_request (k calls, or k + 1 with probability f) and a
// cache call (a hit, or a miss with its queries) make the calls' time a
// mixture of a few sums, whose tail one two-moment gamma fits badly (0
// or 1 call of 41 ms is bimodal). Each component is the probability of
// one combination of counts and hits and the mean and variance of its
// sum; the percentiles mix one gamma per component.

// component is one branch of a mixture: its probability and moments.
type component struct {
	p float64
	moments
}

// maxComponents bounds a mixture: past it the two components of nearest
// means are merged, keeping the mixture's mean and variance (the merged
// one has their pooled moments), so the percentile costs at most this
// many gammas per evaluation.
const maxComponents = 6

// convolve is the mixture of the sum of independent a and b.
func convolve(a, b []component) []component {
	out := make([]component, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, component{x.p * y.p, x.add(y.moments)})
		}
	}
	return capMixture(out)
}

// capMixture merges components until at most maxComponents remain.
func capMixture(cs []component) []component {
	slices.SortFunc(cs, func(x, y component) int {
		switch {
		case x.mean < y.mean:
			return -1
		case x.mean > y.mean:
			return 1
		}
		return 0
	})
	for len(cs) > maxComponents {
		k := 0
		for i := 1; i+1 < len(cs); i++ {
			if cs[i+1].mean-cs[i].mean < cs[k+1].mean-cs[k].mean {
				k = i
			}
		}
		cs[k] = merge(cs[k], cs[k+1])
		cs = slices.Delete(cs, k+1, k+2)
	}
	return cs
}

// merge pools two components: E[X²] is the weighted sum of theirs.
func merge(x, y component) component {
	p := x.p + y.p
	m := (x.p*x.mean + y.p*y.mean) / p
	s2 := (x.p*(x.v+x.mean*x.mean) + y.p*(y.v+y.mean*y.mean)) / p
	return component{p, moments{m, math.Max(0, s2-m*m)}}
}

// repeat is the mixture of the sum of a random count p = k + f of
// independent copies of one (k copies, k + 1 with probability f).
func repeat(one []component, p float64) []component {
	k := int(math.Floor(p))
	f := p - float64(k)
	sum := []component{{p: 1}}
	for range k {
		sum = convolve(sum, one)
	}
	if f == 0 {
		return sum
	}
	more := convolve(sum, one)
	out := make([]component, 0, len(sum)+len(more))
	for _, c := range sum {
		out = append(out, component{c.p * (1 - f), c.moments})
	}
	for _, c := range more {
		out = append(out, component{c.p * f, c.moments})
	}
	return capMixture(out)
}

// mixMoments is the mean and variance of a mixture.
func mixMoments(cs []component) moments {
	var m, s2 float64
	for _, c := range cs {
		m += c.p * c.mean
		s2 += c.p * (c.v + c.mean*c.mean)
	}
	return moments{m, math.Max(0, s2-m*m)}
}

// offsets re-expresses a mixture of the calls as each component's
// difference from its mixture's moments, to be added to a holding time
// of variance holdV that has those moments in it. Components whose means
// are closer than half the spread within one (the holding time's
// variance outside the calls plus theirs) are merged first: their mix is
// unimodal, and the one gamma fits it. nil when one component remains
// (the holding time's own gamma is then the whole story), which keeps the
// percentile's cost where no call count or cache makes H bimodal.
func offsets(cs []component, holdV float64) []component {
	if len(cs) <= 1 {
		return nil
	}
	all := mixMoments(cs)
	rest := math.Max(0, holdV-all.v) // the variance outside the calls
	cs = slices.Clone(cs)
	for i := 0; i+1 < len(cs); {
		if gap := cs[i+1].mean - cs[i].mean; gap*gap < 0.25*(rest+math.Min(cs[i].v, cs[i+1].v)) {
			cs[i] = merge(cs[i], cs[i+1])
			cs = slices.Delete(cs, i+1, i+2)
			continue
		}
		i++
	}
	if len(cs) <= 1 {
		return nil
	}
	out := make([]component, len(cs))
	for i, c := range cs {
		out[i] = component{c.p, moments{c.mean - all.mean, c.v - all.v}}
	}
	return out
}
