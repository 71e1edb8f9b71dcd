package textsafe

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
)

// gfm renders Markdown as GitHub does, except that bare URLs are not linked
// (their text is their target, so they cannot lie; see docs/security.md).
var gfm = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList, extension.Footnote),
	goldmark.WithRendererOptions(gmhtml.WithUnsafe())) // show raw HTML, so the test sees any that gets through

func toHTML(t *testing.T, md string) string {
	t.Helper()
	var b bytes.Buffer
	if err := gfm.Convert([]byte(md), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var (
	cellRE = regexp.MustCompile(`(?s)^<table>\n<thead>\n<tr>\n<th>h</th>\n<th>code</th>\n<th>text</th>\n<th>z</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>x</td>\n<td>(.*)</td>\n<td>(.*)</td>\n<td>z</td>\n</tr>\n</tbody>\n</table>\n$`)
	codeRE = regexp.MustCompile(`^<code>([^<]*)</code>$`)
	textRE = regexp.MustCompile(`^([^<]|<br>)*$`) // text and line breaks, no element
)

// renderedText is what a reader sees of a cell's HTML: entities decoded,
// <br> as a line break; it fails on any other element.
func renderedText(t *testing.T, in, cell string) string {
	t.Helper()
	if !textRE.MatchString(cell) {
		t.Fatalf("Markdown(%q) renders as markup: %q", in, cell)
	}
	return html.UnescapeString(strings.ReplaceAll(cell, "<br>", "\n"))
}

// checkMarkdown renders s in a GFM table, as a code span and as text, and
// in a heading and a paragraph, and checks that each shows s exactly as
// the terminal escaping spells it, with no other element and no row,
// cell, heading or paragraph broken.
func checkMarkdown(t *testing.T, s string) {
	t.Helper()
	table := "| h | code | text | z |\n|---|---|---|---|\n| x | " + MarkdownCellCode(s) + " | " + Markdown(s) + " | z |\n"
	out := toHTML(t, table)
	m := cellRE.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("%q breaks the table:\n%s\n%s", s, table, out)
	}
	code := codeRE.FindStringSubmatch(m[1])
	if code == nil {
		t.Fatalf("MarkdownCellCode(%q) is not one code span: %q", s, m[1])
	}
	if got, want := html.UnescapeString(code[1]), spanText(s); got != want {
		t.Fatalf("code span of %q shows %q, want %q", s, got, want)
	}
	wantText := strings.Trim(Cell(strings.ReplaceAll(s, "\r\n", "\n")), " ")
	if got := renderedText(t, s, m[2]); got != wantText {
		t.Fatalf("cell of %q shows %q, want %q", s, got, wantText)
	}

	para := toHTML(t, "see "+MarkdownCode(s)+" and "+Markdown(s)+" end\n")
	pm := regexp.MustCompile(`(?s)^<p>see <code>([^<]*)</code> and (.*) end</p>\n$`).FindStringSubmatch(para)
	if pm == nil {
		t.Fatalf("%q breaks the paragraph: %q", s, para)
	}
	if got, want := html.UnescapeString(pm[1]), spanText(s); got != want {
		t.Fatalf("paragraph code span of %q shows %q, want %q", s, got, want)
	}
	if got, want := renderedText(t, s, pm[2]), Cell(strings.ReplaceAll(s, "\r\n", "\n")); got != want {
		t.Fatalf("paragraph text of %q shows %q, want %q", s, got, want)
	}

	head := toHTML(t, "### Cost: "+Markdown(s)+" end\n")
	hm := regexp.MustCompile(`(?s)^<h3>Cost: (.*) end</h3>\n$`).FindStringSubmatch(head)
	if hm == nil {
		t.Fatalf("%q breaks the heading: %q", s, head)
	}
	if got := renderedText(t, s, hm[1]); got != Cell(strings.ReplaceAll(s, "\r\n", "\n")) {
		t.Fatalf("heading of %q shows %q", s, got)
	}
}

// spanText is what a code span of s shows: Line(s), or one space for "".
func spanText(s string) string {
	if s == "" {
		return " "
	}
	return Line(s)
}

func TestMarkdown(t *testing.T) {
	for _, s := range []string{
		"web_app", "a | b", "two\nlines", "crlf\r\nline", "lone\r```\nfence", "```", "`tick`", "``a`b``",
		"[click](https://evil.example)", "![img](x.png)", "<img src=x onerror=alert(1)>", "<https://evil.example>",
		"*bold* _em_ __strong__ ~~gone~~", "&#x202e; &amp; &lt;", `back\slash \| \* \`,
		"# heading", "shop #", "1. list", "- item", "> quote", "[^1]", "[x] task", "\x1b]52;c;eA==\x07", "\u202eevil",
		" lead and trail ", "", " ", "  ", "a\tb", "|", "\\", "_", "*",
	} {
		checkMarkdown(t, s)
	}
	// Ordinary names stay readable.
	for in, want := range map[string]string{"web_app": "web_app", "api-v2.1": "api-v2.1", "a | b": `a \| b`, "x\ny": "x<br>y"} {
		if got := Markdown(in); got != want {
			t.Errorf("Markdown(%q) = %q, want %q", in, got, want)
		}
	}
	if got := MarkdownCode("./a`b.cue:3:5"); got != "``./a`b.cue:3:5``" {
		t.Errorf("code span %q", got)
	}
}

// FuzzMarkdown: whatever the text, in a table cell, a code span, a
// paragraph or a heading it renders (GFM) as exactly that text, with no
// element, link or emphasis of its own, and leaves the table whole.
func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{"web_app", "a|b", "lone\r```", "[x](y)", "<b>", "*e*", "`", "&amp;", `\|`, "\u202e", "shop #"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkMarkdown(t, s)
	})
}
