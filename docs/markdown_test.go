package docs

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// Just enough Markdown to check links: the link targets a file points to,
// and the anchors its headings define. A full parser (goldmark) would be a
// new dependency for what these few expressions do; what they skip (code
// blocks and code spans, where a "[x](y)" is not a link) is what matters.

var (
	fence      = regexp.MustCompile("^\\s*(```|~~~)")
	codeSpan   = regexp.MustCompile("`+[^`]*`+")
	inlineLink = regexp.MustCompile(`\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)`)
	refLink    = regexp.MustCompile(`^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$`)
	htmlLink   = regexp.MustCompile(`(?i)\b(?:href|src)\s*=\s*"([^"]*)"`)
	htmlAnchor = regexp.MustCompile(`(?i)<a\s[^>]*\b(?:id|name)\s*=\s*"([^"]+)"`)
	atxHeading = regexp.MustCompile(`^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$`)
	setextRule = regexp.MustCompile(`^\s{0,3}(=+|-+)\s*$`)
	urlScheme  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)
	mdLinkText = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
)

// link is one link target of a Markdown file, with its 1-based line.
type link struct {
	line   int
	target string
}

// proseLines returns the lines of src with those of fenced code blocks
// blanked, so that indexes stay line numbers − 1.
func proseLines(src string) []string {
	lines := strings.Split(src, "\n")
	inFence := false
	for i, l := range lines {
		if fence.MatchString(l) {
			inFence = !inFence
			lines[i] = ""
			continue
		}
		if inFence {
			lines[i] = ""
		}
	}
	return lines
}

// links returns every link target in src: inline and image links,
// reference definitions and HTML href/src attributes.
func links(src string) []link {
	var out []link
	for i, l := range proseLines(src) {
		l = codeSpan.ReplaceAllString(l, "``") // a link in code is an example
		for _, re := range []*regexp.Regexp{inlineLink, refLink, htmlLink} {
			for _, m := range re.FindAllStringSubmatch(l, -1) {
				out = append(out, link{line: i + 1, target: m[1]})
			}
		}
	}
	return out
}

// anchors returns the fragment names src defines: one per heading, as
// GitHub derives them (see slug), numbered -1, -2, … when repeated, and
// every explicit <a id> or <a name>.
func anchors(src string) map[string]bool {
	out := map[string]bool{}
	seen := map[string]int{}
	add := func(heading string) {
		s := slug(heading)
		if n := seen[s]; n > 0 {
			out[s+"-"+strconv.Itoa(n)] = true
		} else {
			out[s] = true
		}
		seen[s]++
	}
	lines := proseLines(src)
	for i, l := range lines {
		l = strings.ReplaceAll(l, "`", "") // code in a heading is text
		for _, m := range htmlAnchor.FindAllStringSubmatch(l, -1) {
			out[m[1]] = true
		}
		if m := atxHeading.FindStringSubmatch(l); m != nil {
			add(m[1])
			continue
		}
		// A setext heading: a line of text underlined with = or -. A rule
		// after a blank line, or under a table or list, is not one.
		if i > 0 && setextRule.MatchString(l) {
			prev := strings.TrimSpace(strings.ReplaceAll(lines[i-1], "`", ""))
			if prev != "" && !strings.HasPrefix(prev, "|") && !strings.HasPrefix(prev, "- ") &&
				!strings.HasPrefix(prev, "* ") && !atxHeading.MatchString(lines[i-1]) {
				add(prev)
			}
		}
	}
	return out
}

// slug is GitHub's anchor for a heading: the rendered text (link text kept,
// code-span backticks dropped), lower-cased, with every character that is
// not a letter, digit, mark, space, hyphen or underscore removed and each
// space turned into a hyphen.
func slug(heading string) string {
	text := mdLinkText.ReplaceAllString(heading, "$1")
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case r == ' ':
			b.WriteRune('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TestLinkChecker checks the checker: links outside code are found, those
// in code are not, and anchors are GitHub's, so a broken one cannot pass.
func TestLinkChecker(t *testing.T) {
	src := "# Capacity model\n\n" +
		"See [the cost](cost.md#cost-components) and ![plot](img/p.png \"title\").\n" +
		"`[not](a-link.md)` and\n```\n[nor](this.md)\n```\n" +
		"[ref]: ../README.md#capacity\n<img src=\"x.svg\">\n" +
		"## Erlang B and C: `ErlangC(c, a)`\n## Erlang B and C: `ErlangC(c, a)`\n" +
		"## M/M/c — response time, p99 (§3)\nSetext Title\n---\n\n---\n<a id=\"explicit\"></a>\n"
	var got []string
	for _, l := range links(src) {
		got = append(got, fmt.Sprintf("%d:%s", l.line, l.target))
	}
	want := []string{"3:cost.md#cost-components", "3:img/p.png", "8:../README.md#capacity", "9:x.svg"}
	if !slices.Equal(got, want) {
		t.Errorf("links = %q, want %q", got, want)
	}
	a := anchors(src)
	for _, name := range []string{"capacity-model", "erlang-b-and-c-erlangcc-a", "erlang-b-and-c-erlangcc-a-1", "mmc--response-time-p99-3", "setext-title", "explicit"} {
		if !a[name] {
			t.Errorf("anchor %q missing from %v", name, a)
		}
	}
	if len(a) != 6 {
		t.Errorf("anchors = %v, want exactly 6 (the rule after a blank line is no heading)", a)
	}
	for _, bad := range []string{"no-such-file.md", "links_test.go#x", "../README.md#no-such-heading", "../../outside.md"} {
		if err := resolve("docs/caching.md", bad); err == nil {
			t.Errorf("resolve(%q) = nil, want an error", bad)
		}
	}
	for _, good := range []string{"../README.md#capacity", "https://example.com/x#y", "markdown_test.go", "/go.mod"} {
		if err := resolve("docs/caching.md", good); err != nil {
			t.Errorf("resolve(%q): %v", good, err)
		}
	}
}
