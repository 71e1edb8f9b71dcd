package graphviz

import (
	"strings"

	"github.com/goccy/go-graphviz/cgraph"
)

// arrowQueue says, for each closed shape Graphviz draws while rendering one
// edge (its arrowheads, tail end first), whether it is filled. Graphviz's own
// fill flag does not survive the WebAssembly bridge, so it is rebuilt from
// the edge's dir, arrowtail and arrowhead attributes: a shape is open when
// its arrow name carries the "o" modifier (onormal, odot, empty, ...).
type arrowQueue struct {
	filled []bool
	next   int
}

func (q *arrowQueue) nextFilled() bool {
	if len(q.filled) == 0 {
		return true
	}
	i := q.next
	if i >= len(q.filled) {
		i = len(q.filled) - 1
	}
	q.next++
	return q.filled[i]
}

// edgeArrows builds the queue for edge e. dir defaults to forward: an
// undirected graph draws no arrowheads unless dir is set, and then the
// attribute is present.
func edgeArrows(e *cgraph.Edge) arrowQueue {
	if e == nil {
		return arrowQueue{}
	}
	var q arrowQueue
	dir := e.GetStr("dir")
	if dir == "back" || dir == "both" {
		q.filled = append(q.filled, arrowShapes(e.GetStr("arrowtail"))...)
	}
	if dir == "" || dir == "forward" || dir == "both" {
		q.filled = append(q.filled, arrowShapes(e.GetStr("arrowhead"))...)
	}
	return q
}

// arrowNames are Graphviz's primitive arrow shapes, longest first so that
// prefix matching picks "icurve" before "inv" and "curve".
var arrowNames = []string{"icurve", "diamond", "normal", "curve", "none", "crow", "box", "dot", "inv", "tee", "vee"}

var arrowSynonyms = strings.NewReplacer(
	"invempty", "oinv", "ediamond", "odiamond",
	"halfopen", "lvee", "empty", "onormal", "open", "vee",
)

// arrowShapes parses an arrow name such as "onormal", "invdot" or
// "lteeoldiamond" into one fill flag per shape that draws a closed figure.
func arrowShapes(name string) []bool {
	if name == "" {
		name = "normal"
	}
	name = arrowSynonyms.Replace(strings.ToLower(name))
	var out []bool
	for len(name) > 0 && len(out) < 4 {
		open := false
		if name[0] == 'o' {
			open, name = true, name[1:]
		}
		if len(name) > 0 && (name[0] == 'l' || name[0] == 'r') {
			name = name[1:]
		}
		matched := ""
		for _, n := range arrowNames {
			if strings.HasPrefix(name, n) {
				matched = n
				break
			}
		}
		if matched == "" {
			break // unknown: Graphviz draws its default, a filled normal
		}
		name = name[len(matched):]
		switch matched {
		case "none", "curve", "icurve":
			// no closed figure
		default:
			out = append(out, !open)
		}
	}
	return out
}
