package catalog

import (
	_ "embed"
	"fmt"
	"maps"
	"strconv"
	"strings"
	"sync"
)

// Price is one on-demand list price in US dollars.
type Price struct {
	USD  float64
	Unit string // see Unit: "hour", "GB", "GB-month", "LCU-hour" …
	// Source is the short id of where the figure came from (a Sources ID,
	// e.g. "karpenter"); Date is that source's date, YYYY-MM-DD, or "" for an
	// undated user price file.
	Source string
	Date   string
	// Approximate is set when the figure is known to be inexact; Reason says
	// why.
	Approximate bool
	Reason      string
}

// String renders the price with its unit and source, e.g.
// "$0.096/hour (karpenter 2026-07-20)". The amount is written in full, with no
// rounding.
func (p Price) String() string {
	s := "$" + strconv.FormatFloat(p.USD, 'f', -1, 64) + "/" + p.Unit + " (" + p.Source
	if p.Date != "" {
		s += " " + p.Date
	}
	if p.Approximate {
		s += "; approximate: " + p.Reason
	}
	return s + ")"
}

// Source describes where prices or specs came from.
type Source struct {
	ID       string // short id, e.g. "coroot"
	Title    string
	Repo     string // e.g. "github.com/coroot/cloud-pricing"; a file path for user price files
	Path     string // file inside Repo
	Commit   string
	Date     string // YYYY-MM-DD
	DateNote string // what Date means when it is not the data's own date
	License  string
	Files    []string // the copies in catalog/source
}

// Catalog holds prices and specs. It is not changed after it is built, so it
// is safe for concurrent use; Merge returns a new Catalog.
type Catalog struct {
	sources map[string]Source
	prices  map[string]*regionPrices // region → its prices
	ec2     map[string]InstanceSpec
	cache   map[string]CacheNodeSpec
	lists   nameLists
}

//go:embed snapshot.json
var snapshotJSON []byte

var loadDefault = sync.OnceValue(func() *Catalog {
	// Regions are parsed when priced; TestSnapshotParses parses them all.
	c, err := parseSnapshot(snapshotJSON)
	if err != nil {
		// The tests parse the same bytes, so this is a build defect.
		panic("catalog: embedded snapshot.json: " + err.Error())
	}
	return c
})

// Default returns the catalog built from the embedded snapshot. It is parsed
// on first use.
func Default() *Catalog { return loadDefault() }

// Lookup is Default().Price(region, key).
func Lookup(region, key string) (Price, bool) { return Default().Price(region, key) }

// Price returns the price of key in region, e.g.
// c.Price("us-east-1", "ec2/m5.large"). Keys of global services (CloudFront)
// are looked up in region Global whatever region is given. ok is false when
// the catalog has no such price; nothing is estimated from other regions.
func (c *Catalog) Price(region, key string) (Price, bool) {
	if isGlobalKey(key) {
		region = Global
	}
	r := c.prices[region]
	if r == nil {
		return Price{}, false
	}
	p, ok := r.get()[key]
	return p, ok
}

// Keys returns the price keys known in region, sorted.
func (c *Catalog) Keys(region string) []string {
	r := c.prices[region]
	if r == nil {
		return nil
	}
	return keysOf(r.get())
}

// Sources returns the catalog's sources sorted by ID.
func (c *Catalog) Sources() []Source {
	out := make([]Source, 0, len(c.sources))
	for _, id := range keysOf(c.sources) {
		out = append(out, c.sources[id])
	}
	return out
}

// Attribution returns the line a cost report prints under its figures:
// "prices as of 2024-08-09 (coroot), 2026-07-20 (karpenter); sources:
// coroot github.com/coroot/cloud-pricing, karpenter
// github.com/aws/karpenter-provider-aws". It names the sources of the given
// prices, or of every price in the catalog when none are given, sorted by
// source ID, and says how many of the given prices are approximate.
func (c *Catalog) Attribution(prices ...Price) string {
	ids := map[string]bool{}
	approx := 0
	if len(prices) == 0 {
		for _, r := range c.prices {
			r.eachSource(func(source string) { ids[source] = true })
		}
	}
	for _, p := range prices {
		ids[p.Source] = true
		if p.Approximate {
			approx++
		}
	}
	var dates, read, refs []string
	for _, s := range c.Sources() {
		if !ids[s.ID] {
			continue
		}
		date := s.Date
		if date == "" {
			date = "undated"
		}
		if s.DateNote != "" {
			// The date is when the figures were read (infracost's test
			// expectations carry no price date of their own): listing it
			// under "prices as of" would claim a publication date.
			read = append(read, fmt.Sprintf("%s (%s)", date, s.ID))
		} else {
			dates = append(dates, fmt.Sprintf("%s (%s)", date, s.ID))
		}
		refs = append(refs, s.ID+" "+s.Repo)
	}
	var parts []string
	if len(dates) > 0 {
		parts = append(parts, "prices as of "+strings.Join(dates, ", "))
	}
	if len(read) > 0 {
		what := "prices read "
		if len(dates) > 0 {
			what = "figures read "
		}
		parts = append(parts, what+strings.Join(read, ", "))
	}
	line := strings.Join(parts, "; ") + "; sources: " + strings.Join(refs, ", ")
	if approx > 0 {
		line += fmt.Sprintf("; %d of %d prices approximate", approx, len(prices))
	}
	return line
}

// Merge returns a catalog with the prices of each overlay, in order, laid
// over base's: an overlay price replaces base's price for the same region and
// key, and adds the ones base lacks. Sources are combined; specs are base's.
// Neither base nor the overlays is changed.
func Merge(base *Catalog, overlays ...*Catalog) *Catalog {
	m := &Catalog{
		sources: maps.Clone(base.sources),
		prices:  maps.Clone(base.prices),
		ec2:     base.ec2,
		cache:   base.cache,
	}
	copied := map[string]bool{} // regions whose inner map m owns
	for _, o := range overlays {
		for id, s := range o.sources {
			m.sources[id] = s
		}
		for region, r := range o.prices {
			if !copied[region] {
				byKey := map[string]Price{}
				if base := m.prices[region]; base != nil {
					byKey = maps.Clone(base.get())
				}
				m.prices[region] = builtPrices(byKey)
				copied[region] = true
			}
			maps.Copy(m.prices[region].byKey, r.get())
		}
	}
	return m
}
