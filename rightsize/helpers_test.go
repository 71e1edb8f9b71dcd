package rightsize_test

import (
	"math"

	"github.com/infralint/infralint/internal/testload"
)

var loadFile = testload.File

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }
