package simulate

import (
	"math"
	"slices"
)

// Response times are binned in a log histogram: 2^histBits bins per
// octave (each 0.14 % wide), from histMin ms up; a quantile is the
// geometric middle of its bin, clamped to the smallest and largest value
// seen, so a deterministic response prints exactly.
const (
	histBits    = 9
	histMin     = 1.0 / 1024 // ms; shorter times share the first bin
	histOctaves = 44         // up to histMin·2^44 ≈ 1.7e10 ms
	histBins    = histOctaves << histBits
)

var histBase = math.Float64bits(histMin) >> (52 - histBits)

func histBin(ms float64) int {
	if !(ms > histMin) {
		return 0
	}
	b := int(math.Float64bits(ms)>>(52-histBits) - histBase)
	return min(b, histBins-1)
}

// histLow is the lower edge of bin b.
func histLow(b int) float64 {
	return math.Float64frombits((uint64(b) + histBase) << (52 - histBits))
}

type hist struct {
	n        []uint32
	count    int
	min, max float64
}

func newHist() *hist { return &hist{n: make([]uint32, histBins), min: math.Inf(1), max: math.Inf(-1)} }

func (h *hist) add(ms float64) {
	h.n[histBin(ms)]++
	h.count++
	h.min = min(h.min, ms)
	h.max = max(h.max, ms)
}

func (h *hist) reset() {
	clear(h.n)
	h.count = 0
	h.min, h.max = math.Inf(1), math.Inf(-1)
}

func (h *hist) merge(o *hist) {
	for i, v := range o.n {
		h.n[i] += v
	}
	h.count += o.count
	h.min = min(h.min, o.min)
	h.max = max(h.max, o.max)
}

// quantile is the nearest-rank p-quantile: the ⌈p·n⌉-th smallest value.
func (h *hist) quantile(p float64) float64 {
	if h.count == 0 {
		return 0
	}
	rank := max(1, int(math.Ceil(p*float64(h.count))))
	seen := 0
	for b, v := range h.n {
		seen += int(v)
		if seen >= rank {
			lo, hi := histLow(b), histLow(b+1)
			return min(max(math.Sqrt(lo*hi), h.min), h.max)
		}
	}
	return h.max
}

// Batches is the number of batches of the batch-means method, and
// tCrit the 97.5 % point of Student's t with Batches − 1 = 19 degrees
// of freedom (2.093, any t table, e.g. NIST/SEMATECH e-Handbook of
// Statistical Methods §1.3.6.7.2): a batch statistic's 95 % interval is
// its mean ± tCrit·sd/√Batches.
const (
	Batches = 20
	tCrit   = 2.093
)

// batchStat is one figure measured once per batch.
type batchStat [Batches]float64

// estimate is the figure's point value with its 95 % half-width from the
// spread of the batches that have data (n of them; no interval below 2).
func estimate(point float64, b []float64) Estimate {
	e := Estimate{Value: point}
	n := len(b)
	if n < 2 {
		return e
	}
	mean := 0.0
	for _, v := range b {
		mean += v
	}
	mean /= float64(n)
	ss := 0.0
	for _, v := range b {
		ss += (v - mean) * (v - mean)
	}
	t := tCrit
	if n != Batches {
		t = tTable(n - 1)
	}
	e.HalfWidth = t * math.Sqrt(ss/float64(n-1)/float64(n))
	return e
}

// tTable is Student's t 97.5 % point for df degrees of freedom, for runs
// stopped before every batch filled (the same table).
func tTable(df int) float64 {
	t := []float64{0, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
		2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093}
	if df < len(t) {
		return t[df]
	}
	return 2.093
}

// series keeps the response times of one tier or database: the batch
// being filled, the whole run's histogram, and each batch's figures.
type series struct {
	cur, all *hist
	batch    int // index of cur; -1 before the first completion measured
	sum      float64
	bsum     batchStat
	bn       [Batches]int
	bq       [3]batchStat // p50, p95, p99
	filled   []int        // batches with data
}

func newSeries() *series { return &series{cur: newHist(), all: newHist(), batch: -1} }

var quantiles = [3]float64{0.50, 0.95, 0.99}

func (s *series) add(b int, ms float64) {
	if b != s.batch {
		s.close()
		s.batch = b
	}
	s.cur.add(ms)
	s.sum += ms
	s.bsum[b] += ms
	s.bn[b]++
}

// close ends the batch being filled.
func (s *series) close() {
	if s.batch < 0 || s.cur.count == 0 {
		return
	}
	for i, p := range quantiles {
		s.bq[i][s.batch] = s.cur.quantile(p)
	}
	s.filled = append(s.filled, s.batch)
	s.all.merge(s.cur)
	s.cur.reset()
}

func (s *series) pick(b *batchStat) []float64 {
	out := make([]float64, 0, len(s.filled))
	for _, i := range s.filled {
		out = append(out, b[i])
	}
	return out
}

// result closes the last batch and returns mean, p50, p95 and p99.
func (s *series) result() (mean, p50, p95, p99 Estimate, n int) {
	s.close()
	n = s.all.count
	if n == 0 {
		return
	}
	s.filled = slices.Compact(s.filled)
	means := make([]float64, 0, len(s.filled))
	for _, i := range s.filled {
		means = append(means, s.bsum[i]/float64(s.bn[i]))
	}
	mean = estimate(s.sum/float64(n), means)
	p50 = estimate(s.all.quantile(0.50), s.pick(&s.bq[0]))
	p95 = estimate(s.all.quantile(0.95), s.pick(&s.bq[1]))
	p99 = estimate(s.all.quantile(0.99), s.pick(&s.bq[2]))
	return
}
