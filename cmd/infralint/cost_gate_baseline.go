package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"path/filepath"

	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/internal/inputfile"
	"github.com/infralint/infralint/internal/jsonpos"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/render"
)

// costBaseline is a `cost --format json` document of the old stacks,
// read for --max-increase: only what the gate needs of each estimate.
type costBaseline struct {
	file      string
	estimates []baselineEstimate
}

type baselineEstimate struct {
	Stack      string   `json:"stack"`
	File       string   `json:"file"`
	MonthlyUSD *float64 `json:"monthly_usd"`
	Partial    bool     `json:"partial"`
}

// maxCostBaselineBytes bounds the file: an estimate is a few kilobytes.
const maxCostBaselineBytes = 64 << 20

func readCostBaseline(file string) (*costBaseline, error) {
	raw, err := inputfile.Read(file, maxCostBaselineBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, badInput("--baseline %s: no such file (write it with infralint cost --format json OLD > %s)", file, file)
	}
	if err != nil {
		return nil, badInput("--baseline %s: %v", file, fileError(err))
	}
	var doc struct {
		SchemaVersion *int                `json:"schema_version"`
		Estimates     *[]baselineEstimate `json:"estimates"`
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, badInput("--baseline %s: file is empty; write it with infralint cost --format json OLD > %s", file, file)
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		if at, ok := jsonpos.Of(raw, err); ok {
			return nil, badInput("--baseline %s:%s: not the JSON of infralint cost: %v", file, at, jsonMessage(err))
		}
		return nil, badInput("--baseline %s: not the JSON of infralint cost: %v", file, jsonMessage(err))
	}
	switch {
	case doc.SchemaVersion == nil || doc.Estimates == nil:
		return nil, badInput("--baseline %s: not the JSON of infralint cost (no schema_version and estimates): write it with infralint cost --format json OLD", file)
	case *doc.SchemaVersion != render.JSONSchemaVersion:
		return nil, badInput("--baseline %s: schema_version %d; this infralint reads %d", file, *doc.SchemaVersion, render.JSONSchemaVersion)
	}
	for i, e := range *doc.Estimates {
		if e.MonthlyUSD == nil {
			return nil, badInput("--baseline %s: estimates[%d] (%q) has no monthly_usd", file, i, e.Stack)
		}
		if _, ok := humanize.Cents(*e.MonthlyUSD); !ok || *e.MonthlyUSD < 0 {
			return nil, badInput("--baseline %s: estimates[%d] (%q): monthly_usd %v is not an amount", file, i, e.Stack, *e.MonthlyUSD)
		}
	}
	return &costBaseline{file: file, estimates: *doc.Estimates}, nil
}

// jsonMessage is a decoder error without Go's "json: " prefix.
func jsonMessage(err error) string {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) && typ.Field != "" {
		return typ.Field + ": got a JSON " + typ.Value + ", want " + jsonKind(typ.Type.Kind())
	}
	s := err.Error()
	if len(s) > 6 && s[:6] == "json: " {
		return s[6:]
	}
	return s
}

// old finds stack e's old total: the one estimate of the baseline when
// the run prices one stack (the stack may have been renamed or moved),
// else the estimate of the same file (as written, relative to the working
// directory), else the only one of the same name.
func (b *costBaseline) old(e *pricing.Estimate, stacks int, dir string) (oldTotal, bool) {
	pick := func(be baselineEstimate) (oldTotal, bool) {
		c, _ := humanize.Cents(*be.MonthlyUSD)
		return oldTotal{cents: c, partial: be.Partial, from: b.file}, true
	}
	if stacks == 1 && len(b.estimates) == 1 {
		return pick(b.estimates[0])
	}
	file := render.RelPath(e.File, dir)
	for _, be := range b.estimates {
		if filepath.ToSlash(filepath.Clean(be.File)) == filepath.ToSlash(filepath.Clean(file)) {
			return pick(be)
		}
	}
	var named []baselineEstimate
	for _, be := range b.estimates {
		if be.Stack == e.Stack {
			named = append(named, be)
		}
	}
	if len(named) == 1 {
		return pick(named[0])
	}
	return oldTotal{}, false
}
