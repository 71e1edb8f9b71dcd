package main

import (
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// wrapHelpFlags makes every command's help wrap its flags' descriptions
// to width, the terminal's (pflag's own wrapping); into a pipe or a file,
// width is 0 and they stay one a line, as cobra prints them. The width is
// written into this root's template: cobra renders usage into a buffer of
// its own, so the template cannot ask the writer.
func wrapHelpFlags(root *cobra.Command, width int) {
	tmpl := root.UsageTemplate()
	for _, set := range []string{"LocalFlags", "InheritedFlags"} {
		tmpl = strings.ReplaceAll(tmpl, "{{."+set+".FlagUsages", "{{flagUsages ."+set+" "+strconv.Itoa(width))
	}
	root.SetUsageTemplate(tmpl)
}

func init() {
	cobra.AddTemplateFunc("flagUsages", func(fs *pflag.FlagSet, width int) string {
		return fs.FlagUsagesWrapped(width)
	})
}
