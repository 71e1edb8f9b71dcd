package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
)

// rendererName is the companion binary that links Graphviz.
const rendererName = "infralint-diagram"

// rendererFix installs the renderer from a clone of infralint, where
// findRenderer looks (GOBIN, else GOPATH/bin): the README's install line
// does the same for both binaries.
const rendererFix = "go install ./cmd/" + rendererName

// findRenderer returns the path of infralint-diagram: beside this
// executable (the two built or installed together), in the directory go
// install puts binaries in (so that `go run ./cmd/infralint` in a clone
// finds the one `go install` built), then in PATH.
func findRenderer() (string, error) {
	exe, _ := os.Executable()
	for _, dir := range rendererDirs(exe, os.Getenv) {
		p := filepath.Join(dir, rendererFile())
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	if p, err := exec.LookPath(rendererName); err == nil {
		return p, nil
	}
	return "", badInput("SVG and PNG need a renderer: %s (DOT needs nothing: -o FILE.dot)", rendererNotFound())
}

// rendererNotFound says where the renderer was looked for and the one
// line that installs it.
func rendererNotFound() string {
	return fmt.Sprintf("the %s renderer was not found beside infralint, in go install's directory %s, or on PATH; in a clone of infralint, install it with: %s",
		rendererName, goInstallDir(os.Getenv), rendererFix)
}

func rendererFile() string {
	if runtime.GOOS == "windows" {
		return rendererName + ".exe"
	}
	return rendererName
}

// rendererDirs are the directories searched before PATH, in order: the
// executable's own (as invoked, then with its links resolved), then go
// install's.
func rendererDirs(exe string, getenv func(string) string) []string {
	var dirs []string
	add := func(d string) {
		for _, seen := range dirs {
			if seen == d {
				return
			}
		}
		dirs = append(dirs, d)
	}
	if exe != "" {
		add(filepath.Dir(exe))
		if resolved, err := filepath.EvalSymlinks(exe); err == nil {
			add(filepath.Dir(resolved))
		}
	}
	if d := goInstallDir(getenv); d != "" {
		add(d)
	}
	return dirs
}

// goInstallDir is where `go install` puts binaries: GOBIN, else the bin
// directory of GOPATH's first entry, else of its default ~/go. (A GOBIN
// set with `go env -w` only, not in the environment, is not seen: the
// PATH is searched next.)
func goInstallDir(getenv func(string) string) string {
	if d := getenv("GOBIN"); d != "" {
		return d
	}
	if gp := filepath.SplitList(getenv("GOPATH")); len(gp) > 0 && gp[0] != "" {
		return filepath.Join(gp[0], "bin")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, "go", "bin")
	}
	return ""
}
