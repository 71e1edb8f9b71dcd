package main

import (
	"bytes"
	"encoding/xml"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestDiagramExamplesGolden(t *testing.T) {
	for _, ex := range examples(t) {
		t.Run(ex, func(t *testing.T) {
			out, errOut, code := runCLI(t, "diagram", "examples/"+ex+"/stack.cue")
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d, stderr: %s", code, errOut)
			}
			checkGolden(t, "diagram-"+ex+".dot", out)
			// Same stack, same bytes.
			again, _, _ := runCLI(t, "diagram", "examples/"+ex+"/stack.cue")
			if again != out {
				t.Error("two runs gave different DOT")
			}
		})
	}
}

func TestDiagramDOTFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "s.dot")
	_, errOut, code := runCLI(t, "diagram", "examples/web-asg-rds/stack.cue", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(b, []byte(`digraph "web-asg-rds" {`)) {
		t.Fatalf("bad DOT file (%v): %.80s", err, b)
	}
	// --findings and --annotate draw without the renderer too.
	dot, errOut, code := runCLI(t, "diagram", "--findings", "--annotate", "examples/legacy-monolith/stack.cue")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"ARCH001", "/month", "at peak", "findings:&#160;"} {
		if !strings.Contains(dot, want) {
			t.Errorf("--findings --annotate DOT lacks %q", want)
		}
	}
}

func TestDiagramBadUsage(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-o", filepath.Join(dir, "x.pdf")}, "cannot tell the format from the extension"},
		{[]string{"--format", "gif", "-o", filepath.Join(dir, "x.gif")}, `unknown format "gif"`},
		{[]string{"--format", "png", "-o", filepath.Join(dir, "x.svg")}, "does not match"},
		{[]string{"--format", "jpeg"}, `unknown format "jpeg"`},
		{[]string{"--scale", "0", "-o", filepath.Join(dir, "x.png")}, "--scale 0: want a number from 0.5 to 4"},
		{[]string{"--scale", "NaN", "-o", filepath.Join(dir, "x.png")}, "--scale NaN"},
		{[]string{"--scale", "many", "-o", filepath.Join(dir, "x.png")}, `invalid argument "many"`},
		{[]string{"--scale", "1", "-o", filepath.Join(dir, "x.svg")}, "PNG only"},
	} {
		_, errOut, code := runCLI(t, append([]string{"diagram", "examples/web-asg-rds/stack.cue"}, tc.args...)...)
		if code != exitBadInput || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("files written despite bad usage: %v", ents)
	}
	_, errOut, code := runCLI(t, "diagram", "examples/nope/stack.cue")
	if code != exitBadInput || errOut == "" {
		t.Errorf("missing stack: exit %d, stderr %q", code, errOut)
	}
}

func TestDiagramRendererMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("GOBIN", t.TempDir()) // go install's directory, searched too
	out := filepath.Join(t.TempDir(), "x.svg")
	_, errOut, code := runCLI(t, "diagram", "examples/web-asg-rds/stack.cue", "-o", out)
	if code != exitBadInput {
		t.Errorf("exit %d, want 2", code)
	}
	// The fix works from a clone (TestInstallFromClone runs it).
	for _, want := range []string{"install it with: go install ./cmd/infralint-diagram", "DOT needs nothing"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q: %s", want, errOut)
		}
	}
	if strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
		t.Errorf("want one line, got:\n%s", errOut)
	}
	if fileExists(out) {
		t.Error("output written without a renderer")
	}
}

// TestMainBinaryHasNoGraphviz: check, cost and capacity must not pay
// go-graphviz's WebAssembly compilation at start-up, so the main binary
// must not link it (only cmd/infralint-diagram does).
func TestMainBinaryHasNoGraphviz(t *testing.T) {
	goBin := goTool(t)
	out, err := exec.Command(goBin, "list", "-deps", "./cmd/infralint").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, bad := range []string{"github.com/goccy/go-graphviz", "github.com/tetratelabs/wazero", "github.com/infralint/infralint/render/graphviz"} {
		if bytes.Contains(out, []byte(bad+"\n")) {
			t.Errorf("cmd/infralint depends on %s", bad)
		}
	}
	out, err = exec.Command(goBin, "list", "-deps", "./cmd/infralint-diagram").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	if !bytes.Contains(out, []byte("github.com/goccy/go-graphviz\n")) {
		t.Error("cmd/infralint-diagram does not link go-graphviz (the test above would then prove nothing)")
	}
}

