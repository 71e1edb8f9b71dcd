package analysis

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/rules"
	"github.com/infralint/infralint/schema"
)

// Config is the configuration that applies to one stack: its
// .infralint.cue (or the defaults) with the command's flags laid over it.
// This is the only place a flag meets the file.
type Config struct {
	// File is the .infralint.cue that applies, as written with its
	// defaults filled in (the built-in defaults, File.File "", when none
	// does).
	File *schema.Config
	// Region is the default region of a stack that names none.
	Region string
	// TargetUtilization is the capacity model's utilisation target.
	TargetUtilization float64
	// FailOn is the lowest severity that fails check.
	FailOn rules.Severity
	// Rules are the rule switches, severities, cache floor and
	// suppression settings; Today is the run's date.
	Rules rules.Options
}

// resolve lays the request's overrides over a validated configuration
// file and dates the run.
func resolve(f *fileConfig, req Request) *Config {
	o := req.Overrides
	c := &Config{File: f.raw, Region: f.raw.Region, TargetUtilization: f.raw.Thresholds.UtilisationTarget, FailOn: f.failOn, Rules: f.rules}
	if c.TargetUtilization <= 0 {
		c.TargetUtilization = capacity.DefaultTargetUtilization
	}
	if o.TargetUtilization > 0 {
		c.TargetUtilization = o.TargetUtilization
	}
	if o.FailOn != 0 {
		c.FailOn = o.FailOn
	}
	c.Rules.NoInlineIgnores = c.Rules.NoInlineIgnores || o.NoInlineIgnores
	if len(o.SkipRules) > 0 {
		// The file's map is shared by every stack under it: copy it.
		c.Rules.Disabled = maps.Clone(c.Rules.Disabled)
		for _, id := range o.SkipRules {
			c.Rules.Disabled[id] = true
		}
	}
	c.Rules.Today = req.Today
	return c
}

// fileConfig is one .infralint.cue, validated and converted.
type fileConfig struct {
	raw     *schema.Config
	rules   rules.Options
	failOn  rules.Severity
	exclude *globs // relative to the file's directory
}

// configFinder finds the .infralint.cue that applies to each stack (the
// nearest one walking up from the stack's directory) and loads each file
// once; a bad file's errors are returned for every stack under it.
type configFinder struct {
	byFile map[string]*fileConfig
	errs   map[string]schema.Errors
	def    *fileConfig
	watch  *watchdog // the evaluation budget, which configuration files share with stacks
}

func newConfigFinder(watch *watchdog) *configFinder {
	return &configFinder{byFile: map[string]*fileConfig{}, errs: map[string]schema.Errors{}, watch: watch}
}

// forStack returns the configuration of the stack at path; standard
// input's is the working directory's.
func (cf *configFinder) forStack(path string) (*fileConfig, schema.Errors) {
	dir := path
	if path == StdinPath {
		dir = "."
	} else if info, err := os.Stat(path); err == nil && !info.IsDir() {
		dir = filepath.Dir(path)
	}
	file := schema.FindConfig(dir)
	if file == "" {
		if cf.def == nil {
			c, errs := newFileConfig(schema.DefaultConfig())
			if errs != nil {
				return nil, errs // the embedded defaults name a rule that does not exist: a bug a test catches
			}
			cf.def = c
		}
		return cf.def, nil
	}
	return cf.load(file)
}

// load reads, validates and converts the configuration file, once, within
// the evaluation budget.
func (cf *configFinder) load(file string) (*fileConfig, schema.Errors) {
	if c, ok := cf.byFile[file]; ok {
		return c, nil
	}
	if errs, ok := cf.errs[file]; ok {
		return nil, errs
	}
	end := cf.watch.begin(file)
	raw, err := schema.LoadConfig(file)
	end()
	var c *fileConfig
	var errs schema.Errors
	if err != nil {
		errs = asErrors(err)
	} else if c, errs = newFileConfig(raw); errs == nil {
		cf.byFile[file] = c
		return c, nil
	}
	cf.errs[file] = errs
	return nil, errs
}

