package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/schema"
)

func TestRegistryValid(t *testing.T) {
	if err := validate(Registry()); err != nil {
		t.Fatal(err)
	}
}

// TestSuppressionRulesUnsuppressible pins the design: a suppression finding
// must never be silenced by the attribute it is about. Without the flag the
// SUP cases would pass through TestRules' ordinary suppressed branch.
func TestSuppressionRulesUnsuppressible(t *testing.T) {
	for _, r := range []*Rule{ruleSuppressionReason, ruleSuppressionUnknown} {
		if !r.Unsuppressible {
			t.Errorf("%s must be Unsuppressible", r.ID)
		}
	}
}

// wantPattern marks a line where a finding is expected: // want LB001
var wantPattern = regexp.MustCompile(`//\s*want\s+([A-Z]+[0-9]{3}(?:\s*,\s*[A-Z]+[0-9]{3})*)`)

// TestRules runs each rule over its four cases in testdata/<ID>.txtar:
// trigger.cue must report the rule exactly on the lines marked
// "// want <ID>", clean.cue must not report it, and suppressed.cue must
// report it only as suppressed. An Unsuppressible rule cannot have a
// suppressed case, so its suppressed.cue must show the opposite (see
// checkUnsuppressible). fixed.cue is trigger.cue with the rule's fix
// applied by hand, and no rule at all may report on it: a fix that trades
// one finding for another is no fix.
func TestRules(t *testing.T) {
	for _, r := range Registry() {
		t.Run(r.ID, func(t *testing.T) {
			ar, err := txtar.ParseFile(filepath.Join("testdata", r.ID+".txtar"))
			if err != nil {
				t.Fatalf("every rule needs testdata/%s.txtar with trigger.cue, clean.cue and suppressed.cue: %v", r.ID, err)
			}
			files := map[string][]byte{}
			for _, f := range ar.Files {
				files[f.Name] = f.Data
			}
			for _, name := range []string{"trigger.cue", "clean.cue", "suppressed.cue", "fixed.cue"} {
				if _, ok := files[name]; !ok {
					t.Fatalf("testdata/%s.txtar has no %s", r.ID, name)
				}
			}

			res := runFixed(t, r.ID, files)
			if len(res.Findings) > 0 {
				t.Errorf("fixed.cue: the fix of %s applied, yet infralint reports:%s", r.ID, listFindings(res.Findings))
			}

			res = runFile(t, r.ID+"/trigger.cue", files["trigger.cue"])
			got := linesOf(res.Findings, r.ID)
			want := wantedLines(files["trigger.cue"], r.ID)
			if len(want) == 0 {
				t.Fatalf("trigger.cue marks no line with // want %s", r.ID)
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("trigger.cue: %s reported on lines %v, want %v\nfindings: %v", r.ID, got, want, res.Findings)
			}

			// clean-*.cue: more cases the rule must leave alone.
			for _, f := range ar.Files {
				if f.Name != "clean.cue" && !(strings.HasPrefix(f.Name, "clean-") && strings.HasSuffix(f.Name, ".cue")) {
					continue
				}
				res = runFile(t, r.ID+"/"+f.Name, f.Data)
				if got := linesOf(res.Findings, r.ID); len(got) > 0 {
					t.Errorf("%s: %s reported on lines %v, want none\nfindings: %v", f.Name, r.ID, got, res.Findings)
				}
			}

			if r.Unsuppressible {
				checkUnsuppressible(t, r.ID, files["suppressed.cue"])
				return
			}
			res = runFile(t, r.ID+"/suppressed.cue", files["suppressed.cue"])
			if got := linesOf(res.Findings, r.ID); len(got) > 0 {
				t.Errorf("suppressed.cue: %s reported unsuppressed on lines %v", r.ID, got)
			}
			if len(linesOf(res.Suppressed, r.ID)) == 0 {
				t.Errorf("suppressed.cue: no suppressed %s finding; the case must trigger the rule and suppress it", r.ID)
			}
		})
	}
}

