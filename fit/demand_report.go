package fit

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"
)

// demandIntervalNote says how the intervals of the demand fit were
// computed, in both outputs.
const demandIntervalNote = "95 %%: estimate ± t(0.975, %d) × standard error of ordinary\nleast squares of cpu_utilisation on rps"

// Instance names what the vCPU count came from, for the headline.
type Instance struct {
	Type  string // "c5.xlarge", or "" when given as --vcpus
	VCPUs int
}

func (in Instance) String() string {
	if in.Type == "" {
		return fmt.Sprintf("%d vCPUs", in.VCPUs)
	}
	return fmt.Sprintf("%d vCPUs (%s)", in.VCPUs, in.Type)
}

// WriteText prints the fit for a reader: the CUE to paste first, then
// the estimates, the fit's quality, the latency fit and the warnings.
func (d *Demand) WriteText(w io.Writer, file string, in Instance) error {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range d.Samples {
		lo, hi = math.Min(lo, s.RPS), math.Max(hi, s.RPS)
	}
	fmt.Fprintln(w, wrap(fmt.Sprintf("Demand fit of %s: %d samples, %s to %s rps, on %s", file, len(d.Samples), sig(lo), sig(hi), in), 78, "  ")+"\n")
	fmt.Fprintf(w, "Paste into the compute component:\n  %s\n\n", d.Paste())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  \testimate\t95 % interval\t\t")
	row := func(name string, e Estimate, what string) {
		fmt.Fprintf(tw, "  %s\t%s\t[%s,\t%s]\t  %s\n", name, sig(e.Value), sig(e.Lo), sig(e.Hi), what)
	}
	row("cpu_ms", d.CPUms, "CPU ms per request")
	row("background", d.Background, "CPU busy share at 0 rps")
	tw.Flush()
	quality := "R² " + num(d.RSquared, "%.5f")
	if i, r := d.worst(); i >= 0 {
		quality += fmt.Sprintf(", largest residual %+.2f points of CPU %% at %s rps (%s)", 100*r, sig(d.Samples[i].RPS), d.Samples[i].At())
	}
	fmt.Fprintln(w, "\n  "+wrap(quality, 76, "  "))
	if d.Latency {
		var at, lines []string
		for _, i := range d.LatencyFrom {
			at = append(at, sig(d.Samples[i].RPS))
			lines = append(lines, d.Samples[i].At())
		}
		fmt.Fprintln(w, "  "+wrap(fmt.Sprintf("wait_ms and cv from p50 and p99 at %s rps (%s): a gamma fit gives the response there a mean of %s ms and cv %s; wait is that mean less cpu_ms.",
			strings.Join(at, " and "), strings.Join(lines, ", "), sig(d.HoldingMs), sig(d.HoldingCV)), 76, "  "))
	}
	fmt.Fprintf(w, "\nIntervals are "+demandIntervalNote+" (docs/fit.md).\n", len(d.Samples)-2)
	for _, m := range d.Warnings {
		fmt.Fprintln(w, wrap("warning: "+m, 78, "  "))
	}
	return nil
}

// worst is the sample whose residual, in utilisation, is largest.
func (d *Demand) worst() (int, float64) {
	at, worst := -1, 0.0
	for i, s := range d.Samples {
		r := s.Utilisation - d.Fitted[i]
		if at < 0 || math.Abs(r) > math.Abs(worst) {
			at, worst = i, r
		}
	}
	return at, worst
}

type sampleJSON struct {
	Line        int      `json:"line,omitempty"`
	File        string   `json:"file,omitempty"`
	RPS         float64  `json:"rps"`
	Utilisation float64  `json:"cpu_utilisation"`
	Fitted      float64  `json:"fitted_utilisation"`
	P50ms       *float64 `json:"p50_ms"`
	P99ms       *float64 `json:"p99_ms"`
}

type latencyJSON struct {
	From      []string `json:"from"`
	HoldingMs float64  `json:"response_mean_ms"`
	HoldingCV float64  `json:"response_cv"`
	WaitMs    float64  `json:"wait_ms"`
	CV        float64  `json:"cv"`
}

// WriteJSON prints the document docs/schemas/fit-demand.json describes.
func (d *Demand) WriteJSON(w io.Writer, file string, in Instance) error {
	doc := struct {
		SchemaVersion int                     `json:"schema_version"`
		File          string                  `json:"file"`
		Model         string                  `json:"model"`
		InstanceType  string                  `json:"instance_type,omitempty"`
		VCPUs         int                     `json:"vcpus"`
		CUE           string                  `json:"cue"`
		Parameters    map[string]estimateJSON `json:"parameters"`
		Intervals     string                  `json:"intervals"`
		RSquared      *float64                `json:"r_squared"`
		Latency       *latencyJSON            `json:"latency"`
		Samples       []sampleJSON            `json:"samples"`
		Warnings      []string                `json:"warnings"`
	}{
		SchemaVersion: schemaVersion, File: file, Model: "demand", InstanceType: in.Type, VCPUs: d.VCPUs, CUE: d.Paste(),
		Parameters: map[string]estimateJSON{"cpu_ms": estimateOf(d.CPUms), "background": estimateOf(d.Background)},
		Intervals:  strings.ReplaceAll(fmt.Sprintf(demandIntervalNote, len(d.Samples)-2), "\n", " "),
		RSquared:   optional(d.RSquared), Samples: []sampleJSON{}, Warnings: append([]string{}, d.Warnings...),
	}
	if d.Latency {
		l := &latencyJSON{From: []string{}, HoldingMs: d.HoldingMs, HoldingCV: d.HoldingCV, WaitMs: d.WaitMs, CV: d.CV}
		for _, i := range d.LatencyFrom {
			l.From = append(l.From, d.Samples[i].At())
		}
		doc.Latency = l
	}
	for i, s := range d.Samples {
		doc.Samples = append(doc.Samples, sampleJSON{s.Line, s.File, s.RPS, s.Utilisation, d.Fitted[i], optional(s.P50ms), optional(s.P99ms)})
	}
	return writeJSON(w, doc)
}
