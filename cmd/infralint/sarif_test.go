package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/infralint/infralint/rules"
)

// sarifSchemaFile is the OASIS SARIF 2.1.0 JSON schema, shipped with the
// tests (see cmd/infralint/testdata/sarif/README.md).
const sarifSchemaFile = "cmd/infralint/testdata/sarif/sarif-schema-2.1.0.json"

var (
	sarifSchemaOnce sync.Once
	sarifSchema     *jsonschema.Schema
	sarifSchemaErr  error
)

// validateSARIF checks a log against the official schema, with formats
// (uri, uri-reference, date-time) asserted. Paths are relative to the
// repository root, the tests' working directory.
func validateSARIF(raw []byte) error {
	sarifSchemaOnce.Do(func() {
		f, err := os.Open(sarifSchemaFile)
		if err != nil {
			sarifSchemaErr = err
			return
		}
		defer f.Close()
		doc, err := jsonschema.UnmarshalJSON(f)
		if err != nil {
			sarifSchemaErr = err
			return
		}
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		abs, _ := filepath.Abs(sarifSchemaFile)
		if sarifSchemaErr = c.AddResource(abs, doc); sarifSchemaErr != nil {
			return
		}
		sarifSchema, sarifSchemaErr = c.Compile(abs)
	})
	if sarifSchemaErr != nil {
		return fmt.Errorf("SARIF schema: %w", sarifSchemaErr)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	return sarifSchema.Validate(inst)
}

// githubChecks holds the log to what GitHub code scanning documents beyond
// the schema ("SARIF support for code scanning"): a named driver with
// version and rules, each rule with a helpUri of its own and, when tagged
// "security", a security-severity between 0.1 and 10; every result tied to
// a rule by id and index, with exactly one location (GitHub shows no result
// without one and reads only the first), a URI relative to a base that
// originalUriBaseIds defines, a region with a 1-based start line and
// column, and partialFingerprints. A result against a baseline whose
// finding is gone (baselineState "absent") has no location, on purpose.
func githubChecks(raw []byte) error {
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name, Version, InformationURI string
					Rules                         []struct {
						ID, Name                          string
						HelpURI                           string `json:"helpUri"`
						ShortDescription, FullDescription struct{ Text string }
						Help                              struct{ Text string }
						DefaultConfiguration              struct{ Level string }
						Properties                        struct {
							Tags             []string
							SecuritySeverity string `json:"security-severity"`
						}
					}
				}
			}
			OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
			Results            []struct {
				RuleID        string
				RuleIndex     int
				Level         string
				BaselineState string
				Message       struct{ Text string }
				Locations     []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
						Region           *struct{ StartLine, StartColumn int }
					}
				}
				PartialFingerprints map[string]string
				Suppressions        []struct{ Kind, Justification string }
			}
		}
	}
	if err := json.Unmarshal(raw, &log); err != nil {
		return err
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		return fmt.Errorf("want version 2.1.0 and one run, got %q and %d", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	d := run.Tool.Driver
	if d.Name != "infralint" || d.Version == "" || d.InformationURI == "" {
		return fmt.Errorf("driver %+v lacks name, version or informationUri", d)
	}
	// The built-in rules first, then the organisation's policies.
	registry := rules.Registry()
	if len(d.Rules) < len(registry) {
		return fmt.Errorf("driver lists %d rules, the registry has %d", len(d.Rules), len(registry))
	}
	helpURIs := map[string]string{}
	for i, r := range d.Rules {
		if r.ID == "" || r.Name == "" || r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" || r.DefaultConfiguration.Level == "" {
			return fmt.Errorf("rule %+v lacks a field GitHub shows", r)
		}
		if i >= len(registry) {
			if _, builtin := rules.Lookup(r.ID); builtin || !slices.Contains(r.Properties.Tags, "policy") {
				return fmt.Errorf("rule %s after the registry's is not tagged as a policy", r.ID)
			}
			if r.HelpURI == "" {
				continue // a policy's author may give no page
			}
		} else if r.ID != registry[i].ID {
			return fmt.Errorf("rule %d is %s, the registry's is %s", i, r.ID, registry[i].ID)
		}
		if other, dup := helpURIs[r.HelpURI]; dup || r.HelpURI == "" {
			return fmt.Errorf("rule %s: helpUri %q is empty or shared with %s", r.ID, r.HelpURI, other)
		}
		helpURIs[r.HelpURI] = r.ID
		if sev := r.Properties.SecuritySeverity; sev != "" {
			score, err := strconv.ParseFloat(sev, 64)
			if err != nil || score < 0.1 || score > 10 || !slices.Contains(r.Properties.Tags, "security") {
				return fmt.Errorf("rule %s: security-severity %q needs a score in [0.1, 10] and the tag \"security\" (tags %v)", r.ID, sev, r.Properties.Tags)
			}
		}
	}
	for _, res := range run.Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(d.Rules) || d.Rules[res.RuleIndex].ID != res.RuleID {
			return fmt.Errorf("result %s has ruleIndex %d", res.RuleID, res.RuleIndex)
		}
		if res.Level == "" || res.Message.Text == "" {
			return fmt.Errorf("result %s lacks level or message", res.RuleID)
		}
		if len(res.PartialFingerprints) == 0 {
			return fmt.Errorf("result %s has no partialFingerprints", res.RuleID)
		}
		if res.BaselineState == "absent" {
			if len(res.Locations) != 0 || res.Level != "none" {
				return fmt.Errorf("absent result %s has a location or level %q", res.RuleID, res.Level)
			}
			continue
		}
		if len(res.Locations) != 1 {
			return fmt.Errorf("result %s has %d locations, want one", res.RuleID, len(res.Locations))
		}
		loc := res.Locations[0].PhysicalLocation
		uri, base := loc.ArtifactLocation.URI, loc.ArtifactLocation.URIBaseID
		if base != "%SRCROOT%" || strings.HasPrefix(uri, "/") || strings.HasPrefix(uri, "./") || strings.Contains(uri, "://") {
			return fmt.Errorf("result %s: uri %q (base %q) is not relative to %%SRCROOT%%", res.RuleID, uri, base)
		}
		if root, ok := run.OriginalURIBaseIDs[base]; !ok || !strings.HasPrefix(root.URI, "file:///") || !strings.HasSuffix(root.URI, "/") {
			return fmt.Errorf("result %s: base %q is not defined by originalUriBaseIds as a directory (%+v)", res.RuleID, base, run.OriginalURIBaseIDs)
		}
		if loc.Region == nil || loc.Region.StartLine < 1 || loc.Region.StartColumn < 1 {
			return fmt.Errorf("result %s at %s has no 1-based region: %+v", res.RuleID, uri, loc.Region)
		}
		for _, s := range res.Suppressions {
			if s.Kind != "inSource" {
				return fmt.Errorf("result %s: suppression kind %q", res.RuleID, s.Kind)
			}
		}
	}
	return nil
}

