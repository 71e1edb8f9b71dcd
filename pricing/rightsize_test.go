package pricing_test

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/schema"
)

// PriceComponent prices one component as Price prices the whole stack.
func TestPriceComponentMatchesPrice(t *testing.T) {
	files, _ := filepath.Glob("../examples/*/stack.cue")
	for _, f := range files {
		s := loadFile(t, f)
		e := pricing.Price(s, nil, pricing.Options{})
		for _, name := range s.Names() {
			wantUSD, wantOK := e.Component(name)
			usd, ok := pricing.PriceComponent(s, s.Components[name], nil, pricing.Options{})
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
		finder := pricing.NewTypeFinder(s, res, nil)
		for _, c := range s.OfKind(schema.KindCompute) {
			want := pricing.CheaperTypes(s, c.Name, nil, 0.6)
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
			finder := pricing.NewTypeFinder(s, res, nil)
			for _, c := range s.OfKind(schema.KindCompute) {
				var want []pricing.Alternative
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
