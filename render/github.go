package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/infralint/infralint/internal/textsafe"
	"github.com/infralint/infralint/rules"
	"github.com/infralint/infralint/schema"
)

// FindingsGitHub writes one GitHub Actions workflow command per finding
// and per load error, which the runner turns into annotations on the
// pull request's lines without code scanning:
//
//	::error file=shop/stack.cue,line=3,col=2,title=LB001 lb-without-health-check::message
//
// The commands are those of
// https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions
// ("Setting an error/warning/notice message"). Suppressed findings are left
// out: an annotation cannot be dismissed. Files are relative to dir, which
// must be the repository root for GitHub to place the annotation on a line.
func FindingsGitHub(w io.Writer, r Report, dir string) error {
	return safeText(w, func(w io.Writer) error { return findingsGitHub(w, r, dir) })
}

func findingsGitHub(w io.Writer, r Report, dir string) error {
	var b strings.Builder
	for _, e := range r.Errors {
		msg := textsafe.Line(strings.TrimSpace(e.Msg))
		b.WriteString(githubCommand("error", e.Pos, dir, "infralint: input error", msg))
	}
	for _, f := range r.Findings {
		msg := textsafe.Line(strings.TrimSpace(f.Message))
		if f.Fix != "" {
			// A line break of the annotation's own, between two escaped lines.
			msg += "\nfix: " + textsafe.Line(strings.TrimSpace(f.Fix))
		}
		b.WriteString(githubCommand(githubLevel(f.Severity), f.Pos, dir, f.RuleID+" "+f.RuleName, msg))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// githubLevel maps a severity to the workflow command of its annotation.
func githubLevel(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	}
	return "notice"
}

// githubCommand is one command line; a position without a file (an error
// about the run, not a file) gives an annotation on the run only.
func githubCommand(level string, p schema.Position, dir, title, msg string) string {
	var props []string
	if p.File != "" {
		file := strings.TrimPrefix(RelPath(p.File, dir), "./")
		props = append(props, "file="+githubProperty(textsafe.Line(file)))
		if p.Line > 0 {
			props = append(props, "line="+strconv.Itoa(p.Line))
			if p.Column > 0 {
				props = append(props, "col="+strconv.Itoa(p.Column))
			}
		}
	}
	props = append(props, "title="+githubProperty(textsafe.Line(title)))
	return fmt.Sprintf("::%s %s::%s\n", level, strings.Join(props, ","), githubData(msg))
}

// githubData and githubProperty escape as the runner unescapes, following
// escapeData and escapeProperty of the Actions toolkit
// (https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts):
// '%' first, so that an escape in the text is not read as one; CR and LF,
// so that text cannot end the command and start another (such as
// ::add-mask:: or ::stop-commands::); in a property also ':' and ',', which
// end the properties and separate them.
var (
	githubDataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func githubData(s string) string     { return githubDataEscaper.Replace(s) }
func githubProperty(s string) string { return githubPropertyEscaper.Replace(s) }
