// Package format defines the layout of catalog/snapshot.json, shared by the
// converter that writes it (catalog/internal/convert) and the catalog package
// that embeds and reads it.
package format

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Version is the value of File.Format this package reads and writes.
const Version = 1

// File is the whole snapshot.
type File struct {
	Format  int               `json:"format"`
	Sources map[string]Source `json:"sources"`
	Specs   Specs             `json:"specs"`
	// Tables are sorted by Key, then Source. A (region, key) pair occurs in
	// at most one table.
	Tables []Table `json:"tables"`
}

// Source describes where a set of figures came from. Its map key in
// File.Sources is the short id that tables and specs refer to.
type Source struct {
	Title    string   `json:"title"`
	Repo     string   `json:"repo"`
	Path     string   `json:"path,omitempty"`
	Commit   string   `json:"commit,omitempty"`
	Date     string   `json:"date"`
	DateNote string   `json:"date_note,omitempty"`
	License  string   `json:"license"`
	Files    []string `json:"files"`
}

// Specs holds instance specifications.
type Specs struct {
	EC2         EC2Specs   `json:"ec2"`
	ElastiCache CacheSpecs `json:"elasticache"`
}

// EC2Specs maps an EC2 instance type to its specification.
type EC2Specs struct {
	Source string             `json:"source"`
	Types  map[string]EC2Spec `json:"types"`
}

// EC2Spec is one EC2 instance type.
type EC2Spec struct {
	VCPU      int    `json:"vcpu"`
	MemoryMiB int    `json:"memory_mib"`
	Arch      string `json:"arch"`
}

// CacheSpecs maps an ElastiCache node type to its specification.
type CacheSpecs struct {
	Source string               `json:"source"`
	Types  map[string]CacheSpec `json:"types"`
}

// CacheSpec is one ElastiCache node type. MemoryGiB is the figure the source
// gives (AWS's "memory" attribute), e.g. 3.09 for cache.t3.medium.
type CacheSpec struct {
	VCPU      int     `json:"vcpu"`
	MemoryGiB float64 `json:"memory_gib"`
}

// Table is a set of prices from one source that share a key pattern.
// Key contains exactly one "*"; the lookup key of an item is Key with the
// "*" replaced by the item name, e.g. "rds/postgres/*/multi-az" and item
// "db.r5.large" give "rds/postgres/db.r5.large/multi-az".
type Table struct {
	Key    string `json:"key"`
	Source string `json:"source"`
	// Approximate, when not empty, says why every price in the table is
	// approximate.
	Approximate string `json:"approximate,omitempty"`
	// Regions maps region → item → USD.
	Regions map[string]map[string]float64 `json:"regions"`
}

// Encode writes f as JSON with one map entry per line and no indentation: a
// change to one price changes one line, and the file stays small. Map keys
// are sorted, and encoding/json writes each float64 as the shortest decimal
// that parses back to the same value, so equal Files give equal bytes.
func Encode(f *File) ([]byte, error) {
	e := &encoder{}
	e.printf("{\"format\":%d,\n\"sources\":", f.Format)
	writeLines(e, f.Sources)
	e.printf(",\n\"specs\":{\"ec2\":{\"source\":%s,\"types\":", e.json(f.Specs.EC2.Source))
	writeLines(e, f.Specs.EC2.Types)
	e.printf("},\n\"elasticache\":{\"source\":%s,\"types\":", e.json(f.Specs.ElastiCache.Source))
	writeLines(e, f.Specs.ElastiCache.Types)
	e.printf("}},\n\"tables\":[")
	for i, t := range f.Tables {
		if i > 0 {
			e.printf(",")
		}
		head := e.json(Table{Key: t.Key, Source: t.Source, Approximate: t.Approximate})
		// Reopen the object after "approximate" (or "source") to add regions.
		e.printf("\n%s,\"regions\":{", strings.TrimSuffix(head, `,"regions":null}`))
		for j, region := range sortedKeys(t.Regions) {
			if j > 0 {
				e.printf(",")
			}
			e.printf("\n%s:", e.json(region))
			writeLines(e, t.Regions[region])
		}
		e.printf("}}")
	}
	e.printf("]}\n")
	return e.buf.Bytes(), e.err
}

type encoder struct {
	buf bytes.Buffer
	err error
}

func (e *encoder) printf(f string, args ...any) { fmt.Fprintf(&e.buf, f, args...) }

// json returns v as compact JSON, recording the first error.
func (e *encoder) json(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil && e.err == nil {
		e.err = err
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// writeLines writes m as a JSON object with one entry per line.
func writeLines[V any](e *encoder, m map[string]V) {
	e.printf("{")
	for i, k := range sortedKeys(m) {
		if i > 0 {
			e.printf(",")
		}
		e.printf("\n%s:%s", e.json(k), e.json(m[k]))
	}
	e.printf("\n}")
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
