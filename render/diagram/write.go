package diagram

import (
	"bytes"
	"fmt"
	"github.com/infralint/infralint/internal/humanize"
	"slices"
	"strconv"
	"strings"

	"github.com/infralint/infralint/schema"
)

// w writes DOT text with indentation.
type w struct {
	buf    bytes.Buffer
	indent int
}

func (o *w) line(format string, args ...any) {
	for range o.indent {
		o.buf.WriteString("  ")
	}
	fmt.Fprintf(&o.buf, format, args...)
	o.buf.WriteByte('\n')
}

func (o *w) open(format string, args ...any) {
	o.line(format+" {", args...)
	o.indent++
}

func (o *w) close() {
	o.indent--
	o.line("}")
}

// attrs formats DOT attributes from name, value pairs; values are written
// as given (already quoted or HTML).
func attrs(kv ...string) string {
	var parts []string
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			continue
		}
		parts = append(parts, kv[i]+"="+kv[i+1])
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func (b *builder) write() []byte {
	o := &w{}
	s := b.s
	o.open("digraph %s", quoteID(s.Name))
	o.line("graph %s", attrs(
		"rankdir", "TB", "newrank", "true", "compound", "true",
		"fontname", quote(layoutFont), "fontsize", "13",
		"labelloc", "t", "label", b.title(),
		"nodesep", "0.5", "ranksep", "0.55", "pad", "0.25",
		"bgcolor", quote("white"),
	))
	o.line("node %s", attrs("fontname", quote(layoutFont), "fontsize", "11",
		"style", quote("filled"), "color", quote(colBorder), "penwidth", "1.2", "margin", quote("0.15,0.06")))
	o.line("edge %s", attrs("fontname", quote(layoutFont), "fontsize", "9", "arrowsize", "0.7"))

	tiers := make([][]string, nTiers)
	if b.internet {
		o.line("%s %s", quoteID(idInternet), attrs("shape", "oval", "label", "<<B>Internet</B><BR/><FONT POINT-SIZE=\"9\">clients</FONT>>",
			"fillcolor", quote("white"), "tooltip", quoteTooltip("clients on the internet")))
		tiers[tierInternet] = append(tiers[tierInternet], idInternet)
	}
	for _, c := range b.cidrs {
		o.line("%s %s", quoteID(cidrID(c)), attrs("shape", "note", "label", quote(c), "fillcolor", quote("white"),
			"tooltip", quoteTooltip("address block "+c)))
		tiers[tierInternet] = append(tiers[tierInternet], cidrID(c))
	}

	if groups := b.serviceGroups(); groups != nil {
		prev := b.writeGrouped(o, groups, tiers[tierInternet])
		if len(b.edges) > 0 {
			b.legend(o, prev)
		}
		o.close()
		return o.buf.Bytes()
	}

	// Components outside the VPC (CDNs) and inside it, by subnet.
	var outside []*schema.Component
	bySubnet := map[string][]*schema.Component{}
	for _, name := range s.Names() {
		c := s.Components[name]
		if b.hostOf[name] != "" {
			continue
		}
		tiers[kindTier[c.Kind]] = append(tiers[kindTier[c.Kind]], name)
		if c.Kind == schema.KindCDN || c.Kind == schema.KindQueue {
			// Managed services reached over their public endpoints.
			outside = append(outside, c)
			continue
		}
		bySubnet[c.Subnet] = append(bySubnet[c.Subnet], c)
	}
	for _, c := range outside {
		b.node(o, c)
	}
	if len(bySubnet) > 0 {
		o.open("subgraph %s", quoteID("cluster_vpc"))
		o.line("graph %s", attrs("label", b.vpcLabel(), "style", quote("rounded"), "color", quote(colNote),
			"penwidth", "1.6", "fontsize", "12", "labeljust", "l", "labelloc", "b", "margin", "14"))
		for _, sn := range []string{"public", "private"} {
			cs := bySubnet[sn]
			if len(cs) == 0 {
				continue
			}
			fill, pen := "#eef7ee", "#66bb6a"
			if sn == "private" {
				fill, pen = "#eef2f8", "#78909c"
			}
			o.open("subgraph %s", quoteID("cluster_"+sn))
			o.line("graph %s", attrs("label", quote(b.subnetLabel(sn)), "style", quote("filled,rounded"),
				"fillcolor", quote(fill), "color", quote(pen), "fontsize", "11", "labeljust", "l", "labelloc", "t", "margin", "12"))
			for _, c := range cs {
				b.member(o, c)
			}
			o.close()
		}
		o.close()
	}

	// Tiers: same rank within a tier, and an invisible chain that keeps
	// the tiers in order even where no traffic connects them.
	chain := &rankChain{o: o}
	for _, ids := range tiers {
		chain.add(ids)
	}
	prev := chain.last

	for _, e := range b.edges {
		b.edge(o, e)
	}
	if len(b.edges) > 0 {
		b.legend(o, prev)
	}
	o.close()
	return o.buf.Bytes()
}

