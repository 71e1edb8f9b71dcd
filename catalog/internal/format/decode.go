package format

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// Text is a snapshot split into its header and its price tables, without
// parsing a price: a run prices one region, and building every region's
// maps is most of what reading the file costs.
type Text struct {
	File   // Format, Sources and Specs; Tables is empty
	Tables []TableText
}

// TableText is a Table whose regions' items are still text.
type TableText struct {
	Key, Source, Approximate string
	Regions                  map[string]Items
}

// Items are the `"name":usd` lines of one region of one table.
type Items struct {
	lines []byte
	line  int // of the first, 1-based, for errors
}

// Split reads the header (sources and specs) with encoding/json and finds
// each table's regions by the lines Encode writes, one entry a line. Text
// in any other layout, JSON that Encode would not write included, is an
// error naming its line.
func Split(data []byte) (*Text, error) {
	head, tables, ok := bytes.Cut(data, []byte(",\n\"tables\":["))
	if !ok {
		return nil, fmt.Errorf(`no "tables" line`)
	}
	var t Text
	if err := json.Unmarshal(append(head[:len(head):len(head)], '}'), &t.File); err != nil {
		return nil, err
	}
	if string(tables) == "]}\n" {
		return &t, nil
	}
	tables, ok = bytes.CutPrefix(tables, []byte("\n"))
	if !ok {
		return nil, fmt.Errorf(`want a line break after "tables":[`)
	}
	s := lineScanner{rest: tables, line: bytes.Count(head, []byte("\n")) + 2}
	var err error
	if t.Tables, err = s.tables(); err != nil {
		return nil, fmt.Errorf("line %d: %v", s.line, err)
	}
	return &t, nil
}

type lineScanner struct {
	rest []byte
	line int // of the last line read, 1-based
}

func (s *lineScanner) next() ([]byte, error) {
	if len(s.rest) == 0 {
		return nil, fmt.Errorf("unexpected end of file")
	}
	s.line++
	l, rest, _ := bytes.Cut(s.rest, []byte("\n"))
	s.rest = rest
	return l, nil
}

// tables reads table heads, `{"key":…,"regions":{`, each followed by its
// regions; the last table ends the file.
func (s *lineScanner) tables() ([]TableText, error) {
	var out []TableText
	for {
		l, err := s.next()
		if err != nil {
			return nil, err
		}
		head, ok := bytes.CutSuffix(l, []byte(`,"regions":{`))
		if !ok || !bytes.HasPrefix(head, []byte(`{"key":`)) {
			return nil, fmt.Errorf("want a table head, have %.80q", l)
		}
		var t Table
		if err := json.Unmarshal(append(head[:len(head):len(head)], '}'), &t); err != nil {
			return nil, err
		}
		tt := TableText{Key: t.Key, Source: t.Source, Approximate: t.Approximate, Regions: map[string]Items{}}
		end, err := s.regions(tt.Regions)
		if err != nil {
			return nil, err
		}
		out = append(out, tt)
		if end == "}}}]}" {
			if len(s.rest) != 0 {
				return nil, fmt.Errorf("text after the last table")
			}
			return out, nil
		}
	}
}

// regions reads `"region":{` lines, each followed by its item lines, up to
// the line that closes the table, which it returns.
func (s *lineScanner) regions(into map[string]Items) (string, error) {
	for {
		l, err := s.next()
		if err != nil {
			return "", err
		}
		quoted, ok := bytes.CutSuffix(l, []byte(":{"))
		if !ok {
			return "", fmt.Errorf("want a region, have %.80q", l)
		}
		region, err := unquote(quoted)
		if err != nil {
			return "", err
		}
		if _, dup := into[region]; dup {
			return "", fmt.Errorf("region %s listed twice", region)
		}
		items := Items{lines: s.rest, line: s.line + 1}
		for {
			start := len(s.rest)
			l, err := s.next()
			if err != nil {
				return "", err
			}
			if len(l) > 0 && l[0] == '"' {
				continue
			}
			items.lines = items.lines[:len(items.lines)-start]
			into[region] = items
			switch string(l) {
			case "},":
			case "}}},", "}}}]}":
				return string(l), nil
			default:
				return "", fmt.Errorf("want an item or the end of a region, have %.80q", l)
			}
			break
		}
	}
}

// Each calls f with every item in the order written, stopping at f's
// first error.
func (it Items) Each(f func(name string, usd float64) error) error {
	line := it.line
	for rest := it.lines; len(rest) > 0; line++ {
		var l []byte
		l, rest, _ = bytes.Cut(rest, []byte("\n"))
		name, usd, err := decodeItem(bytes.TrimSuffix(l, []byte(",")))
		if err == nil {
			err = f(name, usd)
		}
		if err != nil {
			return fmt.Errorf("line %d: %v", line, err)
		}
	}
	return nil
}

// Empty reports whether there are no items.
func (it Items) Empty() bool { return len(it.lines) == 0 }

// EachName calls f with the name of every item, without parsing prices.
// The bytes are valid only during the call: a caller that keeps few of many
// names allocates only those.
func (it Items) EachName(f func(name []byte)) error {
	line := it.line
	for rest := it.lines; len(rest) > 0; line++ {
		var l []byte
		l, rest, _ = bytes.Cut(rest, []byte("\n"))
		name, _, err := itemName(l)
		if err != nil {
			return fmt.Errorf("line %d: %v", line, err)
		}
		f(name)
	}
	return nil
}

// itemName reads the name of `"name":number` and returns the number's text.
func itemName(l []byte) ([]byte, []byte, error) {
	// Most names have no escapes: then the first `":` ends the name.
	if i := bytes.Index(l, []byte(`":`)); i > 0 && l[0] == '"' && bytes.IndexByte(l[:i], '\\') < 0 {
		return l[1:i], l[i+2:], nil
	}
	// The name ends at the first quote not escaped; Encode escapes quotes.
	end := 1
	for end < len(l) && l[end] != '"' {
		if l[end] == '\\' {
			end++
		}
		end++
	}
	if end+1 >= len(l) || l[end+1] != ':' {
		return nil, nil, fmt.Errorf("want \"item\":price, have %.80q", l)
	}
	q := l[:end+1]
	if bytes.IndexByte(q, '\\') < 0 {
		return q[1:end], l[end+2:], nil
	}
	name, err := unquote(q)
	return []byte(name), l[end+2:], err
}

// decodeItem reads `"name":number`.
func decodeItem(l []byte) (string, float64, error) {
	name, number, err := itemName(l)
	if err != nil {
		return "", 0, err
	}
	usd, err := strconv.ParseFloat(string(number), 64)
	if err != nil {
		return "", 0, fmt.Errorf("item %s: %v", name, err)
	}
	return string(name), usd, nil
}

// unquote decodes a JSON string; names without escapes are most of them.
func unquote(q []byte) (string, error) {
	if len(q) >= 2 && q[0] == '"' && q[len(q)-1] == '"' && bytes.IndexByte(q, '\\') < 0 {
		return string(q[1 : len(q)-1]), nil
	}
	var s string
	if err := json.Unmarshal(q, &s); err != nil {
		return "", fmt.Errorf("bad name %.80q: %v", q, err)
	}
	return s, nil
}
