package analysis

import (
	"fmt"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// LimitError is an evaluation budget crossed: which limit, and the files
// (stacks, configuration files) being evaluated at that moment.
type LimitError struct {
	Files []string
	// Timeout is set when a file took longer than it; Memory when the
	// process held more than it (bytes).
	Timeout time.Duration
	Memory  int64
}

func (e *LimitError) Error() string {
	what := "analysis"
	if len(e.Files) > 0 {
		what = strings.Join(e.Files, ", ")
	}
	if e.Timeout > 0 {
		return fmt.Sprintf("%s: evaluation exceeded %s", what, e.Timeout)
	}
	return fmt.Sprintf("%s: evaluation exceeded %d MiB of memory", what, e.Memory>>20)
}

// sampleEvery is how often the watchdog looks at the clock and the heap:
// often enough that memory doubling at each step (string interpolation)
// is caught a step or two past the limit, rarely enough to cost nothing
// (one read of two runtime metrics).
const sampleEvery = 2 * time.Millisecond

// watchdog enforces a run's Limits from its own goroutine: it samples the
// memory the runtime holds and the time each file under evaluation has
// taken, and reports the first limit crossed. A nil watchdog enforces
// nothing.
type watchdog struct {
	limits Limits
	soft   int64 // the runtime's memory limit while armed
	stop   chan struct{}
	done   chan struct{}

	mu     sync.Mutex
	active map[*evaluation]bool
	// overdue is a file that finished past the time limit between two
	// samples, so that the verdict does not depend on the sampling.
	overdue  *LimitError
	reported bool // Exceeded was called (only from watch, then disarm)
}

type evaluation struct {
	file  string
	start time.Time
}

// arm starts the watchdog of a run, or returns nil when nobody is told
// of a crossed limit (limits.Exceeded is nil).
func arm(limits Limits) *watchdog {
	if limits.Exceeded == nil {
		return nil
	}
	if limits.Timeout <= 0 {
		limits.Timeout = DefaultTimeout
	}
	if limits.Memory <= 0 {
		limits.Memory = DefaultMemory
	}
	w := &watchdog{limits: limits, soft: limits.Memory - limits.Memory/8, stop: make(chan struct{}), done: make(chan struct{}), active: map[*evaluation]bool{}}
	// The collector works hard from seven eighths of the ceiling on, so
	// that garbage alone does not cross it.
	addSoftLimit(w.soft)
	go w.watch()
	return w
}

// disarm stops the watchdog (and waits for it, so that Exceeded is never
// called once the run has returned), and reports a file that finished
// past the time limit after the last sample.
func (w *watchdog) disarm() {
	if w == nil {
		return
	}
	close(w.stop)
	<-w.done
	removeSoftLimit(w.soft)
	if !w.reported && w.overdue != nil {
		w.reported = true
		w.limits.Exceeded(w.overdue)
	}
}

// begin marks file as being evaluated until the returned function is
// called.
func (w *watchdog) begin(file string) (end func()) {
	if w == nil {
		return func() {}
	}
	e := &evaluation{file: file, start: time.Now()}
	w.mu.Lock()
	w.active[e] = true
	w.mu.Unlock()
	return func() {
		took := time.Since(e.start)
		w.mu.Lock()
		delete(w.active, e)
		if took > w.limits.Timeout && w.overdue == nil {
			w.overdue = &LimitError{Files: []string{file}, Timeout: w.limits.Timeout}
		}
		w.mu.Unlock()
	}
}

func (w *watchdog) watch() {
	defer close(w.done)
	tick := time.NewTicker(sampleEvery)
	defer tick.Stop()
	samples := memorySamples()
	for {
		select {
		case <-w.stop:
			return
		case now := <-tick.C:
			if e := w.check(now, samples); e != nil {
				w.reported = true
				w.limits.Exceeded(e)
				return
			}
		}
	}
}

// check is one sample: the limit crossed at now, if any.
func (w *watchdog) check(now time.Time, samples []metrics.Sample) *LimitError {
	if heldMemory(samples) > w.limits.Memory {
		return &LimitError{Files: w.files(time.Time{}), Memory: w.limits.Memory}
	}
	w.mu.Lock()
	overdue := w.overdue
	w.mu.Unlock()
	if overdue != nil {
		return overdue
	}
	if late := w.files(now.Add(-w.limits.Timeout)); len(late) > 0 {
		return &LimitError{Files: late, Timeout: w.limits.Timeout}
	}
	return nil
}

// memorySamples are the runtime metrics heldMemory reads.
func memorySamples() []metrics.Sample {
	return []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
}

// heldMemory is what the process holds from the runtime: what it mapped
// less the heap it gave back to the OS (what debug.SetMemoryLimit counts).
func heldMemory(samples []metrics.Sample) int64 {
	metrics.Read(samples)
	return int64(samples[0].Value.Uint64() - samples[1].Value.Uint64())
}

// files lists, sorted, the files under evaluation since before the given
// time (all of them for a zero time).
func (w *watchdog) files(startedBefore time.Time) []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	seen := map[string]bool{}
	var out []string
	for e := range w.active {
		if (startedBefore.IsZero() || e.start.Before(startedBefore)) && !seen[e.file] {
			seen[e.file] = true
			out = append(out, e.file)
		}
	}
	sort.Strings(out)
	return out
}

// The runtime's memory limit is one per process, and runs may overlap (in
// tests): while any watchdog is armed it is the lowest soft limit asked,
// and it is restored when the last one is disarmed.
var (
	softMu     sync.Mutex
	softLimits []int64
	softSaved  int64
)

func addSoftLimit(n int64) {
	softMu.Lock()
	defer softMu.Unlock()
	if len(softLimits) == 0 {
		softSaved = debug.SetMemoryLimit(-1)
	}
	softLimits = append(softLimits, n)
	debug.SetMemoryLimit(slices.Min(softLimits))
}

func removeSoftLimit(n int64) {
	softMu.Lock()
	defer softMu.Unlock()
	if i := slices.Index(softLimits, n); i >= 0 {
		softLimits = slices.Delete(softLimits, i, i+1)
	}
	if len(softLimits) == 0 {
		debug.SetMemoryLimit(softSaved)
		return
	}
	debug.SetMemoryLimit(slices.Min(softLimits))
}
