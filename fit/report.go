package fit

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"
	"unicode/utf8"
)

// schemaVersion is the version of docs/schemas/fit-usl.json.
const schemaVersion = 1

// intervalNote says how the intervals were computed, in both outputs.
const intervalNote = "asymptotic 95 %%: estimate ± t(0.975, %d) × standard error,\ncovariance s²(JᵀJ)⁻¹ of the least-squares fit"

// WriteText prints the fit for a reader: the CUE to paste first, then
// the estimates, the fit's quality and the warnings.
func (u *USL) WriteText(w io.Writer, file string) error {
	lo, hi := u.span()
	fmt.Fprintf(w, "USL fit of %s: %d points, concurrency %g to %g\n\n", file, len(u.Points), lo, hi)
	fmt.Fprintf(w, "Paste into the compute component:\n  %s\n\n", u.Paste())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  \testimate\t95 % interval\t\t")
	row := func(name string, e Estimate, what string) {
		fmt.Fprintf(tw, "  %s\t%s\t[%s,\t%s]\t  %s\n", name, sig(e.Value), sig(e.Lo), sig(e.Hi), what)
	}
	row("lambda", u.Lambda, "rps of one client (N = 1)")
	row("sigma", u.Sigma, "contention")
	row("kappa", u.Kappa, "coherency")
	tw.Flush()
	fmt.Fprintf(w, "\n  R² %s", num(u.RSquared, "%.5f"))
	if i, r := u.worst(); i >= 0 {
		fmt.Fprintf(w, ", largest residual %+.1f %% at N = %g (line %d)", 100*r, u.Points[i].Concurrency, u.Points[i].Line)
	}
	fmt.Fprintln(w)
	if !math.IsNaN(u.NStar) {
		fmt.Fprintf(w, "  N* = %.1f, peak throughput %s rps", u.NStar, sig(u.Peak))
		if !u.Kappa.Determined() {
			fmt.Fprint(w, " (not determined: see the warnings)")
		}
		fmt.Fprintln(w)
	} else {
		fmt.Fprintln(w, "  N* and peak: none (the fitted kappa ≤ 0 gives no peak)")
	}
	fmt.Fprintf(w, "\nIntervals are "+intervalNote+" (docs/fit.md).\n", len(u.Points)-3)
	for _, m := range u.Warnings {
		fmt.Fprintln(w, wrap("warning: "+m, 78, "  "))
	}
	return nil
}

func num(v float64, format string) string {
	if math.IsNaN(v) {
		return "n/a"
	}
	return fmt.Sprintf(format, v)
}

func (u *USL) span() (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, p := range u.Points {
		lo, hi = math.Min(lo, p.Concurrency), math.Max(hi, p.Concurrency)
	}
	return lo, hi
}

// worst is the point whose residual, relative to its fitted value, is
// largest.
func (u *USL) worst() (int, float64) {
	at, worst := -1, 0.0
	for i, p := range u.Points {
		r := (p.Throughput - u.Fitted[i]) / u.Fitted[i]
		if at < 0 || math.Abs(r) > math.Abs(worst) {
			at, worst = i, r
		}
	}
	return at, worst
}

// estimateOf is an estimate as both fits' JSON writes it.
func estimateOf(e Estimate) estimateJSON {
	return estimateJSON{e.Value, e.StdErr, [2]float64{e.Lo, e.Hi}, e.Determined()}
}

// optional is v, or null when it is not a finite number.
func optional(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// writeJSON writes doc indented, as every JSON output of infralint.
func writeJSON(w io.Writer, doc any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

type estimateJSON struct {
	Value      float64    `json:"value"`
	StdErr     float64    `json:"std_err"`
	CI95       [2]float64 `json:"ci95"`
	Determined bool       `json:"determined"`
}

// wrap breaks text into lines of at most width columns (a longer word
// stays whole), indenting the continuation lines.
func wrap(text string, width int, indent string) string {
	var b strings.Builder
	col := 0
	for i, word := range strings.Fields(text) {
		n := utf8.RuneCountInString(word)
		if i > 0 && col+1+n > width {
			b.WriteString("\n" + indent)
			col = len(indent)
		} else if i > 0 {
			b.WriteByte(' ')
			col++
		}
		b.WriteString(word)
		col += n
	}
	return b.String()
}

type pointJSON struct {
	Line        int      `json:"line"`
	Concurrency float64  `json:"concurrency"`
	Throughput  float64  `json:"throughput_rps"`
	Fitted      float64  `json:"fitted_rps"`
	Residual    float64  `json:"residual_rps"`
	P99ms       *float64 `json:"p99_ms,omitempty"`
}

// WriteJSON prints the document docs/schemas/fit-usl.json describes.
func (u *USL) WriteJSON(w io.Writer, file string) error {
	doc := struct {
		SchemaVersion int                     `json:"schema_version"`
		File          string                  `json:"file"`
		Model         string                  `json:"model"`
		CUE           string                  `json:"cue"`
		Parameters    map[string]estimateJSON `json:"parameters"`
		Intervals     string                  `json:"intervals"`
		RSquared      *float64                `json:"r_squared"`
		NStar         *float64                `json:"n_star"`
		Peak          *float64                `json:"peak_throughput_rps"`
		Points        []pointJSON             `json:"points"`
		Warnings      []string                `json:"warnings"`
	}{
		SchemaVersion: schemaVersion, File: file, Model: "usl", CUE: u.Paste(),
		Parameters: map[string]estimateJSON{"lambda": estimateOf(u.Lambda), "sigma": estimateOf(u.Sigma), "kappa": estimateOf(u.Kappa)},
		Intervals:  strings.ReplaceAll(fmt.Sprintf(intervalNote, len(u.Points)-3), "\n", " "),
		RSquared:   optional(u.RSquared), NStar: optional(u.NStar), Peak: optional(u.Peak),
		Points: []pointJSON{}, Warnings: append([]string{}, u.Warnings...),
	}
	for i, p := range u.Points {
		doc.Points = append(doc.Points, pointJSON{p.Line, p.Concurrency, p.Throughput, u.Fitted[i], p.Throughput - u.Fitted[i], optional(p.P99ms)})
	}
	return writeJSON(w, doc)
}
