package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBadInputCorpus: every file under testdata/bad is rejected with exit 2
// and exactly the positioned message in its .want file; nothing reaches
// stdout and no Go stack trace is printed.
func TestBadInputCorpus(t *testing.T) {
	files, _ := filepath.Glob("testdata/bad/*.cue")
	if len(files) < 15 {
		t.Fatalf("bad-input corpus has %d files", len(files))
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".cue")
		t.Run(name, func(t *testing.T) {
			out, errOut, code := runCLI(t, "check", f)
			assertRejected(t, out, errOut, code)
			wantFile := strings.TrimSuffix(f, ".cue") + ".want"
			if *update {
				os.WriteFile(wantFile, []byte(errOut), 0o644)
				return
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("%v (go test ./cmd/infralint -update writes it)", err)
			}
			if errOut != string(want) {
				t.Errorf("stderr:\n%s\nwant:\n%s", errOut, want)
			}
		})
	}
}

// TestBadInputGenerated covers inputs too large or too odd to commit.
func TestBadInputGenerated(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	huge := write("huge.cue", []byte("name: \""+strings.Repeat("x", 10<<20)+"\"\n"))
	deep := write("deep.cue", []byte("name: "+strings.Repeat("{a: ", 5000)+"1"+strings.Repeat("}", 5000)+"\n"))
	dangling := filepath.Join(dir, "dangling.cue")
	os.Symlink(filepath.Join(dir, "nowhere.cue"), dangling)
	emptyDir := filepath.Join(dir, "emptydir")
	os.Mkdir(emptyDir, 0o755)
	cases := map[string]string{
		huge:     "a stack file may be at most",
		deep:     "name: conflicting values",
		dangling: "no such file or directory",
		emptyDir: "directory has no .cue stack files",
	}
	if os.Geteuid() != 0 { // root reads any file, so this case needs a user
		cases[write("unreadable.cue", []byte("name: 1"))] = "permission denied"
		os.Chmod(filepath.Join(dir, "unreadable.cue"), 0)
	}
	for path, want := range cases {
		t.Run(filepath.Base(path), func(t *testing.T) {
			out, errOut, code := runCLI(t, "check", path)
			assertRejected(t, out, errOut, code)
			if !strings.Contains(errOut, want) || strings.Count(errOut, "\n") != 1 {
				t.Errorf("stderr %q: want one line containing %q", errOut, want)
			}
		})
	}
}

func assertRejected(t *testing.T, out, errOut string, code int) {
	t.Helper()
	if code != exitBadInput {
		t.Errorf("exit %d, want 2", code)
	}
	if out != "" {
		t.Errorf("stdout should be empty for bad input, got %q", out)
	}
	if errOut == "" || strings.Contains(errOut, "goroutine ") || strings.Contains(errOut, "panic") {
		t.Errorf("stderr %q: want a clear message and no stack trace", errOut)
	}
	if len(errOut) > 2000 {
		t.Errorf("stderr is %d bytes long", len(errOut))
	}
}