// rankChain writes ranks top to bottom: the nodes of each share a rank,
// and an invisible edge from the first node of the one before keeps the
// order where no traffic does.
type rankChain struct {
	o    *w
	last string // the first node of the last rank written
}

func (r *rankChain) add(ids []string) {
	if len(ids) == 0 {
		return
	}
	if len(ids) > 1 {
		q := make([]string, len(ids))
		for i, id := range ids {
			q[i] = quoteID(id)
		}
		r.o.line("{ rank=same; %s }", strings.Join(q, "; "))
	}
	if r.last != "" {
		r.o.line("%s -> %s %s", quoteID(r.last), quoteID(ids[0]), attrs("style", "invis", "weight", "0"))
	}
	r.last = ids[0]
}

// member draws c inside the cluster being written: an autoscaling tier
// in a cluster of its own labelled with the group's size.
func (b *builder) member(o *w, c *schema.Component) {
	if c.Compute != nil && c.Compute.Autoscaling != nil {
		o.open("subgraph %s", quoteID("cluster_asg_"+c.Name))
		o.line("graph %s", attrs("label", quote(asgLabel(c.Compute.Autoscaling)), "style", quote("dashed,rounded,filled"),
			"fillcolor", quote("white"), "color", quote("#7e57c2"), "fontsize", "10", "labeljust", "l", "labelloc", "t", "margin", "10"))
		b.node(o, c)
		o.close()
		return
	}
	b.node(o, c)
}

func (b *builder) title() string {
	s := b.s
	var t strings.Builder
	t.WriteString("<<B>" + html(s.Name) + "</B>")
	sub := []string{html(s.Region)}
	if wl := s.Workload; wl.PeakRPS > 0 {
		sub = append(sub, "peak "+fmtNum(wl.PeakRPS)+" req/s")
	}
	if wl := s.Workload; wl.SLOp99ms > 0 {
		sub = append(sub, "p99 SLO "+fmtNum(wl.SLOp99ms)+" ms")
	}
	t.WriteString("<BR/><FONT POINT-SIZE=\"10\">" + strings.Join(sub, " · ") + "</FONT>")
	if a := b.opts.Annotations; a != nil {
		for _, l := range a.Stack {
			if blank(l) {
				continue
			}
			t.WriteString("<BR/><FONT POINT-SIZE=\"10\" COLOR=\"" + colNote + "\">" + html(l) + "</FONT>")
		}
	}
	if m := b.stackMk; len(m.ids) > 0 {
		t.WriteString("<BR/><FONT POINT-SIZE=\"10\" COLOR=\"" + sevColor(m.sev) + "\"><B>stack: " + html(strings.Join(m.ids, " · ")) + "</B></FONT>")
	}
	t.WriteString("<BR/> >")
	return t.String()
}

func (b *builder) vpcLabel() string {
	n := b.s.Network
	l := "<B>VPC</B>"
	if n.VPC != "" && n.VPC != "vpc" {
		l = "<B>VPC " + html(n.VPC) + "</B>"
	}
	if n.CIDR != "" {
		l += " " + html(n.CIDR)
	}
	if len(n.AZs) > 0 {
		l += " · " + html(shortAZs(n.AZs))
	}
	return "<" + l + ">"
}

func (b *builder) subnetLabel(sn string) string {
	if len(b.s.Network.AZs) > 1 {
		return sn + " subnets"
	}
	return sn + " subnet"
}

