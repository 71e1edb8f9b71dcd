package catalog

import (
	"fmt"
	"sync"

	"github.com/infralint/infralint/catalog/internal/format"
)

// regionPrices holds one region's prices. The embedded snapshot's are
// parsed on first use: a run prices one region, and building the maps of
// all of them was most of a small stack's check.
type regionPrices struct {
	parts []snapshotPart // the snapshot tables' items in this region; nil when built from a map
	once  sync.Once
	byKey map[string]Price
	err   error
}

// snapshotPart is one table's items in one region, still text.
type snapshotPart struct {
	prefix, suffix string // of the table's key, around its "*"
	price          Price  // Source, Date and approximation of every item
	items          format.Items
}

func builtPrices(byKey map[string]Price) *regionPrices {
	r := &regionPrices{byKey: byKey}
	r.once.Do(func() {})
	return r
}

// get returns the region's prices by key.
func (r *regionPrices) get() map[string]Price {
	if err := r.load(); err != nil {
		// parseSnapshotEagerly runs in the tests over the same bytes, so
		// this is a build defect.
		panic("catalog: embedded snapshot.json: " + err.Error())
	}
	return r.byKey
}

func (r *regionPrices) load() error {
	r.once.Do(func() {
		r.byKey = map[string]Price{}
		for _, part := range r.parts {
			r.err = part.items.Each(func(item string, usd float64) error {
				key := part.prefix + item + part.suffix
				if _, dup := r.byKey[key]; dup {
					return fmt.Errorf("%s: listed twice", key)
				}
				p := part.price
				p.USD, p.Unit = usd, unitOf(key)
				r.byKey[key] = p
				return nil
			})
			if r.err != nil {
				return
			}
		}
	})
	return r.err
}

// eachKey calls f with every key of the region and the source of its price,
// reading only the names of prices not parsed yet.
func (r *regionPrices) eachKey(f func(key, source string)) {
	if r.parts == nil {
		for k, p := range r.byKey {
			f(k, p.Source)
		}
		return
	}
	for _, part := range r.parts {
		// The names were read when the snapshot was split; a bad price
		// line is reported by get.
		_ = part.items.EachName(func(item string) { f(part.prefix+item+part.suffix, part.price.Source) })
	}
}
