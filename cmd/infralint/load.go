package main

import (
	"runtime"
	"sync"

	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/schema"
)

// stackJob is one stack to load, with the default region of the
// configuration that applies to it.
type stackJob struct {
	path   string
	region string
}

type loadResult struct {
	stack *schema.Stack
	err   error
}

// loadParallel loads every job on all cores and returns the results in the
// jobs' order, so that reports are stable. A schema.Loader is not safe for
// concurrent use: each worker makes its own.
func loadParallel(jobs []stackJob, cat *catalog.Catalog) []loadResult {
	return loadAll(jobs, func() *catalog.Catalog { return cat })
}

// loadParallelDefault is loadParallel with the embedded catalog, which it
// parses on another core while the first stacks evaluate: parsing its
// JSON is a fixed ~25 ms of every run, a commit hook's included.
func loadParallelDefault(jobs []stackJob) []loadResult {
	go catalog.Default()
	return loadAll(jobs, catalog.Default)
}

// loadAll is loadParallel with the catalog asked for once a stack has
// loaded.
func loadAll(jobs []stackJob, catalogOf func() *catalog.Catalog) []loadResult {
	out := make([]loadResult, len(jobs))
	workers := min(runtime.GOMAXPROCS(0), len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l, err := schema.NewLoader()
			for i := range next {
				if err != nil {
					out[i].err = err
					continue
				}
				l.DefaultRegion = jobs[i].region
				out[i] = loadOneWith(l, jobs[i].path, catalogOf)
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// loadOne loads one stack and validates it against the catalog.
func loadOne(l *schema.Loader, path string, cat *catalog.Catalog) loadResult {
	return loadOneWith(l, path, func() *catalog.Catalog { return cat })
}

func loadOneWith(l *schema.Loader, path string, catalogOf func() *catalog.Catalog) loadResult {
	s, err := l.LoadPath(path)
	if err != nil {
		return loadResult{err: err}
	}
	if errs := schema.Validate(s, catalogOf()); len(errs) > 0 {
		return loadResult{err: errs}
	}
	return loadResult{stack: s}
}
