package rightsize_test

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/rightsize"
	"github.com/infralint/infralint/schema"
)

// PriceComponent prices one component as Price prices the whole stack,
// with the capacity model's fleets.
func TestPriceComponentMatchesPrice(t *testing.T) {
	files, _ := filepath.Glob("../examples/*/stack.cue")
	for _, f := range files {
		s := loadFile(t, f)
		model, err := capacity.Analyze(s, capacity.Options{})
		if err != nil {
			t.Fatal(err)
		}
		opts := pricing.Options{Instances: rightsize.Instances(s, model, nil)}
		e := pricing.Price(s, nil, opts)
		for _, name := range s.Names() {
			wantUSD, wantOK := e.Component(name)
			usd, ok := pricing.PriceComponent(s, s.Components[name], nil, opts)
			if usd != wantUSD || ok != wantOK {
				t.Errorf("%s %s: %v %v, Price says %v %v", f, name, usd, ok, wantUSD, wantOK)
			}
		}
	}
}

// A TypeFinder over one analysis answers as CheaperTypes does.
func TestTypeFinderMatchesCheaperTypes(t *testing.T) {
	files, _ := filepath.Glob("../examples/*/stack.cue")
	for _, f := range files {
		s := loadFile(t, f)
		res, err := capacity.Analyze(s, capacity.Options{TargetUtilization: 0.6})
		if err != nil {
			t.Fatal(err)
		}
		finder := rightsize.NewTypeFinder(s, res, nil)
		for _, c := range s.OfKind(schema.KindCompute) {
			want := rightsize.CheaperTypes(s, c.Name, nil, 0.6)
			if got := finder.CheaperTypes(c.Name); !reflect.DeepEqual(got, want) {
				t.Errorf("%s %s:\n got %+v\nwant %+v", f, c.Name, got, want)
			}
		}
	}
}

// Cheapest is CheaperTypes cut to the first alternative of each group.
func TestCheapestMatchesCheaperTypes(t *testing.T) {
	files, _ := filepath.Glob("../examples/*/stack.cue")
	for _, f := range files {
		s := loadFile(t, f)
		for _, target := range []float64{0.3, 0.6, 0.9} {
			res, err := capacity.Analyze(s, capacity.Options{TargetUtilization: target})
			if err != nil {
				t.Fatal(err)
			}
			finder := rightsize.NewTypeFinder(s, res, nil)
			for _, c := range s.OfKind(schema.KindCompute) {
				var want []rightsize.Alternative
				all := finder.CheaperTypes(c.Name)
				for i, a := range all {
					if i == 0 || a.SameFamily != all[i-1].SameFamily {
						want = append(want, a)
					}
				}
				if got := finder.Cheapest(c.Name); !reflect.DeepEqual(got, want) {
					t.Errorf("%s %s at %g:\n got %+v\nwant %+v", f, c.Name, target, got, want)
				}
			}
		}
	}
}

// app-db-separated runs one c5.xlarge ($0.17/h) for 60 req/s at peak; a
// c5.large ($0.085/h, Karpenter 2026-07-20) meets the target and the SLO:
// 730 × 0.085 + 20 GB × 0.08 + its public IPv4 address 730 × 0.005 (AWS
// vpc feed, REGIONAL.md §5) = $67.30 against 730 × 0.17 + 1.6 + 3.65 =
// $129.35.
func TestCheaperTypes(t *testing.T) {
	s := loadFile(t, "../examples/app-db-separated/stack.cue")
	alts := rightsize.CheaperTypes(s, "app", nil, 0.7)
	if len(alts) == 0 {
		t.Fatal("no alternative")
	}
	a := alts[0]
	if a.InstanceType != "c5.large" || !a.SameFamily || a.Count != 1 || !near(a.MonthlyUSD, 67.3) || !near(a.CurrentUSD, 129.35) {
		t.Errorf("first alternative %+v", a)
	}
	for _, a := range alts {
		if a.MonthlyUSD >= a.CurrentUSD || strings.HasPrefix(a.InstanceType, "t") || strings.HasPrefix(a.InstanceType, "m1.") {
			t.Errorf("bad alternative %+v", a)
		}
	}
	// The database, a hosted component or an unknown tier has none.
	if alts := rightsize.CheaperTypes(s, "db", nil, 0.7); alts != nil {
		t.Errorf("db: %v", alts)
	}
}
