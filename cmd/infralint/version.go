package main

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/render"
)

// version is set at link time (-ldflags "-X main.version=v1.2.3"); else
// the module version go install recorded, else the VCS stamp of a build in
// a checkout, else "devel" (go run and go test stamp nothing).
var version = ""

// buildInfo is what a bug report needs to name the binary: which code,
// which Go, which prices.
type buildInfo struct {
	SchemaVersion int          `json:"schema_version"`
	Version       string       `json:"version"`
	Revision      string       `json:"revision,omitempty"`
	Time          string       `json:"time,omitempty"`
	Modified      bool         `json:"modified"`
	Go            string       `json:"go"`
	Snapshot      []priceStamp `json:"snapshot"`
}

type priceStamp struct {
	Source string `json:"source"`
	Date   string `json:"date"`
	// Set when Date is not the data's own date (when figures were read).
	DateNote string `json:"date_note,omitempty"`
}

func readBuildInfo() buildInfo {
	b := buildInfo{SchemaVersion: render.JSONSchemaVersion, Version: version, Go: runtime.Version()}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				b.Revision = s.Value
			case "vcs.time":
				b.Time = s.Value
			case "vcs.modified":
				b.Modified = s.Value == "true"
			}
		}
		if b.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			b.Version = bi.Main.Version
		}
	}
	if b.Version == "" {
		b.Version = "devel"
	}
	for _, s := range catalog.Default().Sources() {
		b.Snapshot = append(b.Snapshot, priceStamp{Source: s.ID, Date: s.Date, DateNote: s.DateNote})
	}
	return b
}

// toolVersion is the short form SARIF names the driver with.
func toolVersion() string {
	b := readBuildInfo()
	if b.Version == "devel" && b.Revision != "" {
		return "devel+" + shortRev(b.Revision)
	}
	return b.Version
}

func shortRev(r string) string {
	if len(r) > 12 {
		return r[:12]
	}
	return r
}

func (b buildInfo) writeText(w io.Writer) error {
	var sb strings.Builder
	fmt.Fprintf(&sb, "infralint %s\n", b.Version)
	if b.Revision != "" {
		fmt.Fprintf(&sb, "revision  %s", b.Revision)
		if b.Modified {
			sb.WriteString(" (modified)")
		}
		sb.WriteString("\n")
	} else {
		sb.WriteString("revision  unknown (not built with go build in a git checkout)\n")
	}
	if b.Time != "" {
		fmt.Fprintf(&sb, "committed %s\n", b.Time)
	}
	fmt.Fprintf(&sb, "go        %s\n", b.Go)
	// One source a line, so that the block reads at 80 columns.
	for i, p := range b.Snapshot {
		label := "snapshot "
		if i > 0 {
			label = "         "
		}
		d := p.Date
		if d == "" {
			d = "undated   "
		}
		read := ""
		if p.DateNote != "" {
			read = " (date read)"
		}
		fmt.Fprintf(&sb, "%s %s %s%s\n", label, d, p.Source, read)
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

func newVersionCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit, Go version and price snapshot dates",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			b := readBuildInfo()
			switch format {
			case "text":
				return b.writeText(cmd.OutOrStdout())
			case "json":
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(b)
			}
			return badInput("--format: unknown format %q; use text or json", format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return cmd
}
