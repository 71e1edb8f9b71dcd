package analysis

import (
	"github.com/infralint/infralint/rules"
	"github.com/infralint/infralint/schema"
)

// KnownRules are the built-in rules followed by the policies of a
// configuration file: file, or when file is "" the .infralint.cue that
// applies to dir (none: the built-in rules alone). It is what `infralint
// rules` and `explain` list; the file is evaluated under limits, as a
// stack's configuration is. It returns the file it read ("" for none).
func KnownRules(file, dir string, limits Limits) ([]*rules.Rule, string, schema.Errors) {
	if file == "" {
		if file = schema.FindConfig(dir); file == "" {
			return rules.Registry(), "", nil
		}
	}
	watch := arm(limits)
	defer watch.disarm()
	fc, errs := newConfigFinder(watch).load(file)
	if errs != nil {
		return nil, file, errs
	}
	return append(rules.Registry(), fc.rules.Policies...), file, nil
}
