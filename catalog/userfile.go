package catalog

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/infralint/infralint/internal/inputfile"
	"github.com/infralint/infralint/internal/jsonpos"
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

// MaxUserPrice bounds a user price, in USD per the key's unit. The
// snapshot's largest price is $407.68 an hour (u7in-32tb.224xlarge in
// us-west-2); 245 times that leaves room for any real tariff, while
// totals at the schema's largest quantities stay far below float64's
// range, so that no figure becomes +Inf.
const MaxUserPrice = 100_000

// parsePrice reads one price. A number beyond float64's range (1e400)
// reads as ±Inf, which the range check then names.
func parsePrice(raw json.RawMessage) (float64, error) {
	var usd float64
	if err := json.Unmarshal(raw, &usd); err != nil {
		if v, err := strconv.ParseFloat(string(bytes.TrimSpace(raw)), 64); math.IsInf(v, 0) && errors.Is(err, strconv.ErrRange) {
			return v, nil
		}
		return 0, fmt.Errorf("%s is not a number; want a price in USD", quoted(raw))
	}
	return usd, nil
}

// quoted is a value as the file writes it, cut short: a message quotes it,
// and a million-digit number or a huge object would fill the terminal.
func quoted(raw json.RawMessage) string {
	const maxQuoted = 40
	s := string(bytes.TrimSpace(raw))
	if len(s) <= maxQuoted {
		return s
	}
	return strings.ToValidUTF8(s[:maxQuoted], "") + "…"
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
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf(`%s: file is empty; want {"prices": {"<region>": {"<key>": <USD>, ...}}}`, name)
	}
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
	// Every problem is reported, one per line, in file order: name, the
	// entry's ":line:col" where it has one (offset >= 0), and the message.
	type problemAt struct {
		offset int64
		msg    string
	}
	var errs []problemAt
	problem := func(offset int64, format string, args ...any) {
		errs = append(errs, problemAt{offset, fmt.Sprintf(format, args...)})
	}
	if _, builtin := Default().sources[src.ID]; builtin {
		problem(-1, "source %q is the id of a built-in source; choose another", src.ID)
	}
	if f.Date != "" {
		if _, err := time.Parse(time.DateOnly, f.Date); err != nil {
			problem(-1, "date %q is not YYYY-MM-DD", f.Date)
		}
	}
	n := 0
	for _, byKey := range f.Prices {
		n += len(byKey)
	}
	if n == 0 {
		problem(-1, `no prices: want "prices": {"<region>": {"<key>": <USD>, ...}}`)
	}

	prices := map[string]map[string]Price{}
	known := &knownNames{}
	var positions *entryPositions // found only when an entry is wrong
	pos := func(region, key string) int64 {
		if positions == nil {
			positions = findEntries(data)
		}
		return positions.offset(region, key)
	}
	for _, region := range keysOf(f.Prices) {
		if err := checkRegion(region); err != nil {
			problem(pos(region, ""), "prices: %v%s", err, didYouMean(Default().Regions(), region))
			continue
		}
		for _, key := range keysOf(f.Prices[region]) {
			usd, err := parsePrice(f.Prices[region][key])
			if err == nil {
				err = known.checkPrice(region, key, usd, quoted(f.Prices[region][key]))
			}
			if err != nil {
				problem(pos(region, key), "prices[%q][%q]: %v", region, key, err)
				continue
			}
			if prices[region] == nil {
				prices[region] = map[string]Price{}
			}
			prices[region][key] = Price{USD: usd, Unit: unitOf(key), Source: src.ID, Date: src.Date}
		}
	}
	if len(errs) > 0 {
		slices.SortStableFunc(errs, func(a, b problemAt) int { return cmp.Compare(a.offset, b.offset) })
		lines := make([]string, len(errs))
		for i, e := range errs {
			at := ""
			if e.offset >= 0 {
				at = ":" + jsonpos.LineCol(data, e.offset)
			}
			lines[i] = name + at + ": " + e.msg
		}
		return nil, errors.New(strings.Join(lines, "\n"))
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

// checkPrice checks one entry; written is the price as the file writes it.
func (k *knownNames) checkPrice(region, key string, usd float64, written string) error {
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
		return fmt.Errorf("price %s is negative", written)
	}
	if usd > MaxUserPrice {
		return fmt.Errorf("price %s is above $100,000 per %s, the most a price may be", written, unitOf(key))
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
	var typ *json.UnmarshalTypeError
	at, positioned := jsonpos.Of(data, err)
	switch {
	case errors.As(err, &typ):
		want := typ.Type.String()
		if typ.Field == "prices" {
			want = `an object {"<region>": {"<key>": <USD>, ...}}`
		}
		return fmt.Errorf("%s:%s: %s: got a JSON %s, want %s", name, at, typ.Field, quoted([]byte(typ.Value)), want)
	case positioned:
		return fmt.Errorf("%s:%s: %v", name, at, err)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.TrimPrefix(err.Error(), "json: unknown field ")
		return fmt.Errorf("%s: unknown field %s; the fields are source, date, title and prices", name, field)
	}
	return fmt.Errorf("%s: %w", name, err)
}
