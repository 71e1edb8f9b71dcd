package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
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

// githubChecks holds the log to what GitHub code scanning needs beyond the
// schema: named driver with version and rules, every result tied to a rule
// by id and index, a relative URI under %SRCROOT%, a 1-based region.
func githubChecks(raw []byte) error {
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name, Version, InformationURI string
					Rules                         []struct {
						ID, Name                          string
						ShortDescription, FullDescription struct{ Text string }
						Help                              struct{ Text string }
						DefaultConfiguration              struct{ Level string }
					}
				}
			}
			Results []struct {
				RuleID    string
				RuleIndex int
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
						Region           *struct{ StartLine, StartColumn int }
					}
				}
				Suppressions []struct{ Kind, Justification string }
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
	if len(d.Rules) != len(rules.Registry()) {
		return fmt.Errorf("driver lists %d rules, the registry has %d", len(d.Rules), len(rules.Registry()))
	}
	for _, r := range d.Rules {
		if r.ID == "" || r.Name == "" || r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" || r.DefaultConfiguration.Level == "" {
			return fmt.Errorf("rule %+v lacks a field GitHub shows", r)
		}
	}
	for _, res := range run.Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(d.Rules) || d.Rules[res.RuleIndex].ID != res.RuleID {
			return fmt.Errorf("result %s has ruleIndex %d", res.RuleID, res.RuleIndex)
		}
		if res.Level == "" || res.Message.Text == "" || len(res.Locations) != 1 {
			return fmt.Errorf("result %s lacks level, message or one location", res.RuleID)
		}
		loc := res.Locations[0].PhysicalLocation
		uri := loc.ArtifactLocation.URI
		if loc.ArtifactLocation.URIBaseID != "%SRCROOT%" || strings.HasPrefix(uri, "/") || strings.HasPrefix(uri, "./") || strings.Contains(uri, "://") {
			return fmt.Errorf("result %s: uri %q (base %q) is not relative to %%SRCROOT%%", res.RuleID, uri, loc.ArtifactLocation.URIBaseID)
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
