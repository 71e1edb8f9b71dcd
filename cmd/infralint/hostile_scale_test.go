package main

import (
	"io"
	"os"
	"strconv"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/infralint/infralint/internal/stackgen"
)

func init() {
	// gen-stack cells|comprehension|tiers N FILE: a generated stack of
	// about N components (cells of Write, the same from one comprehension)
	// or of N compute tiers, for the scale cases.
	hostileCommands["gen-stack"] = func(ts *testscript.TestScript, neg bool, args []string) {
		gens := map[string]func(io.Writer, int) error{
			"cells": stackgen.Write, "comprehension": stackgen.WriteComprehension, "tiers": stackgen.WriteTiers,
		}
		if len(args) != 3 || gens[args[0]] == nil {
			ts.Fatalf("usage: gen-stack cells|comprehension|tiers N FILE")
		}
		n, err := strconv.Atoi(args[1])
		ts.Check(err)
		f, err := os.Create(ts.MkAbs(args[2]))
		ts.Check(err)
		ts.Check(gens[args[0]](f, n))
		ts.Check(f.Close())
	}
}
