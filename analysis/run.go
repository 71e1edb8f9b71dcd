package analysis

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/rightsize"
	"github.com/infralint/infralint/rules"
	"github.com/infralint/infralint/schema"
)

// Analyze runs the pipeline over every stack of req. Stacks are analysed
// in parallel on all cores; the results keep the order of the paths. Its
// error is a usage error that leaves no stack to analyse: an argument
// that names no stack, standard input named twice, or a --prices file
// that cannot be read. The evaluation budget (req.Limits) is watched from
// before the first configuration file or stack is evaluated until
// Analyze returns.
func Analyze(req Request) (*Run, error) {
	targets := []target{}
	for _, p := range req.Paths {
		targets = append(targets, target{path: p})
	}
	var excluded *globs
	if req.Expand {
		var err error
		if targets, err = expand(req.Paths); err != nil {
			return nil, err
		}
		if excluded, err = newGlobs(".", "--exclude", req.Exclude); err != nil {
			return nil, fmt.Errorf("--%v", err)
		}
	}
	paths := make([]string, len(targets))
	for i, t := range targets {
		paths[i] = t.path
	}
	if err := stdinOnce(paths); err != nil {
		return nil, err
	}
	if err := checkTerraformFlags(req); err != nil {
		return nil, err
	}
	catalogOf, err := catalogFor(req.Prices)
	if err != nil {
		return nil, err
	}
	watch := arm(req.Limits)
	defer watch.disarm()
	configs := newConfigFinder(watch)
	var results, todo []*Result
	// Every path in order, each a result or a skip: the run lists both in
	// the order of the paths.
	var order []any
	for _, t := range targets {
		if glob, ok := excluded.match(t.path); ok {
			order = append(order, Skipped{Path: t.path, Named: !t.found, Glob: glob, GlobFrom: excluded.from})
			continue
		}
		r := &Result{Path: t.path, named: !t.found, onlyStacks: req.Expand && (t.found || req.SkipNonStacks)}
		fc, errs := configs.forStack(t.path)
		if errs != nil {
			r.Errors = errs
			order = append(order, r)
			continue
		}
		if req.Expand {
			if glob, ok := fc.exclude.match(t.path); ok {
				order = append(order, Skipped{Path: t.path, Named: !t.found, Glob: glob, GlobFrom: fc.exclude.from})
				continue
			}
		}
		r.Config = resolve(fc, req)
		order = append(order, r)
		todo = append(todo, r)
	}
	// After the configurations: --skip may name one of their policies.
	if err := configs.checkSkip(req.Overrides.SkipRules); err != nil {
		return nil, err
	}
	stdin := req.Stdin
	if stdin == nil {
		stdin = os.Stdin
	}
	parallel(todo, func(l *schema.Loader, r *Result) {
		defer watch.begin(stackFile(r.Path))()
		analyzeOne(l, r, stdin, catalogOf, &req)
	})
	run := &Run{Catalog: catalogOf()}
	for _, o := range order {
		switch o := o.(type) {
		case Skipped:
			run.Skipped = append(run.Skipped, o)
		case *Result:
			if o.notStack {
				run.Skipped = append(run.Skipped, Skipped{Path: o.Path, Named: o.named})
				continue
			}
			results = append(results, o)
		}
	}
	run.Stacks = results
	return run, nil
}

// catalogFor returns the catalog a run prices against. The embedded
// snapshot is parsed on another core while the first stacks evaluate
// (a fixed cost of every run, a commit hook's included).
func catalogFor(prices string) (func() *catalog.Catalog, error) {
	if prices == "" {
		go catalog.Default()
		return catalog.Default, nil
	}
	user, err := catalog.Load(prices)
	if err != nil {
		return nil, fmt.Errorf("--prices: %v", err)
	}
	merged := catalog.Merge(catalog.Default(), user)
	return func() *catalog.Catalog { return merged }, nil
}

