package main

import (
	"os"
	"path/filepath"
	"strconv"

	"github.com/rogpeppe/go-internal/testscript"
)

func init() {
	// sized NAME BYTES: a file of BYTES zero bytes (sparse, so that a
	// large one costs no disk), for the size bounds.
	hostileCommands["sized"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if neg || len(args) != 2 {
			ts.Fatalf("usage: sized NAME BYTES")
		}
		n, err := strconv.ParseInt(args[1], 10, 64)
		ts.Check(err)
		path := ts.MkAbs(args[0])
		ts.Check(os.MkdirAll(filepath.Dir(path), 0o755))
		f, err := os.Create(path)
		ts.Check(err)
		ts.Check(f.Truncate(n))
		ts.Check(f.Close())
	}
}
