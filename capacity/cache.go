package capacity

import "math"

// HitRatio is the modelled steady-state hit ratio of one cached data set
// (derivation, source and limits: docs/caching.md#hit-ratio). Per key,
// reads arrive at r and invalidating writes at w (the data set's rates
// divided by its number of keys) and an entry lives for ttl seconds. A
// miss fills the entry, which then lives for min(ttl, time to the next
// write); the reads in that time hit, so the expected hits per fill are
//
//	H = r·(1 − e^{−w·ttl})/w   (H = r·ttl when w = 0)
//
// and the hit ratio is h = H/(1 + H): one miss per H hits.
//
// Rates of 0 reads give h = 0. Inputs are assumed validated by the schema
// (reads, writes ≥ 0, ttl > 0, keys ≥ 1); anything else returns 0.
func HitRatio(readsPerS, writesPerS, ttlS float64, keys int) float64 {
	if !(readsPerS > 0) || !(ttlS > 0) || keys < 1 || !(writesPerS >= 0) {
		return 0
	}
	r := readsPerS / float64(keys)
	w := writesPerS / float64(keys)
	var hits float64
	if w == 0 {
		hits = r * ttlS
	} else {
		// -expm1(-x) = 1 − e^{−x} without cancellation for small w·ttl.
		hits = r * -math.Expm1(-w*ttlS) / w
	}
	if math.IsInf(hits, 1) {
		return 1
	}
	return hits / (1 + hits)
}
