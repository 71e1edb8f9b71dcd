package catalog

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
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
		// The tests parse every region of the same bytes (parseSnapshotEagerly), so
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

// eachSource calls f with the source of every price in the region (once
// or more each), without parsing prices.
func (r *regionPrices) eachSource(f func(source string)) {
	if r.parts == nil {
		for _, p := range r.byKey {
			f(p.Source)
		}
		return
	}
	for _, part := range r.parts {
		if !part.items.Empty() {
			f(part.price.Source)
		}
	}
}

// eachSegment calls f with segment i of every key of the region that has
// the given number of segments and service as its first, reading only the
// item names of unparsed tables that can hold such keys: listing EC2 types
// must not read every RDS class of every region, nor build each key.
// The bytes given to f are valid only during the call.
func (r *regionPrices) eachSegment(service string, segments, i int, f func([]byte)) {
	ofKey := func(key string) {
		if parts := strings.Split(key, "/"); parts[0] == service && len(parts) == segments {
			f([]byte(parts[i]))
		}
	}
	if r.parts == nil {
		for k := range r.byKey {
			ofKey(k)
		}
		return
	}
	for _, part := range r.parts {
		pattern := strings.Split(part.prefix+"*"+part.suffix, "/")
		star := slices.IndexFunc(pattern, func(s string) bool { return strings.Contains(s, "*") })
		if star > 0 && pattern[0] != service {
			continue
		}
		before, after, _ := strings.Cut(pattern[star], "*")
		// The lines were checked when the snapshot was split; a bad price
		// is reported by get.
		_ = part.items.EachName(func(item []byte) {
			switch {
			case star == 0 || bytes.IndexByte(item, '/') >= 0:
				ofKey(part.prefix + string(item) + part.suffix)
			case len(pattern) != segments:
			case i == star && before == "" && after == "":
				f(item)
			case i == star:
				f([]byte(before + string(item) + after))
			default:
				f([]byte(pattern[i]))
			}
		})
	}
}
