package catalog

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"github.com/infralint/infralint/internal/inputfile"
)

// userFile is the shape of a user price file:
//
//	{
//	  "source": "acme-edp-2026",   optional short id; default "user:<file name>"
//	  "date": "2026-10-01",        optional, YYYY-MM-DD
//	  "title": "EDP rates",        optional
//	  "prices": {
//	    "us-east-1":      {"ec2/m5.large": 0.0845},
//	    "ap-northeast-2": {"alb/hour": 0.0252, "alb/lcu-hour": 0.008}
//	  }
//	}
//
// Keys are the catalog's price keys (see the package documentation), in USD
// per the key's unit.
type userFile struct {
	Source string `json:"source"`
	Date   string `json:"date"`
	Title  string `json:"title"`
	// Values are decoded one by one so that a bad one can be named.
	Prices map[string]map[string]json.RawMessage `json:"prices"`
}

// maxUserFileBytes bounds a user price file: one price per key of every
// region of the snapshot is well under a megabyte.
const maxUserFileBytes = 16 << 20

// Load reads a user price file; see Parse.
func Load(path string) (*Catalog, error) {
	data, err := inputfile.Read(path, maxUserFileBytes)
	var pathErr *fs.PathError
	if err != nil && !errors.As(err, &pathErr) { // a PathError names the file already
		err = fmt.Errorf("%s: %w", path, err)
	}
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse reads a user price file (JSON; the shape is in README.md) into a
// Catalog that holds only its prices, to be laid over the snapshot with
// Merge. name, usually the file's path, starts every error message. All
// problems are reported, each naming the region and key at fault.
func Parse(name string, data []byte) (*Catalog, error) {
	var f userFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, decodeError(name, data, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%s: unexpected data after the top-level object", name)
	}

	src := Source{ID: f.Source, Title: f.Title, Repo: name, Date: f.Date}
	if src.ID == "" {
		src.ID = "user:" + filepath.Base(name)
	}
	var errs []string
	if _, builtin := Default().sources[src.ID]; builtin {
		errs = append(errs, fmt.Sprintf("source %q is the id of a built-in source; choose another", src.ID))
	}
	if f.Date != "" {
		if _, err := time.Parse(time.DateOnly, f.Date); err != nil {
			errs = append(errs, fmt.Sprintf("date %q is not YYYY-MM-DD", f.Date))
		}
	}
	n := 0
	for _, byKey := range f.Prices {
		n += len(byKey)
	}
	if n == 0 {
		errs = append(errs, `no prices: want "prices": {"<region>": {"<key>": <USD>, ...}}`)
	}

	prices := map[string]map[string]Price{}
	known := &knownNames{}
	for _, region := range keysOf(f.Prices) {
		if err := checkRegion(region); err != nil {
			errs = append(errs, fmt.Sprintf("prices: %v%s", err, didYouMean(Default().Regions(), region)))
			continue
		}
		for _, key := range keysOf(f.Prices[region]) {
			var usd float64
			err := json.Unmarshal(f.Prices[region][key], &usd)
			if err != nil {
				err = fmt.Errorf("%s is not a number; want a price in USD", f.Prices[region][key])
			} else {
				err = known.checkPrice(region, key, usd)
			}
			if err != nil {
				errs = append(errs, fmt.Sprintf("prices[%q][%q]: %v", region, key, err))
				continue
			}
			if prices[region] == nil {
				prices[region] = map[string]Price{}
			}
			prices[region][key] = Price{USD: usd, Unit: unitOf(key), Source: src.ID, Date: src.Date}
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s: %s", name, strings.Join(errs, "\n"+name+": "))
	}
	c := &Catalog{sources: map[string]Source{src.ID: src}, prices: map[string]*regionPrices{}}
	for region, byKey := range prices {
		c.prices[region] = builtPrices(byKey)
	}
	return c, nil
}

// knownNames checks the instance types, classes and node types in a user
// file against the snapshot's, so that a typo is an error rather than a new
// price nothing asks for. Engines, regions and volume types may be new.
type knownNames struct {
	ec2, rds, cache map[string]bool // built on first use
}

func (k *knownNames) checkPrice(region, key string, usd float64) error {
	if err := CheckKey(key); err != nil {
		return err
	}
	if global := isGlobalKey(key); global != (region == Global) {
		if global {
			return fmt.Errorf("%s is priced in region %q, not per region", key, Global)
		}
		return fmt.Errorf("region %q holds only CloudFront prices", Global)
	}
	if usd < 0 {
		return fmt.Errorf("price %v is negative", usd)
	}
	parts := strings.Split(key, "/")
	switch parts[0] {
	case "ec2":
		return k.check(&k.ec2, Default().EC2Types, "instance type", parts[1])
	case "rds":
		return k.check(&k.rds, rdsClassNames, "DB instance class", parts[2])
	case "elasticache":
		return k.check(&k.cache, Default().ElastiCacheNodeTypes, "node type", parts[2])
	}
	return nil
}

func (k *knownNames) check(set *map[string]bool, list func() []string, what, name string) error {
	if *set == nil {
		*set = map[string]bool{}
		for _, n := range list() {
			(*set)[n] = true
		}
	}
	if (*set)[name] {
		return nil
	}
	return fmt.Errorf("unknown %s %q%s", what, name, didYouMean(keysOf(*set), name))
}

// rdsClassNames lists the priced RDS classes and "db." + every EC2 type with
// a spec (RDSSpec knows those).
func rdsClassNames() []string {
	names := Default().RDSClasses()
	for t := range Default().ec2 {
		names = append(names, "db."+t)
	}
	return names
}

func didYouMean(candidates []string, name string) string {
	s := Suggest(candidates, name, 3)
	if len(s) == 0 {
		return ""
	}
	return " (did you mean " + strings.Join(s, ", ") + "?)"
}

// decodeError turns a JSON decoding error into one that names the file, and
// the line and column where the decoder could tell.
func decodeError(name string, data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Errorf("%s:%s: %v", name, lineCol(data, syn.Offset), err)
	case errors.As(err, &typ):
		want := typ.Type.String()
		if typ.Field == "prices" {
			want = `an object {"<region>": {"<key>": <USD>, ...}}`
		}
		// The decoder's offset is just past the bad value.
		return fmt.Errorf("%s:%s: %s: got a JSON %s, want %s", name, lineCol(data, typ.Offset), typ.Field, typ.Value, want)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.TrimPrefix(err.Error(), "json: unknown field ")
		return fmt.Errorf("%s: unknown field %s; the fields are source, date, title and prices", name, field)
	}
	return fmt.Errorf("%s: %w", name, err)
}

// lineCol renders a byte offset as "line:column", both from 1.
func lineCol(data []byte, offset int64) string {
	offset = min(max(offset, 0), int64(len(data)))
	before := data[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n')
	return fmt.Sprintf("%d:%d", line, col)
}
