package terraform

import (
	"path/filepath"
	"testing"
)

// TestReadDirGolden reads each directory under testdata/hcl (but errors/)
// and compares the Module's dump with its golden, module.golden beside it.
func TestReadDirGolden(t *testing.T) {
	for _, name := range []string{"flat", "modules", "files"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("testdata", "hcl", name)
			m, err := ReadDir(dir, ReadOptions{})
			if err != nil {
				t.Fatalf("ReadDir: %v", err)
			}
			golden(t, filepath.Join(dir, "module.golden"), dump(m, dir))
		})
	}
}
