package main

import (
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/internal/output"
)

// fitPlot is a fit's `-o FILE.svg`: resolved before reading (so a bad
// path fails first), refused over the fit's own inputs, then written.
type fitPlot struct {
	path   string
	target *output.Target
}

func (f *fitPlot) flag(cmd *cobra.Command) {
	cmd.Flags().StringVarP(&f.path, "output", "o", "", "also draw the data and the fitted curve to this SVG file")
}

// prepare resolves the output and refuses it over any of the inputs.
func (f *fitPlot) prepare(cmd *cobra.Command, inputs ...string) error {
	if f.path == "" {
		return nil
	}
	if ext := filepath.Ext(f.path); ext != "" && !strings.EqualFold(ext, ".svg") {
		return badInput("-o %s: the plot is SVG; name the file .svg", f.path)
	}
	plan := newPlan(cmd)
	t, err := addOutput(plan, "-o "+f.path, f.path)
	if err != nil {
		return err
	}
	var ins []output.Input
	for _, in := range inputs {
		ins = append(ins, output.Input{Path: in, What: "an input of the fit"})
	}
	if err := plan.RefuseInputs(ins); err != nil {
		return badInput("%v", err)
	}
	f.target = t
	return nil
}

// save writes svg when -o was given.
func (f *fitPlot) save(svg func() []byte) error {
	if f.target == nil {
		return nil
	}
	if err := f.target.Save(svg()); err != nil {
		return badInput("%v", err)
	}
	return nil
}
