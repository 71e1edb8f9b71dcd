package schema

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/cuecontext"

	"github.com/infralint/infralint/internal/inputfile"
)

//go:embed config.cue
var configSource []byte

// ConfigSchemaSource is the embedded CUE schema of .infralint.cue.
func ConfigSchemaSource() []byte { return configSource }

// Config is a project configuration file after unification with #Config:
// every default is filled in.
type Config struct {
	// File is the configuration file, or "" for the built-in defaults.
	File string `json:"-"`
	// Rules holds per-rule settings keyed by rule ID.
	Rules  map[string]RuleConfig `json:"rules"`
	FailOn string                `json:"fail_on"`
	// Thresholds are read by the capacity and cost analyses.
	Thresholds Thresholds `json:"thresholds"`
	// Region is the default region of stacks that name none ("" = no default).
	Region        string `json:"region"`
	InlineIgnores bool   `json:"inline_ignores"`
	// Exclude are globs, relative to the file's directory, of paths that
	// are not analysed (analysis checks their syntax).
	Exclude []string `json:"exclude"`
	// WorkloadFile is the workload overlay of the stacks read from
	// Terraform, relative to the file's directory ("" = none).
	WorkloadFile string `json:"workload_file"`
	// Policies are the organisation's rules, in ID order.
	Policies []*Policy `json:"-"`

	// Source locates the fields in the file, for errors about them.
	Source *Source `json:"-"`
}

// RuleConfig changes one rule. A nil Enabled means "as by default".
type RuleConfig struct {
	Enabled  *bool  `json:"enabled"`
	Severity string `json:"severity"`
}

// Thresholds are the numbers a stack is judged against.
type Thresholds struct {
	// UtilisationTarget is the highest acceptable utilisation at peak (0..1].
	UtilisationTarget float64 `json:"utilisation_target"`
	// CacheHitFloor is the lowest acceptable cache hit ratio (0..1).
	CacheHitFloor float64 `json:"cache_hit_floor"`
	// CostWarningUSD is the monthly saving from which a COST finding is a
	// warning.
	CostWarningUSD float64 `json:"cost_warning_usd"`
}

// DefaultConfig is the configuration of a stack with no .infralint.cue
// above it: #Config's defaults.
func DefaultConfig() *Config {
	c, err := loadConfig("", []byte("{}"))
	if err != nil {
		panic(fmt.Sprintf("embedded config schema: %v", err))
	}
	return c
}

// LoadConfig reads and validates one .infralint.cue file.
func LoadConfig(path string) (*Config, error) {
	src, err := inputfile.Read(path, maxInputBytes)
	if err != nil {
		return nil, &Error{Pos: Position{File: path}, Msg: fileProblem(err, "config")}
	}
	if !utf8.Valid(src) {
		return nil, errorf(Position{File: path, Line: 1, Column: 1}, "file is not valid UTF-8 text")
	}
	return loadConfig(path, src)
}

func loadConfig(file string, src []byte) (*Config, error) {
	// A config is small and read once per directory: a context of its own
	// keeps this safe to call beside Loaders in other goroutines.
	ctx := cuecontext.New()
	schema := ctx.CompileBytes(configSource, cue.Filename(schemaFilePrefix+"config.cue"))
	if schema.Err() != nil {
		return nil, fmt.Errorf("embedded config schema: %w", schema.Err())
	}
	def := schema.LookupPath(cue.ParsePath("#Config"))
	name := file
	if name == "" {
		name = "defaults"
	}
	f, user, err := compileFile(ctx, name, src)
	if err != nil {
		return nil, err
	}
	idx, err := indexAST(file, []*ast.File{f}, user)
	if err != nil {
		return nil, err
	}
	if errs := policyIDErrors(user, idx); errs != nil {
		return nil, errs
	}
	unified := def.Unify(user)
	raw, decl, requires, err := exportConfig(unified, user, idx)
	if err != nil {
		return nil, err
	}
	var c Config
	if err := json.Unmarshal(raw, &c); err != nil {
		return nil, errorf(Position{File: file}, "decoding the configuration: %v", err)
	}
	c.File, c.Source = file, idx
	if c.Policies, err = newPolicies(ctx, decl, requires, idx); err != nil {
		return nil, err
	}
	return &c, nil
}

// FindConfig returns the path of the nearest .infralint.cue in dir or one
// of its parents, or "" when there is none.
func FindConfig(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for d := abs; ; {
		p := filepath.Join(d, ConfigFileName)
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			return relIfBelow(p)
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// relIfBelow shortens p to a path relative to the working directory when
// it lies below it, so that error positions read as the user typed them.
func relIfBelow(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	rel, err := filepath.Rel(wd, p)
	if err != nil || strings.HasPrefix(rel, "..") {
		return p
	}
	return rel
}
