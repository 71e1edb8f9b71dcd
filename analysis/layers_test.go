package analysis

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/infralint/infralint/"

// forbidden lists, for each package of the pipeline, the packages it must
// not depend on, even indirectly: data flows one way, input → schema →
// capacity / pricing → rightsize → rules → render, and only the commands
// drive the pipeline (docs/pipeline.md).
var forbidden = map[string][]string{
	"schema":    {"capacity", "pricing", "rightsize", "rules", "render", "analysis"},
	"capacity":  {"pricing", "rightsize", "rules", "render", "analysis"},
	"pricing":   {"capacity", "rightsize", "rules", "render", "analysis"},
	"rightsize": {"rules", "render", "analysis"},
	"rules":     {"render", "analysis"},
	"render":    {"analysis"},
	"analysis":  {"render", "cmd"},
	// fit reads measurements, simulate is the model's second opinion:
	// neither may lean on the analytical model it is checked against.
	"fit":      {"capacity", "simulate", "pricing", "rightsize", "rules", "render", "analysis"},
	"simulate": {"capacity", "pricing", "rightsize", "rules", "render", "analysis"},
}

// TestLayers reads the import graph with `go list -deps` and fails on a
// dependency that climbs back up the pipeline.
func TestLayers(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to list packages with")
	}
	for pkg, bans := range forbidden {
		out, err := exec.Command(goTool, "list", "-deps", module+pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			rel, ok := strings.CutPrefix(dep, module)
			if !ok {
				continue
			}
			for _, ban := range bans {
				if rel == ban || strings.HasPrefix(rel, ban+"/") {
					t.Errorf("%s depends on %s", pkg, rel)
				}
			}
		}
	}
}
