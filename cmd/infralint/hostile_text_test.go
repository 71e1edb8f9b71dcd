package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
)

// The script commands of the hostile classes control-chars,
// markdown-breakers and graphviz-escapes (docs/security.md, item 5).
func init() {
	// write-named DIR NAME SRC: copy SRC to DIR/NAME, NAME written as a Go
	// string literal, so that a case can make file names holding control
	// characters or newlines, which a txtar archive cannot name.
	hostileCommands["write-named"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 3 {
			ts.Fatalf("usage: write-named DIR NAME SRC")
		}
		name, err := strconv.Unquote(`"` + args[1] + `"`)
		ts.Check(err)
		data, err := os.ReadFile(ts.MkAbs(args[2]))
		ts.Check(err)
		ts.Check(os.MkdirAll(ts.MkAbs(args[0]), 0o755))
		ts.Check(os.WriteFile(filepath.Join(ts.MkAbs(args[0]), name), data, 0o644))
	}
	// gfm-html IN OUT: render the Markdown file IN as GitHub does (tables,
	// strikethrough, task lists, footnotes, raw HTML kept) into OUT, so a
	// case can grep for the links, images and emphasis it must not find.
	hostileCommands["gfm-html"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf("usage: gfm-html IN OUT")
		}
		md, err := os.ReadFile(ts.MkAbs(args[0]))
		ts.Check(err)
		gfm := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList, extension.Footnote),
			goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
		var out bytes.Buffer
		ts.Check(gfm.Convert(md, &out))
		ts.Check(os.WriteFile(ts.MkAbs(args[1]), out.Bytes(), 0o644))
	}
	// size-at-most FILE BYTES: FILE holds no more than BYTES bytes.
	hostileCommands["size-at-most"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf("usage: size-at-most FILE BYTES")
		}
		fi, err := os.Stat(ts.MkAbs(args[0]))
		ts.Check(err)
		limit, err := strconv.ParseInt(args[1], 10, 64)
		ts.Check(err)
		if (fi.Size() <= limit) == neg {
			ts.Fatalf("%s is %d bytes (limit %d)", args[0], fi.Size(), limit)
		}
	}
	// renderer: build the real infralint-diagram into $WORK/bin and put it
	// first in PATH, where `infralint diagram` finds it (a case that uses
	// it starts with [short] skip).
	hostileCommands["renderer"] = func(ts *testscript.TestScript, neg bool, args []string) {
		goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
		if _, err := os.Stat(goBin); err != nil {
			if goBin, err = exec.LookPath("go"); err != nil {
				ts.Fatalf("no go command to build infralint-diagram with")
			}
		}
		bin := ts.MkAbs("bin")
		// The test process runs from the repository root (see TestMain).
		out, err := exec.Command(goBin, "build", "-o", bin+string(filepath.Separator), "./cmd/infralint-diagram").CombinedOutput()
		if err != nil {
			ts.Fatalf("go build: %v\n%s", err, out)
		}
		ts.Setenv("PATH", bin+string(filepath.ListSeparator)+ts.Getenv("PATH"))
	}
}
