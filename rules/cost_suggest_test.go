package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/infralint/infralint/schema"
)

// TestCostSuggestionsHold applies every suggestion the COST rules make on
// the examples and on the COST rules' own trigger stacks — exactly the fix
// the finding prints — and runs the whole analysis again (capacity model,
// right-sizing, estimate, every rule) on the stack so changed: no finding
// may appear that the stack as written did not have. This is the check
// that a suggestion passes peak, one AZ lost and deploy, and that taking
// it never trades one finding for another (the issue: COST002's advice,
// applied, raised CAP003 and ASG005 on a clean stack; COST002.txtar's
// clean-deploy.cue was offered c5.large, which DEPLOY004 then reported).
func TestCostSuggestionsHold(t *testing.T) {
	stacks := map[string]*schema.Stack{}
	examples, _ := filepath.Glob("../examples/*/stack.cue")
	for _, f := range examples {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		stacks[f] = loadFile(t, f, src)
	}
	for _, id := range []string{"COST001", "COST002", "COST004", "COST005"} {
		ar, err := txtar.ParseFile(filepath.Join("testdata", id+".txtar"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if f.Name == "trigger.cue" || strings.HasPrefix(f.Name, "clean") {
				stacks[id+"/"+f.Name] = loadFile(t, id+"/"+f.Name, f.Data)
			}
		}
	}
	applied := 0
	for name, s := range stacks {
		before := Run(inputWithCost(t, s), Options{})
		had := map[string]bool{}
		for _, f := range before.Findings {
			had[f.RuleID+" "+f.Path] = true
		}
		for _, f := range before.Findings {
			switch f.RuleID {
			case "COST001", "COST002", "COST004", "COST005":
			default:
				continue
			}
			changed, err := applyFix(s, f)
			if err != nil {
				t.Errorf("%s: %s: %v", name, f.RuleID, err)
				continue
			}
			applied++
			after := Run(inputWithCost(t, changed), Options{})
			for _, g := range after.Findings {
				if !had[g.RuleID+" "+g.Path] {
					t.Errorf("%s: applying %s's fix %q raises %s at %s: %s", name, f.RuleID, f.Fix, g.RuleID, g.Path, g.Message)
				}
			}
		}
	}
	// Each trigger has one suggestion at least, the examples their COST002s.
	if applied < 10 {
		t.Errorf("only %d suggestions applied", applied)
	}
	t.Logf("%d suggestions applied", applied)
}

var (
	fixCount = regexp.MustCompile(`^set (count|autoscaling\.min) to ([0-9]+)$`)
	fixField = regexp.MustCompile(`^(instance_type|instance_class|node_type): "([^"]+)"(?:, count: ([0-9]+))?$`)
)

// applyFix returns a copy of s with finding f's printed fix made.
func applyFix(s *schema.Stack, f Finding) (*schema.Stack, error) {
	s2 := *s
	s2.Components = map[string]*schema.Component{}
	for k, v := range s.Components {
		s2.Components[k] = v
	}
	name := regexp.MustCompile(`^components\.([^.]+)\.`).FindStringSubmatch(f.Path + ".")
	if name == nil || s.Components[name[1]] == nil {
		return nil, fmt.Errorf("finding at %s names no component", f.Path)
	}
	c := *s.Components[name[1]]
	s2.Components[c.Name] = &c
	if m := fixCount.FindStringSubmatch(f.Fix); m != nil {
		n, _ := strconv.Atoi(m[2])
		cp := *c.Compute
		if m[1] == "count" {
			cp.Count = n
		} else {
			as := *cp.Autoscaling
			as.Min = n
			cp.Autoscaling = &as
		}
		c.Compute = &cp
		return &s2, nil
	}
	m := fixField.FindStringSubmatch(f.Fix)
	if m == nil {
		return nil, fmt.Errorf("fix %q is not one this test can apply", f.Fix)
	}
	switch m[1] {
	case "instance_type":
		cp := *c.Compute
		cp.InstanceType = m[2]
		if m[3] != "" {
			cp.Count, _ = strconv.Atoi(m[3])
		}
		c.Compute = &cp
	case "instance_class":
		db := *c.Database
		db.InstanceClass = m[2]
		c.Database = &db
	case "node_type":
		ca := *c.Cache
		ca.NodeType = m[2]
		c.Cache = &ca
	}
	return &s2, nil
}
