package diagram

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// A tier too wide for one rank of a large stack is drawn as one node: a
// table of a cell per component, each cell a port that its edges start
// and end at, so that the edges still name the component they belong to.
const (
	// cellWidth and cellHeight are a cell's typical extent in inches (a
	// component's name and two lines of details at 9 pt).
	cellWidth  = 2.0
	cellHeight = 0.8
	// gridAspect is the width to height of a grid's cells taken together.
	gridAspect = 1.5
)

// gridCell is where a component is drawn in a grid: the grid's node and
// the component's port.
type gridCell struct{ node, port string }

// gridID is the node of service i's tier t drawn as a grid. Component
// names cannot contain '@' (see schema.cue).
func gridID(service, tier int) string {
	return "@grid " + strconv.Itoa(service) + " " + strconv.Itoa(tier)
}

// gridShape is the columns and rows of a grid of n cells near aspect.
func gridShape(n int, aspect float64) (cols, rows int) {
	cols = max(1, int(math.Ceil(math.Sqrt(float64(n)*aspect*cellHeight/cellWidth))))
	return cols, (n + cols - 1) / cols
}

// grid draws the components names as one table node called id, cols
// cells wide, with a header saying how many there are.
func (b *builder) grid(o *w, id string, names []string, cols int) {
	kind := b.s.Components[names[0]].Kind
	var t strings.Builder
	fmt.Fprintf(&t, `<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="4" CELLPADDING="3" BGCOLOR="white" COLOR="%s">`, colBorder)
	fmt.Fprintf(&t, `<TR><TD COLSPAN="%d" ALIGN="LEFT"><FONT POINT-SIZE="10"><B>%s</B></FONT></TD></TR>`, cols, html(gridTitle(len(names), string(kind))))
	var tips []string
	for i, name := range names {
		if i%cols == 0 {
			if i > 0 {
				t.WriteString("</TR>")
			}
			t.WriteString("<TR>")
		}
		c, m := b.s.Components[name], b.nodes[name]
		text := b.text(c, m)
		if c.Compute != nil && c.Compute.Autoscaling != nil {
			text += `<BR/><FONT POINT-SIZE="8">` + html(strings.ReplaceAll(asgLabel(c.Compute.Autoscaling), "\n", ": ")) + "</FONT>"
		}
		fmt.Fprintf(&t, `<TD PORT="c%d" BORDER="1" COLOR="%s" BGCOLOR="%s">%s</TD>`, i, m.border(), kindFill[c.Kind], text)
		tips = append(tips, b.tooltip(c, m)...)
	}
	t.WriteString("</TR></TABLE>>")
	o.line("%s %s", quoteID(id), attrs("shape", "plain", "style", quote("solid"), "label", t.String(), "tooltip", quoteTooltip(strings.Join(tips, "\n"))))
}

// gridTitle is a grid's header: "374 compute tiers".
func gridTitle(n int, kind string) string {
	what := map[string]string{"lb": "load balancers", "compute": "compute tiers", "database": "databases",
		"cache": "caches", "cdn": "CDNs", "queue": "queues"}[kind]
	return strconv.Itoa(n) + " " + what
}
