package capacity

import (
	"math"

	"github.com/infralint/infralint/schema"
)

// Caches in the model: each data set's hit ratio at each load level, from
// the reads its callers send, and the database queries its misses cost
// (docs/caching.md).

// Cache is one cache component.
type Cache struct {
	Name        string
	NodeType    string
	Nodes       int
	MemoryBytes int64   // node memory × nodes
	DataBytes   float64 // Σ keys × item size
	DataSets    []*DataSet
}

// DataSet is one cached data set. Item sizes are KiB (1,024 bytes).
type DataSet struct {
	Name string
	// ReadsPerS is the declared reads_per_s (at peak load).
	ReadsPerS float64
	// WritesPerS is the invalidating writes of all sources together
	// (writes_per_s_per_source × sources); WritesPerSPerSource one source's.
	WritesPerS          float64
	WritesPerSPerSource float64
	Sources             int
	// MissQueries is the database queries one miss costs (miss_queries,
	// by default Sources).
	MissQueries float64
	TTLs        float64
	Keys        int
	Bytes       float64
	// CalledReadsPerS is what the modelled tiers' calls naming the data
	// set send at peak (Σ calls per request × the caller's rps); when it
	// is 0 (no tier with traffic reads it) the model takes the declared
	// ReadsPerS at peak, × avg/peak at average.
	CalledReadsPerS float64
	// Readers are the tiers whose calls read the data set, by name.
	Readers []DataSetReader
	// HitRatio is the peak scenario's (the load the declared reads are
	// given at, and one AZ lost and a deploy run at).
	HitRatio float64
	// Scenarios are peak and average load: the reads the model takes, the
	// hit ratio they give and the misses' cost.
	Scenarios []*DataSetScenario

	reads, hit [nLevels]float64
}

// DataSetReader is one tier reading a data set.
type DataSetReader struct {
	Tier            string
	CallsPerRequest float64 // summed over its calls naming the data set
}

// DataSetScenario is one data set at one load level.
type DataSetScenario struct {
	Kind       ScenarioKind
	ReadsPerS  float64
	HitRatio   float64
	MissesPerS float64
	// QueriesPerS is what the misses cost the databases behind the
	// readers (misses × MissQueries, for readers with one).
	QueriesPerS float64
}

// Scenario returns the data set's scenario of kind k, or nil.
func (d *DataSet) Scenario(k ScenarioKind) *DataSetScenario {
	for _, s := range d.Scenarios {
		if s.Kind == k {
			return s
		}
	}
	return nil
}

func (c *Cache) dataSet(name string) *DataSet {
	for _, d := range c.DataSets {
		if d.Name == name {
			return d
		}
	}
	return nil
}

func newDataSet(name string, d *schema.DataSet) *DataSet {
	return &DataSet{Name: name, ReadsPerS: d.ReadsPerS, WritesPerS: d.InvalidationsPerS(), WritesPerSPerSource: d.WritesPerSPerSource,
		Sources: d.Sources, MissQueries: d.MissQueries, TTLs: d.TTLs, Keys: d.Keys, Bytes: float64(d.Keys) * d.ItemKB * 1024}
}

// cachedRead is one call of a tier that reads a data set; its misses go
// to backing ("" when the tier has no database: they cost nothing
// modelled).
type cachedRead struct {
	tier       *tierModel
	ds         *DataSet
	backing    string
	perRequest float64
}

// caching computes, once the tiers' rates are known, each data set's reads
// and hit ratio at each level and adds its misses to its readers' queries
// per request: a read misses with 1 − h, and a miss costs MissQueries
// queries to the reader's database.
func (a *analysis) caching() {
	for _, r := range a.reads {
		d := r.ds
		for l := range nLevels {
			d.reads[l] += r.tier.rps[l] * r.perRequest
		}
		if n := len(d.Readers); n > 0 && d.Readers[n-1].Tier == r.tier.out.Name {
			d.Readers[n-1].CallsPerRequest += r.perRequest
		} else {
			d.Readers = append(d.Readers, DataSetReader{Tier: r.tier.out.Name, CallsPerRequest: r.perRequest})
		}
	}
	for _, c := range a.res.Caches {
		for _, d := range c.DataSets {
			d.CalledReadsPerS = d.reads[levelPeak]
			if d.CalledReadsPerS == 0 {
				// Read by no modelled tier with traffic (none, or a
				// standby one): the declared rate at peak, scaled with
				// the load at average.
				d.reads = [nLevels]float64{levelPeak: d.ReadsPerS, levelAverage: d.ReadsPerS * a.loadRatio()}
			}
			for l := range nLevels {
				d.hit[l] = HitRatio(d.reads[l], d.WritesPerS, d.TTLs, d.Keys)
			}
			d.HitRatio = d.hit[levelPeak]
		}
	}
	queries := map[*DataSet]*[nLevels]float64{}
	for _, r := range a.reads {
		if r.backing == "" {
			continue
		}
		if queries[r.ds] == nil {
			queries[r.ds] = &[nLevels]float64{}
		}
		for l := range nLevels {
			q := r.perRequest * (1 - r.ds.hit[l]) * r.ds.MissQueries
			r.tier.queries[l][r.backing] += q
			queries[r.ds][l] += r.tier.rps[l] * q
		}
	}
	for _, c := range a.res.Caches {
		for _, d := range c.DataSets {
			for l, kind := range [nLevels]ScenarioKind{levelPeak: ScenarioPeak, levelAverage: ScenarioAverage} {
				sc := &DataSetScenario{Kind: kind, ReadsPerS: d.reads[l], HitRatio: d.hit[l], MissesPerS: d.reads[l] * (1 - d.hit[l])}
				if q := queries[d]; q != nil {
					sc.QueriesPerS = q[l]
				}
				d.Scenarios = append(d.Scenarios, sc)
			}
		}
	}
	for _, name := range sortedKeys(a.tiers) {
		m := a.tiers[name]
		m.dbOrder = sortedKeys(m.queries[levelPeak]) // every level has the same keys
		m.out.DBQueries = 0
		for _, db := range m.dbOrder {
			m.out.DBQueries += m.queries[levelPeak][db]
		}
	}
}

// loadRatio is average over peak load, for rates given at peak.
func (a *analysis) loadRatio() float64 {
	if w := a.s.Workload; w.PeakRPS > 0 {
		return w.AvgRPS / w.PeakRPS
	}
	return 1
}

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