func listFindings(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "\n\t%d: %s %s (fix: %s)", f.Pos.Line, f.RuleID, f.Message, f.Fix)
	}
	return b.String()
}

// runFixed runs fixed.cue, priced with the archive's prices.json laid over
// the snapshot when there is one: COST003's fix is a price file.
func runFixed(t *testing.T, id string, files map[string][]byte) Result {
	t.Helper()
	prices, ok := files["prices.json"]
	if !ok {
		return runFile(t, id+"/fixed.cue", files["fixed.cue"])
	}
	user, err := catalog.Parse(id+"/prices.json", prices)
	if err != nil {
		t.Fatal(err)
	}
	cat := catalog.Merge(catalog.Default(), user)
	in := inputWithCost(t, loadFile(t, id+"/fixed.cue", files["fixed.cue"]))
	in.Catalog = cat
	in.Cost = pricing.Price(in.Stack, cat, pricing.Options{Instances: in.RightSizing.Instances})
	return Run(in, Options{})
}

// checkUnsuppressible handles suppressed.cue for a rule whose findings are
// about suppressions (Rule.Unsuppressible): an @infralint attribute naming
// the rule and covering the finding must leave it reported, exactly on the
// lines marked "// want <ID>", and never as suppressed.
func checkUnsuppressible(t *testing.T, id string, src []byte) {
	t.Helper()
	s := loadFile(t, id+"/suppressed.cue", src)
	res := Run(&Input{Stack: s}, Options{})
	want := wantedLines(src, id)
	if len(want) == 0 {
		t.Fatalf("suppressed.cue marks no line with // want %s; %s cannot be suppressed, so the case must show it still reported", id, id)
	}
	if got := linesOf(res.Findings, id); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("suppressed.cue: %s reported on lines %v, want %v\nfindings: %v", id, got, want, res.Findings)
	}
	if got := linesOf(res.Suppressed, id); len(got) > 0 {
		t.Errorf("suppressed.cue: %s suppressed on lines %v, but its findings must not be suppressible", id, got)
	}
	named := false
	for _, f := range res.Findings {
		for _, sup := range s.Source.Suppressions {
			named = named || (f.RuleID == id && sup.Covers(id, f.Path))
		}
	}
	if !named {
		t.Errorf("suppressed.cue: no @infralint(ignore=%q) attribute covers a %s finding; the case must try to suppress it", id, id)
	}
}

// TestEveryTestdataFileIsARule catches a txtar left behind by a renamed rule.
func TestEveryTestdataFileIsARule(t *testing.T) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		id, ok := strings.CutSuffix(e.Name(), ".txtar")
		if !ok {
			continue
		}
		if _, known := Lookup(id); !known {
			t.Errorf("testdata/%s is for no registered rule", e.Name())
		}
	}
}

func runFile(t *testing.T, name string, src []byte) Result {
	t.Helper()
	return Run(inputWithCost(t, loadFile(t, name, src)), Options{})
}

func loadFile(t *testing.T, name string, src []byte) *schema.Stack {
	t.Helper()
	l, err := schema.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	s, err := l.LoadBytes(name, src)
	if err != nil {
		t.Fatalf("%s does not load: %v", name, err)
	}
	return s
}

func linesOf(fs []Finding, id string) []int {
	set := map[int]bool{}
	for _, f := range fs {
		if f.RuleID == id {
			set[f.Pos.Line] = true
		}
	}
	return sortedKeys(set)
}

func wantedLines(src []byte, id string) []int {
	set := map[int]bool{}
	for i, line := range strings.Split(string(src), "\n") {
		m := wantPattern.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		for _, w := range strings.Split(m[1], ",") {
			if strings.TrimSpace(w) == id {
				set[i+1] = true
			}
		}
	}
	return sortedKeys(set)
}

func sortedKeys(set map[int]bool) []int {
	out := make([]int, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}