// TestSARIFValidatesAgainstSchema checks every example and the whole tree at
// once (the CLI scripts add suppressed findings and --output files).
func TestSARIFValidatesAgainstSchema(t *testing.T) {
	targets := [][]string{{"examples/..."}}
	for _, ex := range examples(t) {
		targets = append(targets, []string{"examples/" + ex + "/stack.cue"})
	}
	for _, args := range targets {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			out, errOut, code := runCLI(t, append([]string{"check", "--format", "sarif"}, args...)...)
			if code == exitBadInput {
				t.Fatalf("exit 2: %s", errOut)
			}
			if err := validateSARIF([]byte(out)); err != nil {
				t.Fatalf("not valid SARIF 2.1.0: %v", err)
			}
			if err := githubChecks([]byte(out)); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestSARIFSchemaRejectsBrokenLogs makes sure the validation can fail.
func TestSARIFSchemaRejectsBrokenLogs(t *testing.T) {
	for _, bad := range []string{
		`{"version": "2.0.0", "runs": []}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "fatal"}]}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.cue"}, "region": {"startLine": 0}}}]}]}]}`,
	} {
		if err := validateSARIF([]byte(bad)); err == nil {
			t.Errorf("schema accepted %s", bad)
		}
	}
}

// sarifLog is the part of a log the tests below read.
type sarifLogView struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID      string
					HelpURI string `json:"helpUri"`
				}
			}
		}
		Invocations []struct {
			ExecutionSuccessful        bool
			ToolExecutionNotifications []struct {
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
						Region           *struct{ StartLine, StartColumn int }
					}
				}
			}
		}
		Results []struct {
			RuleID, Kind, Level, BaselineState string
			Message                            struct{ Text string }
			PartialFingerprints                map[string]string
		}
	}
}

