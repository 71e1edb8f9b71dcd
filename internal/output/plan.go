// Package output writes infralint's output files (reports, diagrams,
// baselines, the starter stack) so that they never destroy data: a
// regular file is replaced atomically, keeping its mode; a device or a
// named pipe is written in place and never replaced; a symbolic link is
// followed and kept; and an output that is an input of the run, or
// another output of it, is refused before anything is written.
package output

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Target is one output of a run, resolved when it is added to the Plan.
type Target struct {
	// Label names the output in messages, as the user wrote it:
	// "-o report.html", "--write-baseline base.json".
	Label string
	// path is the file written: symbolic links followed (a new file: its
	// directory resolved).
	path string
	// info is what is at path; nil when the file is new.
	info fs.FileInfo
	// stream is the run's standard output or error when path is the same
	// file (-o /dev/stdout): written there, in order with the rest.
	stream io.Writer
}

// Input is a file the run reads, for refusing an output over it.
type Input struct {
	Path string // as the run names it; "-" is standard input
	What string // "a stack file", "the --prices file", ...
}

// Plan holds the outputs of one run.
type Plan struct {
	targets []*Target
	streams []stream
}

type stream struct {
	info fs.FileInfo
	w    io.Writer
}

// NewPlan starts the outputs of a run whose standard output and error are
// written through stdout and stderr.
func NewPlan(stdout, stderr io.Writer) *Plan {
	p := &Plan{}
	for _, s := range []struct {
		f *os.File
		w io.Writer
	}{{os.Stdout, stdout}, {os.Stderr, stderr}} {
		if info, err := s.f.Stat(); err == nil {
			p.streams = append(p.streams, stream{info: info, w: s.w})
		}
	}
	return p
}

// Add resolves the output at path, named label in messages, and refuses it
// when it is a directory, cannot be resolved, or is the same file as an
// output added before (compared as files, not as spellings). Two outputs
// may share a character device (/dev/null, a terminal).
func (p *Plan) Add(label, path string) (*Target, error) {
	real, info, err := resolve(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %s", label, err)
	}
	t := &Target{Label: label, path: real, info: info}
	for _, o := range p.targets {
		if sameFile(o, t) && (info == nil || info.Mode()&fs.ModeCharDevice == 0) {
			return nil, fmt.Errorf("%s: the same file as %s; give each output its own file", label, o.Label)
		}
	}
	if info != nil {
		for _, s := range p.streams {
			if os.SameFile(s.info, info) {
				t.stream = s.w
			}
		}
	}
	p.targets = append(p.targets, t)
	return t, nil
}

// RefuseInputs refuses the run when an output is one of its inputs. Only
// regular files count: inputs are never anything else, and a device such
// as /dev/null may well be both standard input and an output.
func (p *Plan) RefuseInputs(inputs []Input) error {
	for _, in := range inputs {
		var info fs.FileInfo
		var err error
		if in.Path == "-" {
			info, err = os.Stdin.Stat()
		} else {
			info, err = os.Stat(in.Path)
		}
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		name := in.Path
		if name == "-" {
			name = "the file on standard input"
		}
		for _, t := range p.targets {
			if t.info != nil && os.SameFile(t.info, info) {
				return fmt.Errorf("%s: refusing to write over %s, %s this run reads", t.Label, name, in.What)
			}
		}
	}
	return nil
}

func sameFile(a, b *Target) bool {
	if a.info != nil && b.info != nil {
		return os.SameFile(a.info, b.info)
	}
	return a.info == nil && b.info == nil && a.path == b.path
}

// maxLinks bounds a chain of symbolic links, as the kernel does.
const maxLinks = 40

// resolve returns the file an output at path writes and what is there now
// (nil for a new file). The kernel follows the links of an existing file
// (it alone knows where /dev/stdout leads); a link to a file not yet
// there is followed here, so that the new file is made where it points.
func resolve(path string) (string, fs.FileInfo, error) {
	info, err := os.Stat(path)
	switch {
	case err == nil && info.IsDir():
		return "", nil, errors.New("is a directory")
	case err == nil && !info.Mode().IsRegular():
		return path, info, nil // written in place
	case err == nil && info.Mode().Perm()&0o222 == 0:
		// Whoever made it read-only meant it to stay as it is; renaming
		// over it would succeed all the same.
		return "", nil, fmt.Errorf("is read-only (mode %04o); make it writable or choose another file", uint32(info.Mode().Perm()))
	case err == nil:
		real, err := filepath.EvalSymlinks(path)
		if err != nil {
			return "", nil, errors.New(describe(err))
		}
		if ri, err := os.Stat(real); err != nil || !os.SameFile(ri, info) {
			return "", nil, errors.New("cannot tell which file it names")
		}
		return real, info, nil
	case !errors.Is(err, fs.ErrNotExist):
		return "", nil, errors.New(describe(err))
	}
	if path == "" || os.IsPathSeparator(path[len(path)-1]) {
		return "", nil, errors.New("not a file name")
	}
	p, err := followDangling(path)
	if err != nil {
		return "", nil, err
	}
	dir := filepath.Dir(p)
	realDir, err := filepath.EvalSymlinks(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil, fmt.Errorf("no such file or directory (the directory %s does not exist)", dir)
	}
	if err != nil {
		return "", nil, errors.New(describe(err))
	}
	if di, err := os.Stat(realDir); err != nil || !di.IsDir() {
		return "", nil, fmt.Errorf("%s is not a directory", dir)
	}
	// Absolute, so that two spellings of one new file compare equal.
	if realDir, err = filepath.Abs(realDir); err != nil {
		return "", nil, errors.New(describe(err))
	}
	return filepath.Join(realDir, filepath.Base(p)), nil, nil
}

// followDangling follows the symbolic links at path to the name of a file
// that does not exist yet.
func followDangling(path string) (string, error) {
	p := path
	for range maxLinks {
		info, err := os.Lstat(p)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			return p, nil
		}
		to, err := os.Readlink(p)
		if err != nil {
			return "", errors.New(describe(err))
		}
		if !filepath.IsAbs(to) {
			to = filepath.Join(filepath.Dir(p), to)
		}
		p = to
	}
	return "", errors.New("too many levels of symbolic links")
}

// describe drops the file name an *fs.PathError or *os.LinkError repeats:
// messages name the output as the user wrote it, never a temporary file.
func describe(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}

// display is a directory as messages show it: relative to the working
// directory when below it.
func display(dir string) string {
	wd, err := os.Getwd()
	if err != nil {
		return dir
	}
	if rel, err := filepath.Rel(wd, dir); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return dir
}
