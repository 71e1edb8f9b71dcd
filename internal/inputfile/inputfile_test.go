package inputfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.cue")
	os.WriteFile(small, []byte("name: \"x\"\n"), 0o644)
	big := filepath.Join(dir, "big.cue")
	os.WriteFile(big, []byte(strings.Repeat("x", 101)), 0o644)
	link := filepath.Join(dir, "link.cue")
	os.Symlink(small, link)
	fifo := filepath.Join(dir, "pipe.cue")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path, want string
	}{
		{small, ""},
		{link, ""},
		{big, "file is 101 bytes; at most 100 are allowed"},
		{fifo, "is a named pipe, not a regular file"},
		{dir, "is a directory, not a regular file"},
		{"/dev/zero", "is a character device, not a regular file"},
		{filepath.Join(dir, "missing.cue"), "no such file or directory"},
	} {
		t.Run(filepath.Base(tc.path), func(t *testing.T) {
			done := make(chan struct{})
			var data []byte
			var err error
			go func() { data, err = Read(tc.path, 100); close(done) }()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("Read blocked")
			}
			if tc.want == "" {
				if err != nil || string(data) != "name: \"x\"\n" {
					t.Fatalf("got %q, %v", data, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
}

// TestReadFromStopsAtLimit: an endless reader costs limit+1 bytes, not all
// of memory.
func TestReadFromStopsAtLimit(t *testing.T) {
	f, err := os.Open("/dev/zero")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	_, err = ReadFrom(f, 1<<20)
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Size != 1<<20+1 {
		t.Fatalf("got %v", err)
	}
}
