package main

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/infralint/infralint/rules"
	"github.com/infralint/infralint/schema"
)

// todayEnv fixes the date suppressions expire against, for reproducible
// runs and tests: INFRALINT_TODAY=2026-01-31.
const todayEnv = "INFRALINT_TODAY"

func today() (time.Time, error) {
	if v := strings.TrimSpace(os.Getenv(todayEnv)); v != "" {
		t, err := time.Parse(schema.DateLayout, v)
		if err != nil {
			return time.Time{}, badInput("%s=%q: want a date YYYY-MM-DD", todayEnv, v)
		}
		return t, nil
	}
	return time.Now(), nil
}

// stackConfig is a validated configuration turned into what a run needs.
type stackConfig struct {
	*schema.Config
	opts   rules.Options
	failOn rules.Severity
}

// configFinder finds the .infralint.cue that applies to each stack (the
// nearest one walking up from the stack's directory) and loads each file
// once.
type configFinder struct {
	byFile map[string]*stackConfig
	errs   map[string]error
	def    *stackConfig
}

func newConfigFinder() *configFinder {
	return &configFinder{byFile: map[string]*stackConfig{}, errs: map[string]error{}}
}

// forStack returns the configuration of the stack at path. A bad
// configuration file is returned as an error once; later stacks under it
// get errConfigReported.
func (cf *configFinder) forStack(path string) (*stackConfig, error) {
	dir := path
	if info, err := os.Stat(path); err == nil && !info.IsDir() {
		dir = filepath.Dir(path)
	}
	file := schema.FindConfig(dir)
	if file == "" {
		if cf.def == nil {
			c, err := newStackConfig(schema.DefaultConfig())
			if err != nil {
				return nil, err
			}
			cf.def = c
		}
		return cf.def, nil
	}
	if c, ok := cf.byFile[file]; ok {
		return c, nil
	}
	if _, ok := cf.errs[file]; ok {
		return nil, errConfigReported
	}
	raw, err := schema.LoadConfig(file)
	if err == nil {
		var c *stackConfig
		if c, err = newStackConfig(raw); err == nil {
			cf.byFile[file] = c
			return c, nil
		}
	}
	cf.errs[file] = err
	return nil, err
}

// errConfigReported marks a stack skipped for a configuration error that
// was already printed.
var errConfigReported = &exitError{code: exitBadInput}

// newStackConfig checks what CUE cannot (rule IDs exist) and converts.
func newStackConfig(c *schema.Config) (*stackConfig, error) {
	sc := &stackConfig{Config: c, opts: rules.Options{
		Disabled:        map[string]bool{},
		Severities:      map[string]rules.Severity{},
		NoInlineIgnores: !c.InlineIgnores,
		CacheHitFloor:   c.Thresholds.CacheHitFloor,
	}}
	var errs schema.Errors
	for id, rc := range c.Rules {
		if _, ok := rules.Lookup(id); !ok {
			errs = append(errs, &schema.Error{Pos: c.Source.Pos(schema.Path("rules", id)),
				Msg: "rules." + id + ": unknown rule; run 'infralint rules' for the list"})
			continue
		}
		if rc.Enabled != nil && !*rc.Enabled {
			sc.opts.Disabled[id] = true
		}
		if rc.Severity != "" {
			sev, _ := rules.ParseSeverity(rc.Severity) // CUE allowed only valid names
			sc.opts.Severities[id] = sev
		}
	}
	if len(errs) > 0 {
		sort.Slice(errs, func(i, j int) bool {
			a, b := errs[i].Pos, errs[j].Pos
			return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column
		})
		return nil, errs
	}
	var err error
	if sc.failOn, err = rules.ParseSeverity(c.FailOn); err != nil {
		return nil, &schema.Error{Pos: c.Source.Pos("fail_on"), Msg: err.Error()}
	}
	return sc, nil
}