// readSARIF validates a log against the schema and, when its files lie in
// the repository (a temporary file has an absolute URI), GitHub's needs.
func readSARIF(t *testing.T, raw string, inRepository bool) sarifLogView {
	t.Helper()
	if err := validateSARIF([]byte(raw)); err != nil {
		t.Fatalf("not valid SARIF 2.1.0: %v", err)
	}
	if inRepository {
		if err := githubChecks([]byte(raw)); err != nil {
			t.Fatal(err)
		}
	}
	var log sarifLogView
	if err := json.Unmarshal([]byte(raw), &log); err != nil {
		t.Fatal(err)
	}
	return log
}

// TestSARIFLoadErrors: a stack that does not load makes the run
// unsuccessful, with one located notification per error, beside the good
// stacks' results and also when nothing loaded (the log said
// "executionSuccessful": true with no notification, and code scanning
// would close the broken stack's alerts).
func TestSARIFLoadErrors(t *testing.T) {
	bad := badStack(t)
	for _, args := range [][]string{{"examples/web-asg-rds/stack.cue", bad}, {bad}} {
		out, _, code := runCLI(t, append([]string{"check", "--format", "sarif"}, args...)...)
		if code != exitBadInput {
			t.Fatalf("%v: exit %d, want 2", args, code)
		}
		inv := readSARIF(t, out, true).Runs[0].Invocations
		if len(inv) != 1 || inv[0].ExecutionSuccessful {
			t.Fatalf("%v: invocations %+v, want one unsuccessful", args, inv)
		}
		ns := inv[0].ToolExecutionNotifications
		if len(ns) != 1 || ns[0].Level != "error" || !strings.Contains(ns[0].Message.Text, `"m5.lrage"`) || len(ns[0].Locations) != 1 {
			t.Fatalf("%v: notifications %+v", args, ns)
		}
		loc := ns[0].Locations[0].PhysicalLocation
		// The temporary file lies outside the repository: an absolute URI.
		if loc.ArtifactLocation.URI != "file://"+filepath.ToSlash(bad) || loc.Region == nil || loc.Region.StartLine != badStackLine {
			t.Errorf("%v: notification at %+v %+v, want %s:%d", args, loc.ArtifactLocation, loc.Region, bad, badStackLine)
		}
	}
	out, _, code := runCLI(t, "check", "--format", "sarif", "examples/web-asg-rds/stack.cue")
	if code > 1 || !readSARIF(t, out, true).Runs[0].Invocations[0].ExecutionSuccessful {
		t.Errorf("a clean run is not successful (exit %d)", code)
	}
}

