package capacity

import (
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/infralint/infralint/internal/inputfile"
	"github.com/infralint/infralint/internal/testload"
	"github.com/infralint/infralint/schema"
)

// ratePattern is a hand-computed arrival rate in a testdata/graph stack's
// comment: "// rate NAME PEAK AVERAGE", for a compute tier (requests/s)
// or a database (queries/s).
var ratePattern = regexp.MustCompile(`(?m)^// rate ([A-Za-z0-9_-]+) ([0-9.]+) ([0-9.]+)$`)

// TestGraphArrivalRates: every tier's and database's rate at peak and on
// average is the one worked out by hand in its stack's comment, for each
// capability of the traffic graph (service calls through an internal LB,
// default and declared entries with shares, fan-in over an LB and a long
// chain, entries without an internet-facing LB).
func TestGraphArrivalRates(t *testing.T) {
	paths, _ := filepath.Glob("testdata/graph/*.cue")
	if len(paths) < 5 {
		t.Fatalf("testdata/graph has %d stacks", len(paths))
	}
	l, err := schema.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			src, err := inputfile.Read(p, 1<<20)
			if err != nil {
				t.Fatal(err)
			}
			s, err := l.LoadBytes(p, src)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Analyze(s, Options{})
			if err != nil {
				t.Fatal(err)
			}
			wants := ratePattern.FindAllStringSubmatch(string(src), -1)
			if len(wants) == 0 {
				t.Fatal("no // rate lines")
			}
			for _, w := range wants {
				var peak, avg *Scenario
				if tier := res.Tier(w[1]); tier != nil {
					peak, avg = tier.Scenario(ScenarioPeak), tier.Scenario(ScenarioAverage)
				} else if db := res.Database(w[1]); db != nil {
					peak, avg = db.Scenario(ScenarioPeak), db.Scenario(ScenarioAverage)
				} else {
					t.Fatalf("no tier or database %q", w[1])
				}
				for _, c := range []struct {
					sc   *Scenario
					want string
				}{{peak, w[2]}, {avg, w[3]}} {
					want, _ := strconv.ParseFloat(c.want, 64)
					if math.Abs(c.sc.RPS-want) > 1e-9*max(1, want) {
						t.Errorf("%s %s: rate %g, want %g", w[1], c.sc.Kind, c.sc.RPS, want)
					}
				}
			}
		})
	}
}

// TestServiceCallLoad: the orders database, fed by the frontend's
// calls through the internal ALB, is at 135 % and saturated at peak;
// orders is stalled by it and the frontend, which waits on orders, by
// orders; on average the frontend's time includes the mean response of
// the calls it makes.
func TestServiceCallLoad(t *testing.T) {
	res := analyzeFile(t, "testdata/graph/service-calls.cue")
	db := res.Database("orders_db").Scenario(ScenarioPeak)
	if math.Abs(db.CPUUtilization-1.35) > 1e-9 || !db.Saturated {
		t.Errorf("orders_db at peak: CPU %g saturated %v, want 1.35 and saturated", db.CPUUtilization, db.Saturated)
	}
	if b := res.Tier("orders").Scenario(ScenarioPeak).Bottleneck; b != BottleneckDatabase {
		t.Errorf("orders at peak: bottleneck %q, want %q", b, BottleneckDatabase)
	}
	if b := res.Tier("frontend").Scenario(ScenarioPeak).Bottleneck; b != BottleneckCalledTier {
		t.Errorf("frontend at peak: bottleneck %q, want %q", b, BottleneckCalledTier)
	}
	front, orders := res.Tier("frontend").Scenario(ScenarioAverage), res.Tier("orders").Scenario(ScenarioAverage)
	if want := 1.5 * orders.MeanMs; orders.Saturated || math.Abs(front.CallMs-want) > 1e-9*want {
		t.Errorf("frontend on average: %g ms in calls, want 1.5 × orders' mean %g ms", front.CallMs, orders.MeanMs)
	}
	if front.ServiceMs < front.CallMs+8 {
		t.Errorf("frontend on average: service %g ms does not hold its 8 ms of CPU and %g ms of calls", front.ServiceMs, front.CallMs)
	}
}

func analyzeFile(t *testing.T, path string) *Result {
	t.Helper()
	res, err := Analyze(testload.File(t, path), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}
