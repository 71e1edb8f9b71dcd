package analysis

import (
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"
)

// reports arms a watchdog whose crossed limits arrive on the channel.
func reports(t *testing.T, limits Limits) (*watchdog, chan *LimitError) {
	t.Helper()
	got := make(chan *LimitError, 1)
	limits.Exceeded = func(e *LimitError) { got <- e }
	w := arm(limits)
	t.Cleanup(w.disarm)
	return w, got
}

func await(t *testing.T, got chan *LimitError) *LimitError {
	t.Helper()
	select {
	case e := <-got:
		return e
	case <-time.After(10 * time.Second):
		t.Fatal("no limit reported")
		return nil
	}
}

// The time limit applies to each file from when its evaluation began, and
// names only the files past it.
func TestWatchdogTimeout(t *testing.T) {
	w, got := reports(t, Limits{Timeout: 30 * time.Millisecond})
	w.begin("done.cue")() // over at once: never named
	defer w.begin("slow.cue")()
	e := await(t, got)
	if !slices.Equal(e.Files, []string{"slow.cue"}) || e.Timeout != 30*time.Millisecond || e.Memory != 0 {
		t.Errorf("got %+v, want slow.cue past 30ms", e)
	}
	if msg := e.Error(); msg != "slow.cue: evaluation exceeded 30ms" {
		t.Errorf("message %q", msg)
	}
}

// The memory limit is the process's: every file under evaluation is named.
func TestWatchdogMemory(t *testing.T) {
	runtime.GC()
	limit := heldMemory(memorySamples()) + 32<<20
	w, got := reports(t, Limits{Memory: limit})
	defer w.begin("b.cue")()
	defer w.begin("a.cue")()
	ballast := make([]byte, 96<<20)
	for i := range ballast {
		ballast[i] = 1 // touched, so that it is held
	}
	e := await(t, got)
	runtime.KeepAlive(ballast)
	if !slices.Equal(e.Files, []string{"a.cue", "b.cue"}) || e.Memory != limit || e.Timeout != 0 {
		t.Errorf("got %+v, want a.cue and b.cue past %d bytes", e, limit)
	}
	if !strings.HasSuffix(e.Error(), "MiB of memory") {
		t.Errorf("message %q", e.Error())
	}
}

// The runtime's soft memory limit is set while armed, below the ceiling,
// and restored after; nothing is reported once disarmed; no callback, no
// watchdog.
func TestWatchdogArmAndDisarm(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	got := make(chan *LimitError, 1)
	w := arm(Limits{Timeout: time.Millisecond, Memory: 1 << 30, Exceeded: func(e *LimitError) { got <- e }})
	if soft := debug.SetMemoryLimit(-1); soft != 1<<30-1<<27 {
		t.Errorf("soft limit %d while armed, want seven eighths of 1 GiB", soft)
	}
	w.disarm()
	if after := debug.SetMemoryLimit(-1); after != before {
		t.Errorf("soft limit %d after, want %d restored", after, before)
	}
	select {
	case e := <-got:
		t.Errorf("reported %+v with nothing under evaluation", e)
	default:
	}
	if arm(Limits{Timeout: time.Nanosecond}) != nil {
		t.Error("armed without anyone to tell")
	}
	var none *watchdog
	none.begin("x.cue")()
	none.disarm()
}

// Analyze arms the budget around the whole run and names the stack; the
// watchdog is stopped (and has reported) by the time Analyze returns.
func TestAnalyzeReportsTheStackPastItsBudget(t *testing.T) {
	var got []*LimitError
	_, err := Analyze(Request{Paths: []string{example}, Want: Want{Findings: true}, Limits: Limits{
		Timeout:  time.Nanosecond,
		Exceeded: func(e *LimitError) { got = append(got, e) },
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !slices.Equal(got[0].Files, []string{example}) {
		t.Errorf("reports %+v, want one naming %s", got, example)
	}
}

// BenchmarkWatchdogSample is the cost of one sample, taken every
// sampleEvery while a run is armed, with four files under evaluation.
func BenchmarkWatchdogSample(b *testing.B) {
	w := &watchdog{limits: Limits{Timeout: time.Hour, Memory: 1 << 40}, active: map[*evaluation]bool{}}
	for _, f := range []string{"a.cue", "b.cue", "c.cue", "d.cue"} {
		w.begin(f)
	}
	samples := memorySamples()
	for b.Loop() {
		if w.check(time.Now(), samples) != nil {
			b.Fatal("a limit crossed")
		}
	}
}
