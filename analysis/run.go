package analysis

import (
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
	paths := req.Paths
	if req.Expand {
		var err error
		if paths, err = ExpandPaths(paths); err != nil {
			return nil, err
		}
	}
	if err := stdinOnce(paths); err != nil {
		return nil, err
	}
	catalogOf, err := catalogFor(req.Prices)
	if err != nil {
		return nil, err
	}
	watch := arm(req.Limits)
	defer watch.disarm()
	configs := newConfigFinder(watch)
	results := make([]*Result, len(paths))
	var todo []*Result
	for i, p := range paths {
		r := &Result{Path: p}
		results[i] = r
		fc, errs := configs.forStack(p)
		if errs != nil {
			r.Errors = errs
			continue
		}
		r.Config = resolve(fc, req)
		todo = append(todo, r)
	}
	stdin := req.Stdin
	if stdin == nil {
		stdin = os.Stdin
	}
	parallel(todo, func(l *schema.Loader, r *Result) {
		defer watch.begin(stackFile(r.Path))()
		analyzeOne(l, r, stdin, catalogOf, req.Want)
	})
	return &Run{Stacks: results, Catalog: catalogOf()}, nil
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
func analyzeOne(l *schema.Loader, r *Result, stdin io.Reader, catalogOf func() *catalog.Catalog, want Want) {
	l.DefaultRegion = r.Config.Region
	var s *schema.Stack
	var err error
	if r.Path == StdinPath {
		s, err = l.LoadReader(schema.StdinName, stdin)
	} else {
		s, err = l.LoadPath(r.Path)
	}
	if err != nil {
		r.Errors = asErrors(err)
		return
	}
	cat := catalogOf()
	if errs := schema.Validate(s, cat); len(errs) > 0 {
		r.Errors = errs
		return
	}
	r.Stack = s
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
