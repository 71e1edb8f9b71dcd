package main

// markdownSummary is the Markdown report in --summary form; it is no
// format of its own on the command line, only what --summary makes of
// "markdown" in --format and --output.
const markdownSummary = "markdown-summary"

// summaryFormats applies --summary: every Markdown output of the run, on
// stdout and in -o files, becomes the summary. Without one, --summary has
// nothing to apply to, and says so.
func summaryFormats(format string, outs []reportOutput, markdown bool) (string, error) {
	if !markdown {
		return "", badInput("--summary: shortens the Markdown report; add --format markdown or -o markdown=FILE")
	}
	for i := range outs {
		if outs[i].format == "markdown" {
			outs[i].format = markdownSummary
		}
	}
	if format == "markdown" {
		format = markdownSummary
	}
	return format, nil
}