// TestGoInstallAllSkipsRenderer: pre-commit installs the Go hook with
// `go install ./...` at the repository root; go.mod's ignore directive keeps
// the renderer and go-graphviz out of that build.
func TestGoInstallAllSkipsRenderer(t *testing.T) {
	out, err := exec.Command(goTool(t), "list", "-deps", "./...").CombinedOutput() // TestMain runs at the root
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, bad := range []string{"github.com/infralint/infralint/cmd/infralint-diagram", "github.com/infralint/infralint/render/graphviz", "github.com/goccy/go-graphviz", "github.com/tetratelabs/wazero"} {
		if bytes.Contains(out, []byte(bad+"\n")) {
			t.Errorf("go install ./... would build %s", bad)
		}
	}
	if !bytes.Contains(out, []byte("github.com/infralint/infralint/cmd/infralint\n")) {
		t.Error("go install ./... would not build cmd/infralint (the test above would then prove nothing)")
	}
}

func goTool(t *testing.T) string {
	t.Helper()
	p := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(p); err == nil {
		return p
	}
	p, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	return p
}

// builtBinaries builds infralint and infralint-diagram into one directory,
// the way go install or go build -o bin/ lays them out.
func builtBinaries(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds binaries")
	}
	dir := t.TempDir()
	cmd := exec.Command(goTool(t), "build", "-o", dir+string(filepath.Separator), "./cmd/infralint", "./cmd/infralint-diagram")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return dir
}

// TestDiagramEndToEnd runs the built infralint, which finds the renderer
// next to itself (PATH holds no renderer).
func TestDiagramEndToEnd(t *testing.T) {
	bin := builtBinaries(t)
	t.Setenv("PATH", t.TempDir())
	dir := t.TempDir()
	svg, pngFile := filepath.Join(dir, "s.svg"), filepath.Join(dir, "s.png")
	for _, out := range []string{svg, pngFile} {
		c := exec.Command(filepath.Join(bin, "infralint"), "diagram", "--findings", "examples/web-asg-rds-cache/stack.cue", "-o", out)
		if b, err := c.CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", c.Args, err, b)
		}
	}
	b, err := os.ReadFile(svg)
	if err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	nodes := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG does not parse: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "g" {
			for _, a := range se.Attr {
				if a.Name.Local == "class" && a.Value == "node" {
					nodes++
				}
			}
		}
	}
	if nodes < 5 {
		t.Errorf("SVG has %d nodes", nodes)
	}
	f, err := os.Open(pngFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() < 300 || b.Dy() < 500 {
		t.Errorf("PNG only %dx%d", b.Dx(), b.Dy())
	}
	// The default scale is 2: twice the pixels of --scale 1 each way
	// (give or take the rounding of the padding).
	one := filepath.Join(dir, "one.png")
	if b, err := exec.Command(filepath.Join(bin, "infralint"), "diagram", "--findings", "--scale", "1", "examples/web-asg-rds-cache/stack.cue", "-o", one).CombinedOutput(); err != nil {
		t.Fatalf("--scale 1: %v\n%s", err, b)
	}
	if w1 := pngWidth(t, one); img.Bounds().Dx() < 2*w1-2 || img.Bounds().Dx() > 2*w1+2 {
		t.Errorf("default PNG is %d px wide, --scale 1 is %d: want twice", img.Bounds().Dx(), w1)
	}
	// Standard output when there is no -o.
	c := exec.Command(filepath.Join(bin, "infralint"), "diagram", "--format", "svg", "examples/single-server/stack.cue")
	out, err := c.Output()
	if err != nil || !bytes.Contains(out, []byte("<svg")) {
		t.Errorf("svg to stdout: %v %.100s", err, out)
	}
	t.Run("renderer failure", func(t *testing.T) { rendererFailure(t, bin) })
}

func pngWidth(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		t.Fatal(err)
	}
	return cfg.Width
}

// rendererFailure: a renderer error reaches the user as one message naming
// the renderer, with exit code 2.
func rendererFailure(t *testing.T, bin string) {
	_, err := renderDOT(t.Context(), filepath.Join(bin, rendererName), []byte("digraph { a -> "), "svg", 0)
	if err == nil {
		t.Fatal("no error for broken DOT")
	}
	ee, ok := err.(*exitError)
	if !ok || ee.code != exitBadInput || strings.Contains(ee.msg, "\n") || !strings.Contains(ee.msg, rendererName) || !strings.Contains(ee.msg, "DOT") {
		t.Errorf("error %#v", err)
	}
	// The renderer itself refuses stray arguments and unknown formats.
	for _, args := range [][]string{{"x.dot"}, {"--format", "gif"}} {
		c := exec.Command(filepath.Join(bin, rendererName), args...)
		c.Stdin = strings.NewReader("digraph { a }")
		err := c.Run()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
			t.Errorf("%v: %v, want exit 2", args, err)
		}
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
