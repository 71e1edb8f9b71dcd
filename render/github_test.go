package render

import (
	"net/url"
	"strings"
	"testing"

	"github.com/infralint/infralint/rules"
	"github.com/infralint/infralint/schema"
)

func TestFindingsGitHub(t *testing.T) {
	r := Report{
		Findings: []rules.Finding{
			{RuleID: "LB001", RuleName: "lb-without-health-check", Severity: rules.Error, Message: "no health check", Fix: "add health_check",
				Pos: schema.Position{File: "shop/stack.cue", Line: 3, Column: 2}},
			{RuleID: "LB003", RuleName: "lb-single-target-or-az", Severity: rules.Warning, Message: "one AZ",
				Pos: schema.Position{File: "shop/stack.cue", Line: 9, Column: 1}},
			{RuleID: "COST002", RuleName: "cheaper-instance-type", Severity: rules.Info, Message: "70% target",
				Pos: schema.Position{File: "shop/stack.cue", Line: 12, Column: 4}},
		},
		Suppressed: []rules.Finding{{RuleID: "NET001", Message: "hidden", Suppressed: true, Pos: schema.Position{File: "shop/stack.cue", Line: 20}}},
		Errors: schema.Errors{
			{Pos: schema.Position{File: "bad/stack.cue", Line: 1, Column: 1}, Msg: "missing required field name"},
			{Msg: "--prices p.json: no such file"},
		},
	}
	var b strings.Builder
	if err := FindingsGitHub(&b, r, ""); err != nil {
		t.Fatal(err)
	}
	want := "::error file=bad/stack.cue,line=1,col=1,title=infralint%3A input error::missing required field name\n" +
		"::error title=infralint%3A input error::--prices p.json: no such file\n" +
		"::error file=shop/stack.cue,line=3,col=2,title=LB001 lb-without-health-check::no health check%0Afix: add health_check\n" +
		"::warning file=shop/stack.cue,line=9,col=1,title=LB003 lb-single-target-or-az::one AZ\n" +
		"::notice file=shop/stack.cue,line=12,col=4,title=COST002 cheaper-instance-type::70%25 target\n"
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// The escapes are those of the Actions toolkit's escapeData and
// escapeProperty: the runner undoes them, so a percent-decoding of each
// part gives back the text.
func TestGitHubEscapes(t *testing.T) {
	for _, tc := range []struct{ in, data, prop string }{
		{"plain", "plain", "plain"},
		{"100%", "100%25", "100%25"},
		{"%0A", "%250A", "%250A"},
		{"a\nb\rc", "a%0Ab%0Dc", "a%0Ab%0Dc"},
		{"a:b,c", "a:b,c", "a%3Ab%2Cc"},
	} {
		if got := githubData(tc.in); got != tc.data {
			t.Errorf("githubData(%q) = %q, want %q", tc.in, got, tc.data)
		}
		if got := githubProperty(tc.in); got != tc.prop {
			t.Errorf("githubProperty(%q) = %q, want %q", tc.in, got, tc.prop)
		}
		for _, esc := range []string{tc.data, tc.prop} {
			if back, err := url.PathUnescape(esc); err != nil || back != tc.in {
				t.Errorf("%q decodes to %q (%v), want %q", esc, back, err, tc.in)
			}
		}
	}
}

// A stack cannot issue workflow commands of its own through a message, a
// file name or a rule's text: every annotation is one line starting with
// its own command, and what the text holds is shown, not obeyed.
func TestGitHubUserTextIssuesNoCommand(t *testing.T) {
	evil := "x\n::add-mask::secret\r\n::stop-commands::tok\u001b]52;c;aGk=\a"
	r := Report{
		Findings: []rules.Finding{{RuleID: "LB001", RuleName: "n", Severity: rules.Error, Message: evil, Fix: evil,
			Pos: schema.Position{File: "d,ir/a:b\n::error::x.cue", Line: 1, Column: 1}}},
		Errors: schema.Errors{{Pos: schema.Position{File: evil}, Msg: evil}},
	}
	var b strings.Builder
	if err := FindingsGitHub(&b, r, ""); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 command lines, got %d:\n%s", len(lines), b.String())
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "::error ") {
			t.Errorf("line is not an ::error command: %q", l)
		}
		if strings.ContainsAny(l, "\r\u001b\a") {
			t.Errorf("control character left in %q", l)
		}
		props, _, ok := strings.Cut(strings.TrimPrefix(l, "::error "), "::")
		if !ok {
			t.Fatalf("no message separator in %q", l)
		}
		// The properties' text escapes ':' and ',', so the first "::"
		// ends them and each comma separates two of them.
		for _, p := range strings.Split(props, ",") {
			k, _, _ := strings.Cut(p, "=")
			switch k {
			case "file", "line", "col", "title":
			default:
				t.Errorf("unexpected property %q in %q", k, l)
			}
		}
	}
	if !strings.Contains(lines[1], `file=d%2Cir/a%3Ab\n%3A%3Aerror%3A%3Ax.cue,`) {
		t.Errorf("file name not escaped as a property: %q", lines[1])
	}
}
