package render

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/infralint/infralint/rules"
	"github.com/infralint/infralint/schema"
)

// SARIF 2.1.0 as GitHub code scanning reads it: one run, the driver listing
// every rule, results located by a URI relative to %SRCROOT% (the
// repository's root, chosen by the caller), suppressed findings as results
// with an inSource suppression, input errors as tool execution
// notifications of an unsuccessful run, and, against a baseline, every
// result with its baselineState.

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	srcRoot      = "%SRCROOT%"
	// InformationURI is where a SARIF viewer sends users to learn about
	// infralint.
	InformationURI = rules.RepositoryURL
	// fingerprintKey names infralint's line-independent finding identity
	// in partialFingerprints, so that moved lines keep their alerts.
	fingerprintKey = "infralintFinding/v1"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                        `json:"tool"`
	Invocations        []sarifInvocation                `json:"invocations"`
	OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
	Results            []sarifResult                    `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     sarifText          `json:"shortDescription"`
	FullDescription      sarifText          `json:"fullDescription"`
	Help                 sarifMultiformat   `json:"help"`
	HelpURI              string             `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           sarifProperties    `json:"properties"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifMultiformat struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifProperties struct {
	Tags []string `json:"tags,omitempty"`
	// SecuritySeverity is GitHub's score, 0.0 to 10.0 as a string, of a
	// rule tagged "security" (see securitySeverity).
	SecuritySeverity string `json:"security-severity,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful            bool                `json:"executionSuccessful"`
	ToolExecutionNotifications     []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	ToolConfigurationNotifications []sarifNotification `json:"toolConfigurationNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID    string    `json:"ruleId"`
	RuleIndex int       `json:"ruleIndex"`
	Kind      string    `json:"kind,omitempty"`
	Level     string    `json:"level"`
	Message   sarifText `json:"message"`
	// Locations is empty only for a baseline entry no longer found, which
	// has no place in today's files (GitHub shows no result without one).
	Locations           []sarifLocation    `json:"locations,omitempty"`
	BaselineState       string             `json:"baselineState,omitempty"`
	PartialFingerprints map[string]string  `json:"partialFingerprints,omitempty"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}

// SARIFLevel maps a severity to a SARIF level.
func SARIFLevel(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	}
	return "note"
}

// FindingsSARIF writes the report as a SARIF 2.1.0 log. rs is every rule
// the tool has (results refer to them by index); version is the tool's
// version; paths are made relative to root, the %SRCROOT% (the repository's
// top level: GitHub resolves URIs against it).
func FindingsSARIF(w io.Writer, r Report, rs []*rules.Rule, version, root string) error {
	return safeText(w, func(w io.Writer) error { return findingsSARIF(w, r, rs, version, root) })
}

// Baseline states, SARIF 2.1.0 §3.27.24.
const (
	baselineNew       = "new"
	baselineUnchanged = "unchanged"
	baselineAbsent    = "absent"
)

