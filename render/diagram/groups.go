package diagram

import (
	"cmp"
	"math"
	"slices"
	"strconv"

	"github.com/infralint/infralint/schema"
)

// A large stack drawn tier by tier is one strip: every load balancer in
// one rank, every app tier in the next: bench/gen's 500 components drew
// 27,105 × 700 pt (39:1), 40 of them 4.7:1. When a tier is wider than groupFrom
// components, the stack is drawn by service (a set of components that
// calls and targets connect, the internet aside): each service a cluster
// of its own tiers, the clusters wrapped in rows. Within a service, a tier
// still wider than groupFrom (374 app tiers sharing databases, which make
// them one service) is one node, a grid of a cell per component (grids.go):
// wrapping such a tier into ranks of its own does not work, as every call
// crossing a rank adds a virtual node to it, and 1,200 calls made the
// wrapped drawing wider than the strip. The drawing stays near groupAspect.
const (
	// groupFrom is the widest tier drawn in one rank (2.4:1 with four
	// tiers): the examples keep their subnet layout.
	groupFrom = 6
	// groupAspect is the width to height the rows aim at.
	groupAspect = 1.5
	// nodeWidth and rankHeight are a node's typical extent with its
	// spacing, in inches (a two-line box is about 1.7 × 0.6 in; nodesep
	// 0.5, ranksep 0.55), and serviceMargin the width a service's
	// cluster adds: its margins and the labels of the edges that curve
	// beside its nodes. Measured on bench/gen stacks of 200 and 500
	// components: a service of one node per tier (4 tiers) draws about
	// 3.4 in wide, a row of them with its internet node 7.1 in high.
	nodeWidth     = 2.3
	rankHeight    = 1.4
	serviceMargin = 1.1
)

// serviceGroups splits the drawn components into the services they form,
// each in tier order and then by name, the services ordered by their
// first component's name; nil when no tier is wider than groupFrom.
func (b *builder) serviceGroups() [][]*schema.Component {
	var drawn []string
	for _, name := range b.s.Names() {
		if b.hostOf[name] == "" {
			drawn = append(drawn, name)
		}
	}
	perTier := make([]int, nTiers)
	wide := false
	for _, n := range drawn {
		t := kindTier[b.s.Components[n].Kind]
		perTier[t]++
		wide = wide || perTier[t] > groupFrom
	}
	if !wide {
		return nil
	}
	parent := map[string]string{}
	for _, n := range drawn {
		parent[n] = n
	}
	var find func(string) string
	find = func(n string) string {
		if parent[n] != n {
			parent[n] = find(parent[n])
		}
		return parent[n]
	}
	for _, e := range b.edges {
		if _, ok := parent[e.from]; !ok || e.internal {
			continue // the internet, an address block
		}
		if _, ok := parent[e.to]; !ok {
			continue
		}
		a, z := find(e.from), find(e.to)
		if a < z {
			parent[z] = a
		} else {
			parent[a] = z
		}
	}
	index := map[string]int{}
	var groups [][]*schema.Component
	for _, n := range drawn { // names in order: the groups are ordered by their first
		root := find(n)
		i, ok := index[root]
		if !ok {
			i = len(groups)
			index[root] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], b.s.Components[n])
	}
	for _, g := range groups {
		sortByTier(g)
	}
	return groups
}

// sortByTier orders a service's components top to bottom, keeping their
// order (by name) within a tier.
func sortByTier(cs []*schema.Component) {
	slices.SortStableFunc(cs, func(a, b *schema.Component) int { return cmp.Compare(kindTier[a.Kind], kindTier[b.Kind]) })
}

// service is one service's components by tier, and which tiers are
// drawn as grids.
type service struct {
	tiers [][]string
	grid  []bool
	cols  []int // of each grid
	wide  bool  // some tier is wider than groupFrom: the service is drawn in grids
}

// rankOf is the rank, within its row, of the service's tier t. A service
// drawn in grids puts its queues, caches and databases side by side in one
// rank: a call from the compute grid to a database grid two ranks down
// adds a virtual node to the rank between for each call, and 263 of them
// spread the cache rank 2.5 times as wide as the grids.
func (sv service) rankOf(t int) int {
	if sv.wide && t > tierQueue {
		return tierQueue
	}
	return t
}

