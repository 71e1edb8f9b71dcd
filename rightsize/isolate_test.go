package rightsize

import (
	"bytes"
	"math"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/internal/stackgen"
	"github.com/infralint/infralint/schema"
)

// TestIsolatedSweepsMatch: sweeping a tier on a stack of its own gives the
// figures sweeping it in the whole stack gives, on every example (shared
// databases, hosted ones, caches, CDNs) and on generated stacks.
func TestIsolatedSweepsMatch(t *testing.T) {
	l, err := schema.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	stacks := map[string]*schema.Stack{}
	paths, _ := filepath.Glob("../examples/*/stack.cue")
	for _, p := range paths {
		s, err := l.LoadPath(p)
		if err != nil {
			t.Fatal(err)
		}
		stacks[filepath.Base(filepath.Dir(p))] = s
	}
	for name, gen := range map[string]func(*bytes.Buffer) error{
		"cells": func(b *bytes.Buffer) error { return stackgen.Write(b, 12) },
		"tiers": func(b *bytes.Buffer) error { return stackgen.WriteTiers(b, 3) },
	} {
		var b bytes.Buffer
		if err := gen(&b); err != nil {
			t.Fatal(err)
		}
		s, err := l.LoadBytes(name+".cue", b.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		stacks[name] = s
	}
	isolatedSome := false
	for name, s := range stacks {
		t.Run(name, func(t *testing.T) {
			model, err := capacity.Analyze(s, capacity.Options{})
			if err != nil {
				t.Fatal(err)
			}
			refs := referrers(s)
			for _, tier := range model.Tiers {
				if _, ok := isolated(s, tier, refs); ok {
					isolatedSome = true
				}
			}
			got := Plan(s, model, nil, Options{Sweeps: true})
			isolateTiers = false
			want := Plan(s, model, nil, Options{Sweeps: true})
			isolateTiers = true
			if len(want.Curves) == 0 {
				t.Fatal("nothing swept")
			}
			if !close(reflect.ValueOf(got.Curves), reflect.ValueOf(want.Curves)) || !close(reflect.ValueOf(got.Sweeps), reflect.ValueOf(want.Sweeps)) {
				t.Errorf("isolated sweeps differ from the whole stack's")
			}
		})
	}
	if !isolatedSome {
		t.Error("no tier was isolated: the test compares nothing")
	}
}

// close is reflect.DeepEqual with floats equal to 1e-9 relative (the
// isolated stack's rates are the same sums, added in another order).
func close(a, b reflect.Value) bool {
	if a.Kind() != b.Kind() {
		return false
	}
	switch a.Kind() {
	case reflect.Float64:
		x, y := a.Float(), b.Float()
		return x == y || math.Abs(x-y) <= 1e-9*math.Max(math.Abs(x), math.Abs(y))
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return close(a.Elem(), b.Elem())
	case reflect.Slice:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !close(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.Len() != b.Len() {
			return false
		}
		for _, k := range a.MapKeys() {
			if !b.MapIndex(k).IsValid() || !close(a.MapIndex(k), b.MapIndex(k)) {
				return false
			}
		}
		return true
	case reflect.Struct:
		for i := range a.NumField() {
			if !close(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a.Interface(), b.Interface())
}
