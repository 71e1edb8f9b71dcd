package main

import (
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"syscall"

	"github.com/rogpeppe/go-internal/testscript"
)

// The script commands of the output-targets corpus
// (testdata/hostile/output-targets).
func init() {
	// tofull N infralint ARGS...: the CLI with its standard output on
	// /dev/full, where every write fails; passes when it exits N.
	scriptCommands["tofull"] = func() {
		want, args := childArgs("tofull N infralint ARGS...")
		full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
		if err != nil {
			fmt.Fprintln(os.Stderr, "tofull:", err)
			os.Exit(2)
		}
		exitAs(want, run(args, full, os.Stderr))
	}
	// fsize BYTES N infralint ARGS...: the CLI unable to make any file
	// larger than BYTES (RLIMIT_FSIZE: a write past it fails with "file too
	// large", as on a full disk); passes when it exits N.
	scriptCommands["fsize"] = func() {
		if len(os.Args) < 2 {
			fmt.Fprintln(os.Stderr, "usage: fsize BYTES N infralint ARGS...")
			os.Exit(2)
		}
		n, err := strconv.ParseUint(os.Args[1], 10, 64)
		if err != nil {
			fmt.Fprintln(os.Stderr, "fsize: BYTES must be a number")
			os.Exit(2)
		}
		os.Args = os.Args[1:]
		want, args := childArgs("fsize BYTES N infralint ARGS...")
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
			fmt.Fprintln(os.Stderr, "fsize:", err)
			os.Exit(2)
		}
		exitAs(want, run(args, os.Stdout, os.Stderr))
	}

	// mkdev NAME null|full: a character device like /dev/null or /dev/full
	// at NAME. As root (who may rename over /dev/null) a device node of the
	// case's own, so that a regression replaces a copy; otherwise a link
	// to the real one, which nobody but root can replace.
	hostileCommands["mkdev"] = func(ts *testscript.TestScript, neg bool, args []string) {
		minor := map[string]int{"null": 3, "full": 7}
		if len(args) != 2 || minor[args[1]] == 0 {
			ts.Fatalf("usage: mkdev NAME null|full")
		}
		name := ts.MkAbs(args[0])
		if os.Geteuid() == 0 {
			ts.Check(syscall.Mknod(name, syscall.S_IFCHR|0o666, 1<<8|minor[args[1]]))
			return
		}
		ts.Check(os.Symlink("/dev/"+args[1], name))
	}
	// unwritable-dir NAME: a directory in which no file can be created: mode
	// 0555, or, as root, whom modes do not stop, a link to /sys.
	hostileCommands["unwritable-dir"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 1 {
			ts.Fatalf("usage: unwritable-dir NAME")
		}
		name := ts.MkAbs(args[0])
		if os.Geteuid() == 0 {
			ts.Check(os.Symlink("/sys", name))
			return
		}
		ts.Check(os.Mkdir(name, 0o555))
	}
	// filetype FILE regular|symlink|fifo|device: what FILE itself is (a
	// link is not followed).
	hostileCommands["filetype"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf("usage: filetype FILE regular|symlink|fifo|device")
		}
		info, err := os.Lstat(ts.MkAbs(args[0]))
		ts.Check(err)
		got := map[fs.FileMode]string{0: "regular", fs.ModeSymlink: "symlink", fs.ModeNamedPipe: "fifo",
			fs.ModeDevice | fs.ModeCharDevice: "device"}[info.Mode().Type()]
		if (got == args[1]) == neg {
			ts.Fatalf("%s is a %v", args[0], info.Mode())
		}
	}
	// mode FILE PERM: FILE's permission bits are PERM (octal, e.g. 0600).
	hostileCommands["mode"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf("usage: mode FILE PERM")
		}
		want, err := strconv.ParseUint(args[1], 8, 32)
		ts.Check(err)
		info, err := os.Stat(ts.MkAbs(args[0]))
		ts.Check(err)
		if (info.Mode().Perm() == fs.FileMode(want)) == neg {
			ts.Fatalf("%s has mode %v", args[0], info.Mode())
		}
	}
}

// childArgs reads "N infralint ARGS..." from the command line of a script
// command run as a child process.
func childArgs(usage string) (int, []string) {
	if len(os.Args) < 3 || os.Args[2] != "infralint" {
		fmt.Fprintln(os.Stderr, "usage:", usage)
		os.Exit(2)
	}
	want, err := strconv.Atoi(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "N must be a number")
		os.Exit(2)
	}
	return want, os.Args[3:]
}

func exitAs(want, got int) {
	if got != want {
		fmt.Fprintf(os.Stderr, "infralint exited %d, want %d\n", got, want)
		os.Exit(1)
	}
	os.Exit(0)
}
