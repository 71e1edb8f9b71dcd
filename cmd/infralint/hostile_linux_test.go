package main

import (
	"fmt"
	"os"
	"strconv"
	"syscall"

	"github.com/rogpeppe/go-internal/testscript"
)

func init() {
	// bounded MB N infralint ARGS...: the CLI in a child whose writable
	// memory is capped at MB mebibytes (RLIMIT_DATA), so that a memory bomb
	// that gets past the tool's own limits dies quickly instead of filling
	// the machine; it passes when the CLI exits N. RLIMIT_DATA rather than
	// RLIMIT_AS: the Go runtime reserves about 2 GiB of address space it
	// never touches, so an address-space cap low enough to matter stops it
	// from starting (measured: 1.5 GiB fails, 128 MiB of data suffices for
	// checking an example).
	scriptCommands["bounded"] = func() {
		if len(os.Args) < 4 || os.Args[3] != "infralint" {
			fmt.Fprintln(os.Stderr, "usage: bounded MB N infralint ARGS...")
			os.Exit(2)
		}
		mb, err := strconv.ParseUint(os.Args[1], 10, 64)
		want, err2 := strconv.Atoi(os.Args[2])
		if err != nil || err2 != nil {
			fmt.Fprintln(os.Stderr, "bounded: MB and N must be numbers")
			os.Exit(2)
		}
		limit := &syscall.Rlimit{Cur: mb << 20, Max: mb << 20}
		if err := syscall.Setrlimit(syscall.RLIMIT_DATA, limit); err != nil {
			fmt.Fprintln(os.Stderr, "bounded:", err)
			os.Exit(2)
		}
		if got := run(os.Args[4:], os.Stdout, os.Stderr); got != want {
			fmt.Fprintf(os.Stderr, "bounded: infralint exited %d, want %d\n", got, want)
			os.Exit(1)
		}
		os.Exit(0)
	}
	// mkfifo NAME: a named pipe, which a reader that does not check the
	// file type blocks on forever.
	hostileCommands["mkfifo"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 1 {
			ts.Fatalf("usage: mkfifo NAME")
		}
		ts.Check(syscall.Mkfifo(ts.MkAbs(args[0]), 0o644))
	}
}