// newService lays out g: by tier, and when a tier is wider than groupFrom
// every tier of more than one component as a grid, so that the small tiers
// do not spread across the width of the large one's grid.
func newService(g []*schema.Component) service {
	sv := service{tiers: make([][]string, nTiers), grid: make([]bool, nTiers), cols: make([]int, nTiers)}
	for _, c := range g {
		t := kindTier[c.Kind]
		sv.tiers[t] = append(sv.tiers[t], c.Name)
	}
	for _, names := range sv.tiers {
		sv.wide = sv.wide || len(names) > groupFrom
	}
	shared := make([]int, nTiers) // grids per rank
	for t, names := range sv.tiers {
		sv.grid[t] = sv.wide && len(names) > 1
		if sv.grid[t] {
			shared[sv.rankOf(t)]++
		}
	}
	// Grids that share a rank are narrower, so that together they are
	// about as wide as one.
	for t, names := range sv.tiers {
		if sv.grid[t] {
			sv.cols[t], _ = gridShape(len(names), gridAspect/float64(shared[sv.rankOf(t)]))
		}
	}
	return sv
}

// groupsPerRow is how many services share a row: the count whose drawing,
// estimated from each service's tiers (a grid's extent for a wide one),
// comes closest to groupAspect.
func groupsPerRow(tiers []service) int {
	widths, heights := make([]float64, len(tiers)), make([]float64, len(tiers))
	for i, g := range tiers {
		var widest float64
		height := rankHeight + 0.5 // the row's internet node, the cluster's label
		// Per rank: the width of its nodes side by side, the tallest one.
		rankWidth, rankTall := make([]float64, nTiers), make([]float64, nTiers)
		for t, names := range g.tiers {
			r := g.rankOf(t)
			switch n := len(names); {
			case n == 0:
			case g.grid[t]:
				cols := g.cols[t]
				rows := (n + cols - 1) / cols
				rankWidth[r] += float64(cols) * cellWidth
				rankTall[r] = max(rankTall[r], float64(rows)*cellHeight+rankHeight-cellHeight)
			default:
				rankWidth[r] += float64(n) * nodeWidth
				rankTall[r] = max(rankTall[r], rankHeight)
			}
		}
		for r := range nTiers {
			widest = max(widest, rankWidth[r])
			height += rankTall[r]
		}
		widths[i] = widest + serviceMargin
		heights[i] = height
	}
	best, bestOff := 1, math.Inf(1)
	for perRow := 1; perRow <= len(tiers); perRow++ {
		var width, height float64
		for start := 0; start < len(tiers); start += perRow {
			var w, h float64
			for i := start; i < min(start+perRow, len(tiers)); i++ {
				w += widths[i]
				h = max(h, heights[i])
			}
			width, height = max(width, w), height+h
		}
		if off := math.Abs(math.Log(width / height / groupAspect)); off < bestOff {
			best, bestOff = perRow, off
		}
	}
	return best
}

