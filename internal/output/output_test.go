//go:build unix

package output

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func write(t *testing.T, path, data string, mode fs.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // past the umask
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func add(t *testing.T, p *Plan, path string) *Target {
	t.Helper()
	tg, err := p.Add("-o "+path, path)
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// onlyFiles fails when dir holds anything but names: no temporary file is
// ever left behind.
func onlyFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, " ") != strings.Join(names, " ") {
		t.Errorf("%s holds %v, want %v", dir, got, names)
	}
}

func TestSaveReplacesKeepingTheMode(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "base.json")
	write(t, f, "old", 0o600)
	if err := add(t, NewPlan(io.Discard, io.Discard), f).Save([]byte("new")); err != nil {
		t.Fatal(err)
	}
	if got := read(t, f); got != "new" {
		t.Errorf("file holds %q", got)
	}
	info, _ := os.Stat(f)
	if info.Mode() != 0o600 {
		t.Errorf("mode %v, want -rw-------", info.Mode())
	}
	onlyFiles(t, dir, "base.json")
}

func TestSaveNewFileHonoursTheUmask(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	f := filepath.Join(t.TempDir(), "new.html")
	if err := add(t, NewPlan(io.Discard, io.Discard), f).Save([]byte("x")); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(f); info.Mode() != 0o640 {
		t.Errorf("mode %v, want -rw-r----- (0666 less the umask 027)", info.Mode())
	}
}

// A write that fails half way leaves the old file whole: check -o and
// --write-baseline used to truncate first (a 168 KB baseline became
// 4,096 bytes of invalid JSON).
func TestFailedWriteLeavesTheOldFile(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "base.json")
	write(t, f, `{"version": 1}`, 0o644)
	err := add(t, NewPlan(io.Discard, io.Discard), f).SaveFunc(func(w io.Writer) error {
		w.Write(bytes.Repeat([]byte("x"), 100<<10)) // past the buffer: on disk
		return errors.New("disk full")
	})
	if err == nil || err.Error() != "-o "+f+": disk full" {
		t.Errorf("error %v", err)
	}
	if got := read(t, f); got != `{"version": 1}` {
		t.Errorf("file holds %d bytes: %.20q...", len(got), got)
	}
	onlyFiles(t, dir, "base.json")
}

func TestSymlinkIsFollowedAndKept(t *testing.T) {
	dir := t.TempDir()
	real, link := filepath.Join(dir, "real.svg"), filepath.Join(dir, "link.svg")
	write(t, real, "old", 0o600)
	if err := os.Symlink("real.svg", link); err != nil {
		t.Fatal(err)
	}
	if err := add(t, NewPlan(io.Discard, io.Discard), link).Save([]byte("new")); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", info.Mode(), err)
	}
	if got := read(t, real); got != "new" {
		t.Errorf("the link's target holds %q", got)
	}
	if info, _ := os.Stat(real); info.Mode() != 0o600 {
		t.Errorf("the target's mode became %v", info.Mode())
	}

	// A link to a file not there yet makes that file.
	dangling := filepath.Join(dir, "dangling.svg")
	if err := os.Symlink("sub/made.svg", dangling); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	if err := add(t, NewPlan(io.Discard, io.Discard), dangling).Save([]byte("made")); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dir, "sub", "made.svg")); got != "made" {
		t.Errorf("made.svg holds %q", got)
	}
	if info, _ := os.Lstat(dangling); info.Mode()&fs.ModeSymlink == 0 {
		t.Error("the dangling link was replaced")
	}
}

// mknod makes a device node like /dev/null or /dev/full in dir, so that a
// regression replaces a copy, never the machine's own (the tests may run
// as root, who may rename over /dev/null).
func mknod(t *testing.T, dir, name string, minor int) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := syscall.Mknod(p, syscall.S_IFCHR|0o666, 1<<8|minor); err != nil {
		t.Skipf("cannot make a device node (needs root): %v", err)
	}
	return p
}

func TestDeviceIsWrittenInPlace(t *testing.T) {
	dir := t.TempDir()
	null, full := mknod(t, dir, "null", 3), mknod(t, dir, "full", 7)
	p := NewPlan(io.Discard, io.Discard)
	if err := add(t, p, null).Save([]byte("gone")); err != nil {
		t.Fatal(err)
	}
	err := add(t, p, full).Save([]byte("x"))
	if err == nil || err.Error() != "-o "+full+": no space left on device" {
		t.Errorf("writing a full device: %v", err)
	}
	for _, d := range []string{null, full} {
		if info, _ := os.Lstat(d); info.Mode()&fs.ModeCharDevice == 0 {
			t.Errorf("%s was replaced by a %v", d, info.Mode())
		}
	}
	onlyFiles(t, dir, "full", "null")
}

