package terraform

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/infralint/infralint/schema"
)

// TestReadDirErrors reads each configuration of testdata/hcl/errors (a
// txtar: its files, and the expected message in "want") and checks that
// the read fails with exactly that one positioned message.
func TestReadDirErrors(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "hcl", "errors", "*.txtar"))
	if len(paths) == 0 {
		t.Fatal("no cases")
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			wantAt := -1
			for i, f := range ar.Files {
				if f.Name == "want" {
					wantAt = i
					continue
				}
				p := filepath.Join(dir, f.Name)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if wantAt < 0 {
				t.Fatal("no want section")
			}
			m, err := ReadDir(dir, ReadOptions{})
			var es schema.Errors
			if !errors.As(err, &es) {
				t.Fatalf("ReadDir = %v, %v; want schema.Errors", m, err)
			}
			if len(es) != 1 {
				t.Errorf("%d errors, want one:\n%v", len(es), es)
			}
			got := strings.ReplaceAll(es.Error(), dir+string(filepath.Separator), "") + "\n"
			got = strings.ReplaceAll(got, dir, ".")
			if *update {
				ar.Files[wantAt].Data = []byte(got)
				if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := string(ar.Files[wantAt].Data); got != want {
				t.Errorf("got  %s want %s", got, want)
			}
		})
	}
}