// parallel runs do over rs on all cores. A schema.Loader is not safe for
// concurrent use: each worker makes its own.
func parallel(rs []*Result, do func(*schema.Loader, *Result)) {
	workers := min(runtime.GOMAXPROCS(0), len(rs))
	next := make(chan *Result)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l, err := schema.NewLoader()
			for r := range next {
				if err != nil {
					r.Errors = asErrors(err)
					continue
				}
				do(l, r)
			}
		}()
	}
	for _, r := range rs {
		next <- r
	}
	close(next)
	wg.Wait()
}

// analyzeOne loads one stack and runs the analyses wanted, each once, in
// the pipeline's order; the first input error ends it.
func analyzeOne(l *schema.Loader, r *Result, stdin io.Reader, catalogOf func() *catalog.Catalog, req *Request) {
	want := req.Want
	l.DefaultRegion = r.Config.Region
	var s *schema.Stack
	var err error
	if r.Path == StdinPath {
		l.OnlyStacks = false // standard input is always named
		s, err = l.LoadReader(schema.StdinName, stdin)
	} else if kind := terraformKind(r.Path); kind != "" {
		s, err = loadTerraform(l, r, kind, req)
	} else {
		l.OnlyStacks = r.onlyStacks
		s, err = l.LoadPath(r.Path)
	}
	var notStack *schema.NotStackError
	if errors.As(err, &notStack) {
		r.notStack = true
		return
	}
	if err != nil {
		r.Errors = asErrors(err)
		return
	}
	if len(s.Components) >= collectAfterLoad {
		// The evaluation is garbage now (the loader keeps no context):
		// collected here, it is not carried under the heap the analysis
		// grows (1,000 components: peak RSS about 125 → 108 MiB).
		runtime.GC()
	}
	cat := catalogOf()
	if errs := schema.Validate(s, cat); len(errs) > 0 {
		r.Errors = errs
		return
	}
	r.Stack = s
	if why := notComputed(s); why != "" {
		analyzeStructure(r, s, cat, want, why)
		return
	}
	needCapacity, needCost, needAlternatives := want.Capacity, want.Cost, false
	if want.Findings {
		// Only what an enabled rule declares it requires.
		for _, n := range rules.NeedsOf(rules.Registry(), r.Config.Rules.Disabled) {
			needCapacity = needCapacity || n == rules.NeedCapacity
			needCost = needCost || n == rules.NeedCost
			needAlternatives = needAlternatives || n == rules.NeedRightSizing
		}
	}
	// The estimate sizes autoscaling tiers with the model; the search for
	// cheaper types and the sweeps read it too.
	needCapacity = needCapacity || needAlternatives || want.Sweeps || needCost && hasAutoscaling(s)
	if needCapacity {
		model, err := capacity.Analyze(s, capacity.Options{TargetUtilization: r.Config.TargetUtilization, Catalog: cat})
		if err != nil {
			r.Errors = asErrors(err)
			return
		}
		r.Capacity = model
	}
	if needCost || needAlternatives || want.Sweeps {
		r.RightSizing = rightsize.Plan(s, r.Capacity, cat, rightsize.Options{Alternatives: needAlternatives, Sweeps: want.Sweeps})
	}
	if needCost {
		r.Estimate = pricing.Price(s, cat, pricing.Options{Instances: r.RightSizing.Instances})
	}
	if want.Findings {
		in := &rules.Input{Stack: s, Capacity: r.Capacity, Cost: r.Estimate, Catalog: cat}
		if needAlternatives {
			in.RightSizing = r.RightSizing
		}
		res := rules.Run(in, r.Config.Rules)
		r.Findings = &res
	}
}

// collectAfterLoad is the stack size from which a load's garbage is worth
// a collection of its own: a small stack's evaluation is a few MB, which
// the next ordinary collection takes.
const collectAfterLoad = 200

// hasAutoscaling reports whether a compute tier of s autoscales: only
// those need the model to be priced.
func hasAutoscaling(s *schema.Stack) bool {
	for _, c := range s.OfKind(schema.KindCompute) {
		if c.Compute.Autoscaling != nil {
			return true
		}
	}
	return false
}
