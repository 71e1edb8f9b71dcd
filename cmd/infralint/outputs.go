package main

import (
	"io"
	"os"
	"slices"
	"strings"

	"github.com/infralint/infralint/render"
	"github.com/infralint/infralint/rules"
)

// reportFormats are the formats of check's --format and --output.
var reportFormats = []string{"text", "json", "sarif", "markdown"}

// output is one --output FORMAT=FILE.
type output struct {
	format string
	file   string
}

func checkFormat(flag, f string) error {
	if !slices.Contains(reportFormats, f) {
		return badInput("%s: unknown format %q; use %s", flag, f, strings.Join(reportFormats, ", "))
	}
	return nil
}

// parseOutputs reads the --output flags: FORMAT=FILE each, e.g.
// sarif=results.sarif. Two outputs may not share a file.
func parseOutputs(specs []string) ([]output, error) {
	var outs []output
	seen := map[string]bool{}
	for _, s := range specs {
		format, file, ok := strings.Cut(s, "=")
		format, file = strings.ToLower(strings.TrimSpace(format)), strings.TrimSpace(file)
		if !ok || file == "" {
			return nil, badInput("--output %q: want FORMAT=FILE, e.g. sarif=results.sarif", s)
		}
		if err := checkFormat("--output "+s, format); err != nil {
			return nil, err
		}
		if seen[file] {
			return nil, badInput("--output: %s is given twice", file)
		}
		seen[file] = true
		outs = append(outs, output{format: format, file: file})
	}
	return outs, nil
}

// writeReport renders the report in one format.
func writeReport(w io.Writer, format string, r render.Report, dir string) error {
	switch format {
	case "json":
		return render.FindingsJSON(w, r, dir)
	case "sarif":
		return render.FindingsSARIF(w, r, rules.Registry(), toolVersion(), dir)
	case "markdown":
		return render.FindingsMarkdown(w, r, dir)
	}
	return render.FindingsText(w, r, dir)
}

// writeOutputs writes each --output file; a file that cannot be written is
// reported and makes the run exit 2.
func writeOutputs(outs []output, r render.Report, dir string) error {
	for _, o := range outs {
		f, err := os.Create(o.file)
		if err != nil {
			return badInput("--output %s: %v", o.file, fileError(err))
		}
		werr := writeReport(f, o.format, r, dir)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return badInput("--output %s: %v", o.file, fileError(werr))
		}
	}
	return nil
}