// newFileConfig checks what CUE cannot (rule IDs exist) and converts.
func newFileConfig(c *schema.Config) (*fileConfig, schema.Errors) {
	fc := &fileConfig{raw: c, rules: rules.Options{
		Disabled:        map[string]bool{},
		Severities:      map[string]rules.Severity{},
		NoInlineIgnores: !c.InlineIgnores,
		CacheHitFloor:   c.Thresholds.CacheHitFloor,
		CostWarningUSD:  c.Thresholds.CostWarningUSD,
	}}
	errs := fc.addPolicies(c)
	declared := map[string]bool{}
	for _, r := range fc.rules.Policies {
		declared[r.ID] = true
	}
	for id, rc := range c.Rules {
		if _, ok := rules.Lookup(id); !ok && !declared[id] {
			errs = append(errs, &schema.Error{Pos: c.Source.Pos(schema.Path("rules", id)),
				Msg: "rules." + id + ": unknown rule; run 'infralint rules' for the list"})
			continue
		}
		if rc.Enabled != nil && !*rc.Enabled {
			fc.rules.Disabled[id] = true
		}
		if rc.Severity != "" {
			sev, _ := rules.ParseSeverity(rc.Severity) // CUE allowed only valid names
			fc.rules.Severities[id] = sev
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
	if fc.failOn, err = rules.ParseSeverity(c.FailOn); err != nil {
		return nil, schema.Errors{{Pos: c.Source.Pos("fail_on"), Msg: err.Error()}}
	}
	if errs := checkExclude(c); errs != nil {
		return nil, errs
	}
	if c.File != "" {
		if fc.exclude, err = newGlobs(filepath.Dir(c.File), c.File, c.Exclude); err != nil {
			return nil, asErrors(err)
		}
	}
	return fc, nil
}

// addPolicies makes the file's policies rules, refusing an ID in a
// built-in rule family: ACME001 is the organisation's, CACHE009 would read
// as infralint's own and could collide with a rule still to come.
func (fc *fileConfig) addPolicies(c *schema.Config) schema.Errors {
	var errs schema.Errors
	families := rules.Families()
	for _, p := range c.Policies {
		family := rules.Family(p.ID)
		if slices.Contains(families, family) {
			errs = append(errs, &schema.Error{Pos: p.Pos, Msg: fmt.Sprintf(
				"policies.%s: %s is a prefix of infralint's own rules (%s); give the organisation's policies a prefix of its own, such as ACME001",
				p.ID, family, strings.Join(families, ", "))})
			continue
		}
		r, err := rules.FromPolicy(p)
		if err != nil {
			errs = append(errs, &schema.Error{Pos: p.Pos, Msg: err.Error()})
			continue
		}
		fc.rules.Policies = append(fc.rules.Policies, r)
	}
	return errs
}

// checkExclude refuses, at its position, an exclude glob that is not
// one or can match nothing.
func checkExclude(c *schema.Config) schema.Errors {
	var errs schema.Errors
	for i, p := range c.Exclude {
		if _, err := normaliseGlob(p); err != nil {
			errs = append(errs, &schema.Error{Pos: c.Source.Pos(schema.Path("exclude", i)),
				Msg: fmt.Sprintf("exclude[%d]: %q: %v", i, p, err)})
		}
	}
	return errs
}

// checkSkip refuses a --skip rule ID that names no built-in rule and no
// policy of a configuration file read, with the closest IDs that do. When
// a file could not be read, an ID outside the built-in families may be one
// of its policies: its errors are reported instead.
func (cf *configFinder) checkSkip(ids []string) error {
	var known []string
	for _, r := range rules.Registry() {
		known = append(known, r.ID)
	}
	for _, fc := range cf.byFile {
		for _, r := range fc.rules.Policies {
			known = append(known, r.ID)
		}
	}
	sort.Strings(known)
	families := rules.Families()
	for _, id := range ids {
		if slices.Contains(known, id) {
			continue
		}
		if len(cf.errs) > 0 && !slices.Contains(families, rules.Family(id)) {
			continue
		}
		hint := ""
		if s := catalog.Suggest(known, id, 3); len(s) > 0 {
			hint = "; did you mean " + strings.Join(s, ", ") + "?"
		}
		return fmt.Errorf("--skip %s: unknown rule%s (run 'infralint rules' for the list)", id, hint)
	}
	return nil
}

// asErrors turns any error of a step into positioned input errors; one
// without a position keeps an empty one.
func asErrors(err error) schema.Errors {
	switch e := err.(type) {
	case nil:
		return nil
	case schema.Errors:
		return e
	case *schema.Error:
		return schema.Errors{e}
	}
	return schema.Errors{{Msg: err.Error()}}
}
