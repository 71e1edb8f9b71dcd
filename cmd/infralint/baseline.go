package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"maps"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"github.com/infralint/infralint/internal/inputfile"
	"github.com/infralint/infralint/internal/jsonpos"
	"github.com/infralint/infralint/internal/output"
	"github.com/infralint/infralint/rules"
	"github.com/infralint/infralint/schema"
)

// A baseline records accepted findings so that a run reports only new ones.
// A finding is keyed by rule, file, component path and message, never by
// line: moving code around does not make old findings new. Files are
// stored relative to the baseline's own directory, so the baseline works
// from any working directory.
type baseline struct {
	Version  int             `json:"version"`
	Findings []baselineEntry `json:"findings"`

	dir    string
	counts map[baselineEntry]int
}

type baselineEntry struct {
	Rule    string `json:"rule"`
	File    string `json:"file"`
	Path    string `json:"path"`
	Message string `json:"message"`
}

const baselineVersion = 1

func entryOf(f rules.Finding, dir string) baselineEntry {
	file := f.Pos.File
	if abs, err := filepath.Abs(file); err == nil {
		if rel, err := filepath.Rel(dir, abs); err == nil {
			file = rel
		} else {
			file = abs
		}
	}
	return baselineEntry{Rule: f.RuleID, File: filepath.ToSlash(file), Path: f.Path, Message: f.Message}
}

func absDir(file string) string {
	d, err := filepath.Abs(filepath.Dir(file))
	if err != nil {
		return filepath.Dir(file)
	}
	return d
}

// maxBaselineBytes bounds a baseline file, far above any real one (an
// entry is a few hundred bytes).
const maxBaselineBytes = 64 << 20

func readBaseline(file string) (*baseline, error) {
	raw, err := inputfile.Read(file, maxBaselineBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, badInput("--baseline %s: no such file (create it with --write-baseline %s)", file, file)
	}
	if err != nil {
		return nil, badInput("--baseline %s: %v", file, fileError(err))
	}
	var b baseline
	if err := json.Unmarshal(raw, &b); err != nil {
		return nil, baselineDecodeError(file, raw, err)
	}
	if b.Version != baselineVersion {
		return nil, badInput("--baseline %s: version %d; this infralint reads version %d", file, b.Version, baselineVersion)
	}
	b.dir = absDir(file)
	b.counts = map[baselineEntry]int{}
	for _, e := range b.Findings {
		b.counts[e]++
	}
	return &b, nil
}

// baselineDecodeError names the file, with the line and column where the
// JSON decoder can tell, and the field of a value of the wrong type.
func baselineDecodeError(file string, raw []byte, err error) error {
	if len(bytes.TrimSpace(raw)) == 0 {
		return badInput("--baseline %s: file is empty; write one with --write-baseline %s", file, file)
	}
	at, ok := jsonpos.Of(raw, err)
	if !ok {
		return badInput("--baseline %s: not an infralint baseline: %v", file, err)
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		what := typ.Field
		if what == "" {
			what = "the baseline"
		}
		value := typ.Value // "number 1.5": the literal is quoted whole, however long
		if len(value) > 40 {
			value = strings.ToValidUTF8(value[:40], "") + "…"
		}
		return badInput("--baseline %s:%s: not an infralint baseline: %s: got a JSON %s, want %s", file, at, what, value, jsonKind(typ.Type.Kind()))
	}
	return badInput("--baseline %s:%s: not an infralint baseline: %v", file, at, strings.TrimPrefix(err.Error(), "json: "))
}

// jsonKind names the JSON a Go kind decodes from.
func jsonKind(k reflect.Kind) string {
	switch k {
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "an integer"
	}
	return "a number"
}

// filter splits fs into the findings the baseline does not list (kept)
// and those it does (matched), each entry matching one finding.
func (b *baseline) filter(fs []rules.Finding) (kept, matched []rules.Finding) {
	if b == nil {
		return fs, nil
	}
	for _, f := range fs {
		e := entryOf(f, b.dir)
		if b.counts[e] > 0 {
			b.counts[e]--
			matched = append(matched, f)
			continue
		}
		kept = append(kept, f)
	}
	return kept, matched
}

// absent returns the entries that no finding matched, in the baseline's
// order, as findings placed in their file with no line; only entries of
// the files checked count (a baseline of a whole tree says nothing about
// the stacks this run left out). Call it after every filter.
func (b *baseline) absent(checked map[string]bool, known []*rules.Rule) []rules.Finding {
	if b == nil {
		return nil
	}
	left := maps.Clone(b.counts)
	var out []rules.Finding
	for _, e := range b.Findings {
		file := filepath.Join(b.dir, filepath.FromSlash(e.File))
		if left[e] == 0 || !checked[file] {
			continue
		}
		left[e]--
		f := rules.Finding{RuleID: e.Rule, Message: e.Message, Path: e.Path, Pos: schema.Position{File: file}}
		if r, ok := rules.Find(known, e.Rule); ok {
			f.RuleName, f.Severity = r.Name, r.Severity
		}
		out = append(out, f)
	}
	return out
}

// writeBaseline records fs in the baseline at t, named file on the command
// line: its entries are relative to file's directory, where readBaseline
// will look them up.
func writeBaseline(t *output.Target, file string, fs []rules.Finding) error {
	dir := absDir(file)
	b := baseline{Version: baselineVersion, Findings: []baselineEntry{}}
	for _, f := range fs {
		b.Findings = append(b.Findings, entryOf(f, dir))
	}
	sort.Slice(b.Findings, func(i, j int) bool {
		x, y := b.Findings[i], b.Findings[j]
		if x.File != y.File {
			return x.File < y.File
		}
		if x.Rule != y.Rule {
			return x.Rule < y.Rule
		}
		if x.Path != y.Path {
			return x.Path < y.Path
		}
		return x.Message < y.Message
	})
	raw, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return err
	}
	if err := t.Save(append(raw, '\n')); err != nil {
		return badInput("%v", err)
	}
	return nil
}