func findingsSARIF(w io.Writer, r Report, rs []*rules.Rule, version, root string) error {
	index := map[string]int{}
	driver := sarifDriver{Name: "infralint", Version: version, InformationURI: InformationURI, Rules: []sarifRule{}}
	for i, rule := range rs {
		index[rule.ID] = i
		driver.Rules = append(driver.Rules, sarifRuleOf(rule))
	}
	inv := sarifInvocation{ExecutionSuccessful: len(r.Errors) == 0}
	for _, e := range r.Errors {
		n := sarifNotification{Level: "error", Message: sarifText{Text: e.Msg}}
		if e.Pos.File != "" {
			n.Locations = []sarifLocation{{PhysicalLocation: physicalLocation(e.Pos, root)}}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	for _, n := range r.Notes {
		inv.ToolConfigurationNotifications = append(inv.ToolConfigurationNotifications,
			sarifNotification{Level: "note", Message: sarifText{Text: n}})
	}
	run := sarifRun{
		Tool:        sarifTool{Driver: driver},
		Invocations: []sarifInvocation{inv},
		Results:     []sarifResult{},
	}
	if root != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLocation{srcRoot: {URI: fileURI(root) + "/"}}
	}
	add := func(f rules.Finding, state string) {
		res := sarifResult{
			RuleID:        f.RuleID,
			RuleIndex:     -1,
			Level:         SARIFLevel(f.Severity),
			Message:       sarifText{Text: f.Message},
			Locations:     []sarifLocation{{PhysicalLocation: physicalLocation(f.Pos, root)}},
			BaselineState: state,
			PartialFingerprints: map[string]string{
				fingerprintKey: FindingFingerprint(f, root),
			},
		}
		if i, ok := index[f.RuleID]; ok {
			res.RuleIndex = i
		}
		if f.Fix != "" {
			res.Message.Text += " (fix: " + f.Fix + ")"
		}
		if f.Suppressed {
			res.Suppressions = []sarifSuppression{{Kind: "inSource", Justification: f.SuppressedBy}}
		}
		if state == baselineAbsent {
			// Fixed since the baseline: not a problem today (kind "pass",
			// level "none"), and placed nowhere, so that a consumer that
			// ignores baselineState raises no alert for it.
			res.Kind, res.Level, res.Locations = "pass", "none", nil
			res.Message.Text = "no longer found in " + RelPath(f.Pos.File, root) + ": " + f.Message
		}
		run.Results = append(run.Results, res)
	}
	current := ""
	if r.Baseline != nil {
		current = baselineNew
	}
	for _, f := range r.Findings {
		add(f, current)
	}
	for _, f := range r.Suppressed {
		add(f, current)
	}
	if r.Baseline != nil {
		for _, f := range r.Baseline.Unchanged {
			add(f, baselineUnchanged)
		}
		for _, f := range r.Baseline.Absent {
			add(f, baselineAbsent)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

func sarifRuleOf(r *rules.Rule) sarifRule {
	docs := r.Docs
	if docs == "" {
		docs = r.Summary // a policy may give no docs; GitHub shows nothing then
	}
	help := docs + "\n\nMore: infralint explain " + r.ID
	family := rules.Family(r.ID)
	props := sarifRuleProperties(r.ID, family)
	if r.IsPolicy() {
		props.Tags = append(props.Tags, "policy")
	}
	return sarifRule{
		ID:                   r.ID,
		Name:                 r.Name,
		ShortDescription:     sarifText{Text: r.Summary},
		FullDescription:      sarifText{Text: firstParagraph(docs)},
		Help:                 sarifMultiformat{Text: help, Markdown: help},
		HelpURI:              r.DocsURL(),
		DefaultConfiguration: sarifConfiguration{Level: SARIFLevel(r.Severity)},
		Properties:           props,
	}
}

func firstParagraph(s string) string {
	p, _, _ := strings.Cut(strings.TrimSpace(s), "\n\n")
	return strings.Join(strings.Fields(p), " ")
}

// physicalLocation locates a position by a URI relative to %SRCROOT% when
// the file lies below root, else by an absolute file URI.
func physicalLocation(p schema.Position, root string) sarifPhysicalLocation {
	var loc sarifPhysicalLocation
	rel := RelPath(p.File, root)
	if r, ok := strings.CutPrefix(rel, "./"); ok {
		loc.ArtifactLocation = sarifArtifactLocation{URI: (&url.URL{Path: r}).EscapedPath(), URIBaseID: srcRoot}
	} else {
		loc.ArtifactLocation = sarifArtifactLocation{URI: fileURI(p.File)}
	}
	if p.Line > 0 {
		loc.Region = &sarifRegion{StartLine: p.Line, StartColumn: p.Column}
		if p.Column < 1 {
			loc.Region.StartColumn = 0 // omitted: the whole line
		}
	}
	return loc
}

func fileURI(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

// FindingFingerprint identifies a finding without its line: rule, file
// (relative to dir), component path and message. Baselines and SARIF's
// partialFingerprints use it so that moving lines changes nothing.
func FindingFingerprint(f rules.Finding, dir string) string {
	h := sha256.Sum256([]byte(strings.Join([]string{f.RuleID, RelPath(f.Pos.File, dir), f.Path, f.Message}, "\x00")))
	return hex.EncodeToString(h[:16])
}
