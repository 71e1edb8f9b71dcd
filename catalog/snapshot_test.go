package catalog

import (
	"bytes"
	"os"
	"testing"

	"github.com/infralint/infralint/catalog/internal/convert"
)

// TestSnapshotIsFresh regenerates snapshot.json from source/ in memory and
// fails when the committed file differs: run `go generate ./catalog`.
func TestSnapshotIsFresh(t *testing.T) {
	want, err := convert.Build(os.DirFS("source"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(snapshotJSON, want) {
		return
	}
	have, gen := bytes.Split(snapshotJSON, []byte("\n")), bytes.Split(want, []byte("\n"))
	i := 0
	for i < len(have) && i < len(gen) && bytes.Equal(have[i], gen[i]) {
		i++
	}
	line := func(lines [][]byte) string {
		if i < len(lines) {
			return string(lines[i])
		}
		return "(end of file)"
	}
	t.Fatalf("snapshot.json is stale: run `go generate ./catalog`\nfirst difference at line %d:\n  committed: %.200s\n  generated: %.200s",
		i+1, line(have), line(gen))
}

func TestParseSnapshotRejects(t *testing.T) {
	tests := map[string]string{
		"not json":       `{`,
		"wrong format":   `{"format": 2}`,
		"unknown source": `{"format": 1, "tables": [{"key": "ec2/*", "source": "x", "regions": {}}]}`,
		"no star":        `{"format": 1, "sources": {"x": {}}, "tables": [{"key": "ec2", "source": "x", "regions": {}}]}`,
		"duplicate": `{"format": 1, "sources": {"x": {}}, "tables": [
			{"key": "ec2/*", "source": "x", "regions": {"us-east-1": {"m5.large": 1}}},
			{"key": "ec2/*", "source": "x", "regions": {"us-east-1": {"m5.large": 2}}}]}`,
	}
	for name, data := range tests {
		if _, err := parseSnapshot([]byte(data)); err == nil {
			t.Errorf("%s: parsed", name)
		}
	}
}

// BenchmarkParseSnapshot measures what the first Default() call costs.
func BenchmarkParseSnapshot(b *testing.B) {
	for b.Loop() {
		if _, err := parseSnapshot(snapshotJSON); err != nil {
			b.Fatal(err)
		}
	}
}
