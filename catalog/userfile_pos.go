package catalog

import (
	"bytes"
	"encoding/json"
)

// entryPositions holds where each region and each price of a user price
// file were written, for error messages. The file's struct decoding keeps
// no offsets, so a second pass reads the "prices" object token by token.
type entryPositions struct {
	data    []byte
	regions map[string]int64    // offset of the region's name
	entries map[[2]string]int64 // offset of the price's key
}

// findEntries walks data, which decoded as a userFile, and records the
// offsets; later duplicates win, as they do in decoding.
func findEntries(data []byte) *entryPositions {
	p := &entryPositions{data: data, regions: map[string]int64{}, entries: map[[2]string]int64{}}
	dec := json.NewDecoder(bytes.NewReader(data))
	var skip json.RawMessage
	// object reads a '{', then for each member its name and calls value
	// with the offset where the name starts.
	object := func(value func(name string, at int64) bool) bool {
		if t, err := dec.Token(); err != nil || t != json.Delim('{') {
			return false
		}
		for dec.More() {
			t, err := dec.Token()
			name, ok := t.(string)
			if err != nil || !ok || !value(name, p.nameStart(dec.InputOffset())) {
				return false
			}
		}
		_, err := dec.Token()
		return err == nil
	}
	object(func(field string, _ int64) bool {
		if field != "prices" {
			return dec.Decode(&skip) == nil
		}
		return object(func(region string, at int64) bool {
			p.regions[region] = at
			return object(func(key string, at int64) bool {
				p.entries[[2]string{region, key}] = at
				return dec.Decode(&skip) == nil
			})
		})
	})
	return p
}

// nameStart returns the offset of the opening quote of the member name
// whose closing quote ends just before end: the nearest earlier quote not
// escaped by an odd number of backslashes.
func (p *entryPositions) nameStart(end int64) int64 {
	for i := end - 2; i >= 0; i-- {
		if p.data[i] != '"' {
			continue
		}
		slashes := int64(0)
		for j := i - 1; j >= 0 && p.data[j] == '\\'; j-- {
			slashes++
		}
		if slashes%2 == 0 {
			return i
		}
	}
	return 0
}

// offset returns where the key of the price at region and key starts, or
// the region's name when key is "", and -1 when it was not found.
func (p *entryPositions) offset(region, key string) int64 {
	off, ok := p.regions[region]
	if key != "" {
		off, ok = p.entries[[2]string{region, key}]
	}
	if !ok {
		return -1
	}
	return off
}
