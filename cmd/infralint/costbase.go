package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"math"
	"path"
	"reflect"
	"strings"

	"github.com/infralint/infralint/internal/inputfile"
	"github.com/infralint/infralint/internal/jsonpos"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/render"
)

// costBase is the --cost-base file: `infralint cost --format json` run on
// the base branch, from the same directory, so that --summary can show
// each stack's monthly change. Stacks are matched by file, as that output
// names them relative to the working directory.
type costBase struct {
	byFile map[string]render.BaseCost
}

// maxCostBaseBytes bounds the file: an estimate is a few KB, and a
// repository of thousands of stacks stays far below it.
const maxCostBaseBytes = 64 << 20

func readCostBase(file string) (*costBase, error) {
	raw, err := inputfile.Read(file, maxCostBaseBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, badInput("--cost-base %s: no such file (write it on the base branch with infralint cost --format json ./... > %s)", file, file)
	}
	if err != nil {
		return nil, badInput("--cost-base %s: %v", file, fileError(err))
	}
	var doc struct {
		Estimates *[]struct {
			File       *string  `json:"file"`
			MonthlyUSD *float64 `json:"monthly_usd"`
			Partial    bool     `json:"partial"`
		} `json:"estimates"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		if len(bytes.TrimSpace(raw)) == 0 {
			return nil, badInput("--cost-base %s: file is empty; want the output of infralint cost --format json", file)
		}
		at, ok := jsonpos.Of(raw, err)
		var typ *json.UnmarshalTypeError
		if ok && errors.As(err, &typ) {
			what := typ.Field
			if what == "" {
				what = "the document"
			}
			if typ.Type.Kind() == reflect.Float64 {
				return nil, badInput("--cost-base %s:%s: %s: %s is out of range", file, at, what, typ.Value)
			}
			return nil, badInput("--cost-base %s:%s: not infralint cost JSON: %s: got a JSON %s, want %s", file, at, what, typ.Value, jsonKind(typ.Type.Kind()))
		}
		if ok {
			return nil, badInput("--cost-base %s:%s: not infralint cost JSON: %s", file, at, strings.TrimPrefix(err.Error(), "json: "))
		}
		return nil, badInput("--cost-base %s: not infralint cost JSON: %v", file, err)
	}
	if doc.Estimates == nil {
		return nil, badInput(`--cost-base %s: not infralint cost JSON: no "estimates"; want the output of infralint cost --format json`, file)
	}
	b := &costBase{byFile: map[string]render.BaseCost{}}
	for i, e := range *doc.Estimates {
		if e.File == nil || e.MonthlyUSD == nil || math.IsNaN(*e.MonthlyUSD) || math.IsInf(*e.MonthlyUSD, 0) {
			return nil, badInput(`--cost-base %s: estimates[%d]: want "file" and a finite "monthly_usd"`, file, i)
		}
		b.byFile[costBaseKey(*e.File)] = render.BaseCost{MonthlyUSD: *e.MonthlyUSD, Partial: e.Partial}
	}
	return b, nil
}

// costBaseKey spells a file the same way whether it came from the base's
// JSON ("./shop/stack.cue") or from this run.
func costBaseKey(file string) string {
	return path.Clean(strings.TrimPrefix(file, "./"))
}

// of is e with its base cost, when there is a base (b is nil without
// --cost-base).
func (b *costBase) of(e *pricing.Estimate, dir string) render.StackCost {
	c := render.StackCost{Estimate: e}
	if b == nil {
		return c
	}
	c.Compared = true
	if base, ok := b.byFile[costBaseKey(render.RelPath(e.File, dir))]; ok {
		c.Base = &base
	}
	return c
}
