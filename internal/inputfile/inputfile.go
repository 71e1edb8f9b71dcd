// Package inputfile reads the files a user hands to infralint (stacks,
// configs, price files, baselines) without trusting what they are: only a
// regular file is read, never a named pipe (which blocks the reader
// forever), a device (/dev/zero never ends) or a directory, and its size is
// checked before and while reading, so a huge file costs no memory.
package inputfile

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// NotRegularError says what is at a path that is not a regular file.
type NotRegularError struct{ Kind string }

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("is %s, not a regular file", e.Kind)
}

// TooLargeError is a file past the caller's limit. Size is at least Limit+1
// (the reading stops there when the size was not known beforehand).
type TooLargeError struct{ Size, Limit int64 }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("file is %d bytes; at most %d are allowed", e.Size, e.Limit)
}

// Read returns the contents of the regular file at path (symbolic links are
// followed), at most limit bytes. Errors are *NotRegularError,
// *TooLargeError, or the *fs.PathError of the failed open or read.
func Read(path string, limit int64) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := Check(info, limit); err != nil {
		return nil, err
	}
	// O_NONBLOCK: if a named pipe replaced the file since Stat, opening it
	// returns at once instead of waiting for a writer; Fstat then refuses it.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil {
		return nil, err
	}
	if err := Check(info, limit); err != nil {
		return nil, err
	}
	return ReadFrom(f, limit)
}

// ReadFrom reads r to its end, at most limit bytes (for standard input,
// whose size is not known beforehand).
func ReadFrom(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &TooLargeError{Size: int64(len(data)), Limit: limit}
	}
	return data, nil
}

// Check refuses what Read would refuse, from a file's metadata alone (for
// walkers that list a directory before reading it).
func Check(info fs.FileInfo, limit int64) error {
	if kind := describe(info.Mode()); kind != "" {
		return &NotRegularError{Kind: kind}
	}
	if info.Size() > limit {
		return &TooLargeError{Size: info.Size(), Limit: limit}
	}
	return nil
}

func describe(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	}
	return "a special file"
}
