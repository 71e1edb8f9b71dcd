package output

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// Save writes data to the target (see SaveFunc).
func (t *Target) Save(data []byte) error {
	return t.SaveFunc(func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// SaveFunc writes what write writes to the target. A regular file (or a
// new one) is written to a temporary file beside it, which is renamed over
// it only once complete: a failure leaves the old file as it was. A
// device or a named pipe is written in place. Errors name the target by
// its Label, never the temporary file.
func (t *Target) SaveFunc(write func(io.Writer) error) error {
	var err error
	switch {
	case t.stream != nil:
		err = write(t.stream)
	case t.info != nil && !t.info.Mode().IsRegular():
		err = t.inPlace(write)
	default:
		err = t.atomic(write)
	}
	if err != nil {
		return fmt.Errorf("%s: %s", t.Label, describe(err))
	}
	return nil
}

// pipeWait is how long a named pipe may go without a reader: opening it
// for writing would otherwise wait for one forever.
var pipeWait = 2 * time.Second

// inPlace writes a device or a named pipe without replacing it.
func (t *Target) inPlace(write func(io.Writer) error) error {
	var f *os.File
	var err error
	if t.info.Mode()&fs.ModeNamedPipe != 0 {
		f, err = openPipe(t.path)
	} else {
		f, err = os.OpenFile(t.path, os.O_WRONLY, 0)
	}
	if err != nil {
		return err
	}
	return writeAndClose(f, write)
}

// openPipe opens a named pipe for writing once a reader has it open,
// waiting at most pipeWait for one (a reader started beside infralint may
// open it a moment later).
func openPipe(path string) (*os.File, error) {
	deadline := time.Now().Add(pipeWait)
	for {
		f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0)
		if !errors.Is(err, syscall.ENXIO) {
			return f, err
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("a named pipe no one reads (waited %s)", pipeWait)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// atomic writes a temporary file beside the target and renames it over
// the target. The new file keeps the mode of the one it replaces; a new
// one gets 0666 less the umask, as any created file.
func (t *Target) atomic(write func(io.Writer) error) error {
	dir := filepath.Dir(t.path)
	tmp, f, err := createBeside(t.path)
	if err != nil {
		return fmt.Errorf("cannot create a file in %s: %s", display(dir), describe(err))
	}
	defer os.Remove(tmp) // a no-op once renamed
	if err := writeAndClose(f, write); err != nil {
		return err
	}
	// The file now at the path, not the one seen when the run started.
	if info, err := os.Stat(t.path); err == nil && info.Mode().IsRegular() {
		if err := os.Chmod(tmp, info.Mode().Perm()); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, t.path); err != nil {
		return fmt.Errorf("cannot replace %s: %s", display(t.path), describe(err))
	}
	return nil
}

// createBeside creates a new hidden file in the directory of path, named
// after it.
func createBeside(path string) (string, *os.File, error) {
	dir, base := filepath.Split(path)
	for {
		tmp := filepath.Join(dir, "."+base+"."+strconv.FormatUint(rand.Uint64(), 36)+".tmp")
		f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return tmp, f, err
	}
}

// writeAndClose runs write over a buffer on f, then flushes, syncs a
// regular file to disk (so that the rename never exposes an empty file
// after a crash) and closes f, returning the first error.
func writeAndClose(f *os.File, write func(io.Writer) error) error {
	b := bufio.NewWriterSize(f, 64<<10)
	err := write(b)
	if err == nil {
		err = b.Flush()
	}
	if err == nil {
		if info, serr := f.Stat(); serr == nil && info.Mode().IsRegular() {
			err = f.Sync()
		}
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
