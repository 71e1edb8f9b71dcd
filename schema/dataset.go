package schema

import "strconv"

// checkDataSets refuses the older writes_per_s where it is ambiguous: with
// more than one source, users read it as one source's writes while it
// meant their sum, and the hit ratio depends on which (docs/caching.md).
// The message names the field that says which, and the figure it would
// take under each reading.
func checkDataSets(s *Stack, cache string, c *Cache, bad func(path, format string, args ...any)) {
	for _, name := range sortedKeysOf(c.Data) {
		d := c.Data[name]
		p := Path("components", cache, "data", name)
		if !s.Source.Has(Path(p, "writes_per_s")) {
			continue
		}
		switch {
		case s.Source.Has(Path(p, "writes_per_s_per_source")):
			bad(Path(p, "writes_per_s"), "give writes_per_s_per_source only (writes_per_s is its older name)")
		case d.Sources > 1 && d.WritesPerS > 0: // 0 reads the same either way
			w := d.WritesPerS
			bad(Path(p, "writes_per_s"), "writes_per_s is ambiguous with sources: %d: write writes_per_s_per_source, one source's invalidating writes (the model multiplies it by sources): %s if %s was each source's, %s if it was their sum",
				d.Sources, strconv.FormatFloat(w, 'g', 6, 64), strconv.FormatFloat(w, 'g', 6, 64), strconv.FormatFloat(w/float64(d.Sources), 'g', 6, 64))
		}
	}
}