func TestNamedPipe(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "out.dot")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	defer func(w time.Duration) { pipeWait = w }(pipeWait)
	pipeWait = 200 * time.Millisecond

	start := time.Now()
	err := add(t, NewPlan(io.Discard, io.Discard), fifo).Save([]byte("x"))
	if err == nil || !strings.Contains(err.Error(), "a named pipe no one reads") {
		t.Errorf("no reader: %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("waited %v for a reader", d)
	}

	// A reader that opens the pipe a moment later gets it all.
	got := make(chan string)
	go func() {
		time.Sleep(50 * time.Millisecond)
		b, _ := os.ReadFile(fifo)
		got <- string(b)
	}()
	data := strings.Repeat("digraph {}\n", 20000) // more than a pipe holds
	if err := add(t, NewPlan(io.Discard, io.Discard), fifo).Save([]byte(data)); err != nil {
		t.Fatal(err)
	}
	if g := <-got; g != data {
		t.Errorf("the reader got %d bytes of %d", len(g), len(data))
	}
	if info, _ := os.Lstat(fifo); info.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the pipe was replaced by a %v", info.Mode())
	}
}

func TestTwoOutputsInOneFileAreRefused(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.Mkdir("sub", 0o755)
	write(t, "there.json", "", 0o644)
	os.Symlink("there.json", "link.json")
	for _, pair := range [][2]string{
		{"a.json", "./a.json"},      // new, two spellings
		{"a.json", "sub/../a.json"}, // new, through a directory
		{"a.json", filepath.Join(dir, "a.json")},
		{"there.json", "./there.json"}, // existing
		{"there.json", "link.json"},    // through a link
	} {
		p := NewPlan(io.Discard, io.Discard)
		add(t, p, pair[0])
		_, err := p.Add("-o "+pair[1], pair[1])
		want := "-o " + pair[1] + ": the same file as -o " + pair[0] + "; give each output its own file"
		if err == nil || err.Error() != want {
			t.Errorf("%s then %s: %v", pair[0], pair[1], err)
		}
	}
	p := NewPlan(io.Discard, io.Discard)
	add(t, p, "a.json")
	add(t, p, "sub/a.json")
	add(t, p, "there.json")
	// A character device may take several outputs: /dev/null twice is fine.
	add(t, p, os.DevNull)
	add(t, p, os.DevNull)
}

func TestOutputOverAnInputIsRefused(t *testing.T) {
	t.Chdir(t.TempDir())
	write(t, "stack.cue", "name: \"x\"", 0o644)
	os.Symlink("stack.cue", "out.json")
	p := NewPlan(io.Discard, io.Discard)
	add(t, p, "new.json")
	add(t, p, "out.json")
	inputs := []Input{{Path: "other.cue", What: "a stack file"}, {Path: "./stack.cue", What: "a stack file"}}
	err := p.RefuseInputs(inputs)
	if err == nil || err.Error() != "-o out.json: refusing to write over ./stack.cue, a stack file this run reads" {
		t.Errorf("got %v", err)
	}
	if read(t, "stack.cue") != "name: \"x\"" {
		t.Error("the stack changed")
	}
	stdin, err := os.Open("stack.cue")
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	saved := os.Stdin
	os.Stdin = stdin
	defer func() { os.Stdin = saved }()
	err = p.RefuseInputs([]Input{{Path: "-", What: "a stack file"}})
	if err == nil || err.Error() != "-o out.json: refusing to write over the file on standard input, a stack file this run reads" {
		t.Errorf("stdin: got %v", err)
	}
	if err := NewPlan(io.Discard, io.Discard).RefuseInputs(inputs); err != nil {
		t.Errorf("no outputs: %v", err)
	}
}

func TestResolveRefusals(t *testing.T) {
	t.Chdir(t.TempDir())
	os.Mkdir("dir", 0o755)
	write(t, "file", "", 0o644)
	write(t, "kept.json", "", 0o444)
	for path, want := range map[string]string{
		"kept.json":     "-o kept.json: is read-only (mode 0444); make it writable or choose another file",
		"dir":           "-o dir: is a directory",
		"dir/":          "-o dir/: is a directory",
		"new/":          "-o new/: not a file name",
		"no/such/a.svg": "-o no/such/a.svg: no such file or directory (the directory no/such does not exist)",
		"file/a.svg":    "-o file/a.svg: not a directory",
	} {
		_, err := NewPlan(io.Discard, io.Discard).Add("-o "+path, path)
		if err == nil || err.Error() != want {
			t.Errorf("%s: got %v, want %s", path, err, want)
		}
	}
}

// The run's standard output, named as a file (-o /dev/stdout), is written
// through the run's own writer, in order with the rest, never replaced.
func TestStandardOutputByName(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "stdout"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	saved := os.Stdout
	os.Stdout = f
	defer func() { os.Stdout = saved }()
	var out bytes.Buffer
	if err := add(t, NewPlan(&out, io.Discard), f.Name()).Save([]byte("report")); err != nil {
		t.Fatal(err)
	}
	if out.String() != "report" {
		t.Errorf("the run's stdout got %q", out.String())
	}
}

func TestUnwritableDirectoryNamesTheTarget(t *testing.T) {
	dir := t.TempDir()
	ro := filepath.Join(dir, "ro")
	os.Mkdir(ro, 0o555)
	target := filepath.Join(ro, "r.html")
	if os.Geteuid() == 0 {
		target = "/sys/r.html" // root may write anywhere but there
		if _, err := os.Stat("/sys"); err != nil {
			t.Skip("root, and no /sys")
		}
	}
	err := add(t, NewPlan(io.Discard, io.Discard), target).Save([]byte("x"))
	want := "-o " + target + ": cannot create a file in " + filepath.Dir(target) + ": permission denied"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}