// shortAZs writes AZs of one region compactly: "us-east-1a, b, c".
func shortAZs(azs []string) string {
	if len(azs) == 0 {
		return ""
	}
	out := []string{azs[0]}
	base := azs[0][:len(azs[0])-1]
	for _, az := range azs[1:] {
		if strings.HasPrefix(az, base) && len(az) == len(base)+1 {
			out = append(out, az[len(base):])
		} else {
			out = append(out, az)
		}
	}
	return strings.Join(out, ", ")
}

func asgLabel(a *schema.Autoscaling) string {
	l := fmt.Sprintf("auto scaling group\nmin %d · max %d", a.Min, a.Max)
	if p := a.Policy; p != nil && p.CPUTarget > 0 {
		l += " · CPU " + fmtNum(p.CPUTarget) + "%"
	} else if p != nil && len(p.Schedule) > 0 {
		l += " · scheduled"
	}
	return l
}

// details are the lines under a component's name.
func (b *builder) details(c *schema.Component) []string {
	var d []string
	switch c.Kind {
	case schema.KindLB:
		l := strings.ToUpper(c.LB.Type)
		if c.LB.InternetFacing {
			l += " · internet-facing"
		} else {
			l += " · internal"
		}
		d = append(d, l)
	case schema.KindCompute:
		cp := c.Compute
		if cp.Autoscaling != nil {
			d = append(d, cp.InstanceType)
		} else {
			d = append(d, fmt.Sprintf("%s × %d", cp.InstanceType, cp.Instances()))
		}
		switch w := cp.Workers; {
		case cp.Serves == schema.ServesNone:
			d = append(d, "serves nothing")
		case cp.Serves == schema.ServesTCP:
			d = append(d, fmt.Sprintf("TCP :%d", cp.Port))
		case w.EventLoop() && w.Concurrency > 0:
			d = append(d, fmt.Sprintf("%d event loops ≤%d · %s", w.Processes, w.Concurrency, served(cp)))
		case w.EventLoop():
			d = append(d, fmt.Sprintf("%d event loops · %s", w.Processes, served(cp)))
		default:
			d = append(d, fmt.Sprintf("%d×%d workers · %s", w.Processes, w.Threads, served(cp)))
		}
	case schema.KindDatabase:
		db := c.Database
		l := db.Engine
		if db.InstanceClass != "" {
			l += " · " + db.InstanceClass
		}
		d = append(d, l)
		var f []string
		if db.MultiAZ {
			f = append(f, "Multi-AZ")
		}
		if db.StorageGB > 0 {
			f = append(f, fmtNum(db.StorageGB)+" GB")
		}
		if db.PubliclyAccessible {
			f = append(f, "public")
		}
		if len(f) > 0 {
			d = append(d, strings.Join(f, " · "))
		}
	case schema.KindCache:
		ca := c.Cache
		l := ca.Engine + " · " + ca.NodeType
		if ca.Nodes > 1 {
			l += fmt.Sprintf(" × %d", ca.Nodes)
		}
		d = append(d, l)
		if len(ca.Data) > 0 {
			keys := make([]string, 0, len(ca.Data))
			for k := range ca.Data {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			d = append(d, strings.Join(keys, ", "))
		}
	case schema.KindCDN:
		l := "CDN · hit " + fmtNum(c.CDN.HitRatio*100) + "%"
		d = append(d, l)
	case schema.KindQueue:
		d = append(d, "queue · "+humanize.Plural(len(c.Queue.Consumers), "consumer"))
	}
	if !slices.Equal(c.AZs, b.s.Network.AZs) && len(c.AZs) > 0 {
		d = append(d, "AZ "+shortAZs(c.AZs))
	}
	return d
}

// text returns the HTML lines of one component: name, details,
// annotations and the rule IDs of its findings.
func (b *builder) text(c *schema.Component, m *marks) string {
	var t strings.Builder
	t.WriteString("<B>" + html(c.Name) + "</B>")
	for _, l := range b.details(c) {
		if blank(l) {
			continue
		}
		t.WriteString("<BR/><FONT POINT-SIZE=\"9\">" + html(l) + "</FONT>")
	}
	if b.hostOf[c.Name] != "" {
		t.WriteString("<BR/><FONT POINT-SIZE=\"8\"><I>on the same servers</I></FONT>")
	}
	if a := b.opts.Annotations; a != nil {
		for _, l := range a.Components[c.Name] {
			if blank(l) {
				continue
			}
			t.WriteString("<BR/><FONT POINT-SIZE=\"9\" COLOR=\"" + colNote + "\"><I>" + html(l) + "</I></FONT>")
		}
	}
	if len(m.ids) > 0 {
		t.WriteString("<BR/><FONT POINT-SIZE=\"9\" COLOR=\"" + sevColor(m.sev) + "\"><B>" + html(strings.Join(m.ids, " · ")) + "</B></FONT>")
	}
	return t.String()
}

// tooltip is a component's name, kind, description and findings.
func (b *builder) tooltip(c *schema.Component, m *marks) []string {
	lines := []string{c.Name + " (" + string(c.Kind) + ")"}
	if c.Description != "" {
		lines = append(lines, c.Description)
	}
	return append(lines, m.msgs...)
}

func (b *builder) node(o *w, c *schema.Component) {
	m := b.nodes[c.Name]
	pen, width := "", ""
	if len(m.ids) > 0 {
		pen, width = quote(sevColor(m.sev)), "2.5"
	}
	var hosted []*schema.Component
	if c.Compute != nil {
		for _, h := range c.Compute.Hosts {
			if hc, ok := b.s.Components[h]; ok && b.hostOf[h] == c.Name {
				hosted = append(hosted, hc)
			}
		}
	}
	if len(hosted) == 0 {
		style := ""
		if c.Kind == schema.KindLB || c.Kind == schema.KindCache {
			style = quote("filled,rounded")
		}
		o.line("%s %s", quoteID(c.Name), attrs("shape", kindShape[c.Kind], "style", style,
			"label", "<"+b.text(c, m)+">", "fillcolor", quote(kindFill[c.Kind]),
			"color", pen, "penwidth", width, "tooltip", quoteTooltip(strings.Join(b.tooltip(c, m), "\n"))))
		return
	}
	// A host: one table, its own text on top, a cell per hosted role.
	border := m.border()
	tw := "1"
	if len(m.ids) > 0 {
		tw = "2"
	}
	var t strings.Builder
	fmt.Fprintf(&t, `<<TABLE BORDER="%s" CELLBORDER="0" CELLSPACING="6" CELLPADDING="3" BGCOLOR="%s" COLOR="%s">`, tw, fillCompute, border)
	t.WriteString("<TR><TD>" + b.text(c, m) + "</TD></TR>")
	tips := b.tooltip(c, m)
	for _, hc := range hosted {
		hm := b.nodes[hc.Name]
		fmt.Fprintf(&t, `<TR><TD PORT="%s" BORDER="1" COLOR="%s" BGCOLOR="%s">`, hostPort(c, hc.Name), hm.border(), kindFill[hc.Kind])
		t.WriteString(b.text(hc, hm) + "</TD></TR>")
		tips = append(tips, b.tooltip(hc, hm)...)
	}
	t.WriteString("</TABLE>>")
	o.line("%s %s", quoteID(c.Name), attrs("shape", "plain", "style", quote("solid"), "label", t.String(), "tooltip", quoteTooltip(strings.Join(tips, "\n"))))
}

func (b *builder) edge(o *w, e *edge) {
	head, tail := quoteID(e.to), quoteID(e.from)
	if e.toPort != "" {
		head += ":" + quoteID(e.toPort)
	}
	if e.fromPort != "" {
		tail += ":" + quoteID(e.fromPort)
	}
	color, style, width := colPlain, "dashed", "1.4"
	if e.tls {
		color, style, width = colTLS, "solid", "2"
	}
	if e.ingress {
		style = "dotted"
	}
	label := slices.Clone(e.label)
	tip := slices.Clone(e.tooltip)
	if len(e.marks.ids) > 0 {
		color = sevColor(e.marks.sev)
		width = "2.5"
		label = append(label, "["+strings.Join(e.marks.ids, " · ")+"]")
		tip = append(tip, e.marks.msgs...)
	}
	labelAttr := "label"
	if b.large {
		labelAttr = "xlabel"
	}
	l := ""
	if len(label) > 0 {
		l = quote(strings.Join(label, "\n"))
	}
	t := ""
	if len(tip) > 0 {
		t = quoteTooltip(strings.Join(tip, "\n"))
	}
	lhead := ""
	if c := b.s.Components[e.to]; c != nil && c.Compute != nil && c.Compute.Autoscaling != nil && e.toPort == "" && !e.ingress {
		// Traffic reaches the group, not one instance: end at its border.
		lhead = quoteID("cluster_asg_" + e.to)
	}
	minlen := ""
	if strings.HasPrefix(e.from, idInternet) || strings.HasPrefix(e.from, cidrID("")) {
		// Room for the label above the VPC's border.
		minlen = "2"
	}
	constraint := ""
	if e.service {
		// A call between services runs across the tiers or back up to a
		// load balancer: it must not reorder the top-to-bottom layout.
		constraint = "false"
	}
	o.line("%s -> %s %s", tail, head, attrs(labelAttr, l, "color", quote(color), "fontcolor", quote(color),
		"style", style, "penwidth", width, "lhead", lhead, "minlen", minlen, "constraint", constraint, "tooltip", t))
}

// legend explains the edge styles, in a small cluster under the drawing.
func (b *builder) legend(o *w, above string) {
	var tls, plain, open bool
	for _, e := range b.edges {
		switch {
		case e.ingress:
			open = true
		case e.tls:
			tls = true
		default:
			plain = true
		}
	}
	o.open("subgraph %s", quoteID("cluster_legend"))
	o.line("graph %s", attrs("label", quote("legend"), "fontsize", "9", "style", quote("rounded"), "color", quote("#b0bec5"), "labeljust", "l"))
	o.line("node %s", attrs("shape", "point", "width", "0.05", "style", "invis", "label", quote(" ")))
	row := func(i int, label, color, style string) {
		a, z := quoteID(idLegend+" "+strconv.Itoa(i)+"a"), quoteID(idLegend+" "+strconv.Itoa(i)+"z")
		o.line("{ rank=same; %s -> %s %s }", a, z, attrs("label", quote(label), "color", quote(color), "fontcolor", quote(color),
			"style", style, "penwidth", "1.6"))
		o.line("%s -> %s %s", quoteID(above), a, attrs("style", "invis", "weight", "0"))
	}
	i := 0
	if tls {
		row(i, "TLS", colTLS, "solid")
		i++
	}
	if plain {
		row(i, "plaintext", colPlain, "dashed")
		i++
	}
	if open {
		row(i, "open to", colPlain, "dotted")
	}
	if b.opts.ShowFindings {
		o.line("%s %s", quoteID(idLegend+" findings"), attrs("shape", "plain", "style", quote("solid"), "label",
			`<<FONT POINT-SIZE="9">findings:`+legendGap+`<B><FONT COLOR="`+colError+`">error</FONT>`+legendGap+`<FONT COLOR="`+colWarning+
				`">warning</FONT>`+legendGap+`<FONT COLOR="`+colInfo+`">info</FONT></B></FONT>>`))
		o.line("%s -> %s %s", quoteID(above), quoteID(idLegend+" findings"), attrs("style", "invis", "weight", "0"))
	}
	o.close()
}

// legendGap separates legend items with space a viewer cannot collapse:
// Graphviz writes a plain space as its own <text> element.
const legendGap = "&#160;&#160;&#160;"

// layoutFont is the font Graphviz sizes every label with. DejaVu Sans is
// the widest of the fonts a viewer is likely to substitute (about 14% wider
// than Helvetica in Graphviz's own metric tables), so boxes laid out with it
// hold the text in Helvetica, Arial, Liberation Sans or DejaVu; the SVG then
// names the whole stack (render/graphviz.SVGFontStack).
const layoutFont = "DejaVu Sans"

// blank reports whether a line would draw nothing: Graphviz drops a whole
// HTML label that holds an empty <FONT></FONT> (found by FuzzDiagramText).
func blank(l string) bool { return strings.TrimSpace(l) == "" }

// served is what a worker pool takes: jobs, or requests on a port.
func served(cp *schema.Compute) string {
	if cp.Serves == schema.ServesJobs {
		return "jobs"
	}
	return fmt.Sprintf(":%d", cp.Port)
}