// writeGrouped draws each service as a cluster (no cluster when the stack
// is one service), the clusters in rows, and the edges. In each row a
// tier's nodes share a rank; an invisible chain keeps the rows and the
// tiers within a row in order, and invisible edges stack each service
// under the one above. top holds the nodes drawn above every service (the
// internet, address blocks). Each row of services below the first has an
// internet node of its own, so that no edge from the internet crosses the
// rows above (they widened the gaps between services with every row). It
// returns the last rank's first node, under which the legend goes.
func (b *builder) writeGrouped(o *w, groups [][]*schema.Component, top []string) string {
	tiers := make([]service, len(groups))
	cells := map[string]gridCell{} // a component drawn in a grid → its cell
	for i, g := range groups {
		tiers[i] = newService(g)
		for t, names := range tiers[i].tiers {
			if tiers[i].grid[t] {
				id := gridID(i, t)
				for j, name := range names {
					cells[name] = gridCell{id, "c" + strconv.Itoa(j)}
				}
			}
		}
	}
	if len(cells) > 0 {
		// Splines around a grid leave it by its sides, each beside the
		// last: 237 calls from one grid to another bulged 4 times as wide
		// as the grids themselves. Straight lines run from cell to cell.
		o.line("graph %s", attrs("splines", "line"))
	}
	perRow := groupsPerRow(tiers)
	rowOf := map[string]int{}
	for i, g := range groups {
		for _, c := range g {
			rowOf[c.Name] = i / perRow
		}
	}
	internet := func(row int) string {
		if row == 0 {
			return idInternet
		}
		return idInternet + " " + strconv.Itoa(row)
	}
	fromInternet := map[int]bool{}
	for _, e := range b.edges {
		if e.from == idInternet && rowOf[e.to] > 0 {
			fromInternet[rowOf[e.to]] = true
		}
	}
	for i, g := range groups {
		if len(groups) > 1 {
			o.open("subgraph %s", quoteID("cluster_service_"+strconv.Itoa(i)))
			o.line("graph %s", attrs("label", quote(serviceLabel(g)), "style", quote("rounded"), "color", quote("#b0bec5"),
				"fontsize", "10", "labeljust", "l", "labelloc", "t", "margin", "10"))
		}
		for t, names := range tiers[i].tiers {
			if tiers[i].grid[t] {
				b.grid(o, gridID(i, t), names, tiers[i].cols[t])
				continue
			}
			for _, name := range names {
				b.member(o, b.s.Components[name])
			}
		}
		if len(groups) > 1 {
			o.close()
		}
	}
	invisible := func(from, to, weight string) {
		o.line("%s -> %s %s", quoteID(from), quoteID(to), attrs("style", "invis", "weight", weight))
	}
	drawnAs := func(name string) string {
		if c, ok := cells[name]; ok {
			return c.node
		}
		return name
	}
	chain := &rankChain{o: o}
	rank := chain.add
	rank(top)
	// Without these the rows drift sideways, towards the internet node's
	// edges.
	for i := perRow; i < len(groups); i++ {
		above, below := groups[i-perRow], groups[i]
		invisible(drawnAs(above[len(above)-1].Name), drawnAs(below[0].Name), "8")
	}
	for start := 0; start < len(groups); start += perRow {
		row := tiers[start:min(start+perRow, len(groups))]
		if r := start / perRow; fromInternet[r] {
			id := internet(r)
			o.line("%s %s", quoteID(id), attrs("shape", "oval", "label", "<<B>Internet</B><BR/><FONT POINT-SIZE=\"9\">clients</FONT>>",
				"fillcolor", quote("white"), "tooltip", quoteTooltip("clients on the internet")))
			rank([]string{id})
		}
		ranks := make([][]string, nTiers)
		for k, g := range row {
			for t, names := range g.tiers {
				r := g.rankOf(t)
				if g.grid[t] {
					ranks[r] = append(ranks[r], gridID(start+k, t))
					continue
				}
				ranks[r] = append(ranks[r], names...)
			}
		}
		for _, ids := range ranks {
			rank(ids)
		}
	}
	for _, e := range b.edges {
		moved := *e
		if e.from == idInternet && rowOf[e.to] > 0 {
			moved.from = internet(rowOf[e.to])
		}
		from, fromGrid := cells[e.from]
		to, toGrid := cells[e.to]
		if fromGrid {
			moved.from, moved.fromPort = from.node, from.port
		}
		if toGrid {
			moved.to, moved.toPort = to.node, to.port // a hosted role's cell gives way to its host's
		}
		if fromGrid || toGrid {
			// Hundreds of "HTTP :8080" over the cells hide them: the label
			// goes to the tooltip, the colour and style still say TLS.
			moved.tooltip = append(slices.Clone(e.label), e.tooltip...)
			moved.label = nil
		}
		b.edge(o, &moved)
	}
	return chain.last
}

// serviceLabel names a service by its first component (the one nearest
// the internet) and its size.
func serviceLabel(g []*schema.Component) string {
	if len(g) == 1 {
		return g[0].Name
	}
	return g[0].Name + " + " + strconv.Itoa(len(g)-1)
}