// TestSARIFBaselineStates: against a baseline, findings it lists stay in
// the log as "unchanged" (they were dropped, which closes their alerts),
// the others are "new", and an entry no longer found is "absent" with the
// same fingerprint its finding had, while text and JSON only count them.
func TestSARIFBaselineStates(t *testing.T) {
	dir := t.TempDir()
	stack, baseline := filepath.Join(dir, "stack.cue"), filepath.Join(dir, "baseline.json")
	src, err := os.ReadFile("examples/web-asg-rds/stack.cue")
	if err != nil {
		t.Fatal(err)
	}
	// Before: storage unencrypted (TLS004) and COST002. After: storage
	// encrypted (TLS004 gone) and plain database traffic (TLS003, new).
	before := strings.Replace(string(src), "encrypted_at_rest: true", "encrypted_at_rest: false", 1)
	after := strings.Replace(string(src), "require_tls:       true", "require_tls:       false", 1)
	if before == string(src) || after == string(src) {
		t.Fatal("the example changed: update the test")
	}
	write := func(s string) {
		if err := os.WriteFile(stack, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(before)
	out, errOut, code := runCLI(t, "check", "--format", "sarif", "--write-baseline", baseline, stack)
	if code != 0 {
		t.Fatalf("--write-baseline: exit %d: %s", code, errOut)
	}
	fingerprints := map[string]string{}
	for _, r := range readSARIF(t, out, false).Runs[0].Results {
		fingerprints[r.RuleID] = r.PartialFingerprints["infralintFinding/v1"]
	}
	write(after)
	out, errOut, code = runCLI(t, "check", "--format", "sarif", "--baseline", baseline, stack)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (TLS003 is new): %s", code, errOut)
	}
	got := map[string]string{}
	for _, r := range readSARIF(t, out, false).Runs[0].Results {
		got[r.RuleID] = r.BaselineState
		if r.BaselineState == "absent" && (r.Kind != "pass" || r.PartialFingerprints["infralintFinding/v1"] != fingerprints[r.RuleID]) {
			t.Errorf("absent %s: kind %q, fingerprint %q, want pass and %q", r.RuleID, r.Kind, r.PartialFingerprints["infralintFinding/v1"], fingerprints[r.RuleID])
		}
	}
	want := map[string]string{"TLS003": "new", "COST002": "unchanged", "TLS004": "absent"}
	if !maps.Equal(got, want) {
		t.Errorf("baseline states %v, want %v", got, want)
	}
	out, _, _ = runCLI(t, "check", "--format", "json", "--baseline", baseline, stack)
	if !strings.Contains(out, `"baselined": 1,`) || strings.Contains(out, "COST002") {
		t.Errorf("JSON should count the baselined finding and hide it:\n%s", out)
	}
}

// TestSARIFHelpURIsArePages: every rule's helpUri is its own page, and the
// page is in this repository, under docs/rules: not one URL for all.
func TestSARIFHelpURIsArePages(t *testing.T) {
	out, _, _ := runCLI(t, "check", "--format", "sarif", "examples/web-asg-rds/stack.cue")
	for _, r := range readSARIF(t, out, true).Runs[0].Tool.Driver.Rules {
		page, ok := strings.CutPrefix(r.HelpURI, rules.RepositoryURL+"/blob/main/")
		if !ok || page != "docs/rules/"+r.ID+".md" {
			t.Errorf("%s: helpUri %q, want its docs/rules page", r.ID, r.HelpURI)
			continue
		}
		if _, err := os.Stat(page); err != nil {
			t.Errorf("%s: helpUri names %s: %v", r.ID, page, err)
		}
	}
}

// TestGitHubChecksRejectBrokenLogs makes sure githubChecks can fail on
// each requirement it holds the log to.
func TestGitHubChecksRejectBrokenLogs(t *testing.T) {
	out, _, _ := runCLI(t, "check", "--format", "sarif", "examples/web-asg-rds/stack.cue")
	if err := githubChecks([]byte(out)); err != nil {
		t.Fatal(err)
	}
	var good map[string]any
	if err := json.Unmarshal([]byte(out), &good); err != nil {
		t.Fatal(err)
	}
	run := func(log map[string]any) map[string]any { return log["runs"].([]any)[0].(map[string]any) }
	result := func(log map[string]any) map[string]any { return run(log)["results"].([]any)[0].(map[string]any) }
	rule := func(log map[string]any, i int) map[string]any {
		return run(log)["tool"].(map[string]any)["driver"].(map[string]any)["rules"].([]any)[i].(map[string]any)
	}
	artifact := func(log map[string]any) map[string]any {
		loc := result(log)["locations"].([]any)[0].(map[string]any)
		return loc["physicalLocation"].(map[string]any)["artifactLocation"].(map[string]any)
	}
	for name, breakIt := range map[string]func(map[string]any){
		"two locations": func(l map[string]any) {
			r := result(l)
			r["locations"] = append(r["locations"].([]any), r["locations"].([]any)[0])
		},
		"no fingerprints": func(l map[string]any) { delete(result(l), "partialFingerprints") },
		"absolute uri":    func(l map[string]any) { artifact(l)["uri"] = "file:///x/stack.cue" },
		"undefined base":  func(l map[string]any) { delete(run(l), "originalUriBaseIds") },
		"no region": func(l map[string]any) {
			delete(result(l)["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any), "region")
		},
		"shared helpUri": func(l map[string]any) { rule(l, 1)["helpUri"] = rule(l, 0)["helpUri"] },
		"untagged score": func(l map[string]any) { rule(l, 0)["properties"] = map[string]any{"security-severity": "9.1"} },
		"score out of range": func(l map[string]any) {
			rule(l, 0)["properties"] = map[string]any{"tags": []any{"security"}, "security-severity": "11"}
		},
	} {
		var log map[string]any
		if err := json.Unmarshal([]byte(out), &log); err != nil {
			t.Fatal(err)
		}
		breakIt(log)
		raw, _ := json.Marshal(log)
		if err := githubChecks(raw); err == nil {
			t.Errorf("%s: githubChecks accepted the log", name)
		}
	}
}
