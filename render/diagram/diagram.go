// Package diagram draws a stack as a Graphviz DOT graph, in pure Go.
//
// Build lays the stack out the way an architecture drawing reads, top to
// bottom: the internet (clients), the CDN, load balancers, the app tier,
// caches and databases. The VPC is a cluster holding one cluster per
// subnet kind (public, private); an autoscaling group is a cluster inside
// its subnet labelled with its size; a component another one hosts
// (compute.hosts) is drawn as a cell inside its host's box. Edges are the
// traffic: internet → entries, CDN → origin, load balancer → targets, app →
// load balancer, service, database and cache calls, and address blocks a
// database admits. They are
// labelled with protocol and port; TLS edges are solid green, plaintext
// ones dashed red. Names and other user text are escaped for DOT.
//
// Build never imports Graphviz: turning the DOT into SVG or PNG is the job
// of render/graphviz, linked only into the infralint-diagram binary so that
// other commands do not pay its start-up cost.
//
// The output is deterministic: the same stack and options give the same
// bytes. Node IDs are the component names, so a diagram's SVG <title>
// elements name the components.
package diagram

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/infralint/infralint/rules"
	"github.com/infralint/infralint/schema"
)

// Options change what Build draws. The zero value draws the bare stack.
type Options struct {
	// Annotations adds lines of text (numbers from the capacity and cost
	// analyses) to components and to the title; nil adds none.
	Annotations *Annotations
	// ShowFindings colours components and edges by the worst severity of
	// the Findings about them, names the rules in a short label suffix and
	// puts the messages in tooltips.
	ShowFindings bool
	Findings     []rules.Finding
}

// Annotations are extra lines of text for the drawing.
type Annotations struct {
	// Stack lines go under the title.
	Stack []string
	// Components maps a component name to lines drawn inside its box.
	Components map[string][]string
}

// LargeStack is the number of drawn components above which edge labels
// become external labels (xlabel): dot places those after the layout,
// which keeps big graphs fast, instead of ranking each label as a node.
const LargeStack = 40

// Tiers, top to bottom.
const (
	tierInternet = iota
	tierCDN
	tierLB
	tierCompute
	tierQueue
	tierCache
	tierDatabase
	nTiers
)

var kindTier = map[schema.Kind]int{
	schema.KindCDN:      tierCDN,
	schema.KindLB:       tierLB,
	schema.KindCompute:  tierCompute,
	schema.KindQueue:    tierQueue,
	schema.KindCache:    tierCache,
	schema.KindDatabase: tierDatabase,
}

// Colours.
const (
	colTLS      = "#2e7d32"
	colPlain    = "#c62828"
	colBorder   = "#455a64"
	colNote     = "#37474f"
	colError    = "#c62828"
	colWarning  = "#e65100"
	colInfo     = "#1565c0"
	fillCDN     = "#e1f5fe"
	fillLB      = "#dae8fc"
	fillCompute = "#ede7f6"
	fillCache   = "#fce4ec"
	fillDB      = "#fff8c4"
	fillQueue   = "#fff3e0"
)

var kindFill = map[schema.Kind]string{
	schema.KindCDN:      fillCDN,
	schema.KindLB:       fillLB,
	schema.KindCompute:  fillCompute,
	schema.KindCache:    fillCache,
	schema.KindDatabase: fillDB,
	schema.KindQueue:    fillQueue,
}

var kindShape = map[schema.Kind]string{
	schema.KindCDN:      "hexagon",
	schema.KindLB:       "box",
	schema.KindCompute:  "box",
	schema.KindCache:    "box",
	schema.KindDatabase: "cylinder",
	schema.KindQueue:    "cds",
}

// IDs of drawn things that are not components. Component names cannot
// contain '@' (see schema.cue), so these never collide with a component.
const (
	idInternet = "@internet"
	idLegend   = "@legend"
)

func cidrID(cidr string) string { return "@cidr " + cidr }

// marks collects the findings about one drawn element.
type marks struct {
	sev  rules.Severity
	ids  []string // rule IDs, first-seen order, no repeats
	msgs []string // "ID severity: message"
}

// border is the colour of a box or cell with these findings: the worst
// one's, else the plain border.
func (m *marks) border() string {
	if len(m.ids) > 0 {
		return sevColor(m.sev)
	}
	return colBorder
}

func (m *marks) add(f rules.Finding) {
	m.sev = max(m.sev, f.Severity)
	if !slices.Contains(m.ids, f.RuleID) {
		m.ids = append(m.ids, f.RuleID)
	}
	m.msgs = append(m.msgs, fmt.Sprintf("%s %s: %s", f.RuleID, f.Severity, f.Message))
}

func sevColor(s rules.Severity) string {
	switch s {
	case rules.Error:
		return colError
	case rules.Warning:
		return colWarning
	default:
		return colInfo
	}
}

// edge is one drawn connection.
type edge struct {
	key      string // identifies the edge for findings
	from, to string // node IDs
	toPort   string // port of a hosted cell in the head node, or ""
	fromPort string // port of a grid cell in the tail node (see grids.go), or ""
	label    []string
	tooltip  []string
	tls      bool
	ingress  bool // allowed by a database's ingress, not modelled traffic
	service  bool // a call to a load balancer or compute tier
	marks    marks
	internal bool // invisible ordering edge
}

type builder struct {
	s        *schema.Stack
	opts     Options
	hostOf   map[string]string // hosted component → host
	nodes    map[string]*marks // component (drawn or hosted) → findings
	edges    []*edge
	edgeKey  map[string]*edge
	stackMk  marks
	internet bool
	cidrs    []string
	large    bool
}

// Build returns the DOT drawing of s.
func Build(s *schema.Stack, opts Options) []byte {
	return newBuilder(s, opts).write()
}

// newBuilder finds what s draws: hosts, edges, findings.
func newBuilder(s *schema.Stack, opts Options) *builder {
	b := &builder{s: s, opts: opts, hostOf: map[string]string{}, nodes: map[string]*marks{}, edgeKey: map[string]*edge{}}
	for _, name := range s.Names() {
		c := s.Components[name]
		b.nodes[name] = &marks{}
		if c.Compute != nil {
			for _, h := range c.Compute.Hosts {
				if _, ok := s.Components[h]; ok && h != name {
					b.hostOf[h] = name
				}
			}
		}
	}
	drawn := 0
	for _, name := range s.Names() {
		if b.hostOf[name] == "" {
			drawn++
		}
	}
	b.large = drawn > LargeStack
	b.traffic()
	if opts.ShowFindings {
		for _, f := range opts.Findings {
			b.mark(f)
		}
	}
	return b
}

// drawnID is the node a component is drawn in, and the port of its cell
// when another component hosts it.
func (b *builder) drawnID(name string) (id, port string) {
	if h := b.hostOf[name]; h != "" {
		return h, hostPort(b.s.Components[h], name)
	}
	return name, ""
}

// hostPort names the cell of a hosted component by its index in hosts.
func hostPort(host *schema.Component, name string) string {
	return "h" + strconv.Itoa(slices.Index(host.Compute.Hosts, name))
}

func (b *builder) addEdge(key, from, toName string, e *edge) {
	if _, ok := b.s.Components[toName]; !ok && !strings.HasPrefix(toName, "@") {
		return
	}
	e.key, e.from = key, from
	e.to, e.toPort = toName, ""
	if !strings.HasPrefix(toName, "@") {
		e.to, e.toPort = b.drawnID(toName)
	}
	if e.from == e.to {
		return // a call to a role on the same server: no wire
	}
	if from == idInternet {
		b.internet = true
	}
	b.edges = append(b.edges, e)
	b.edgeKey[key] = e
}

// clientEntries are the components drawn with an edge from the
// internet: the stack's entries (schema.Stack.Entries), except internal
// load balancers that are entries only because nothing routes to them,
// whose clients are inside the VPC.
func clientEntries(s *schema.Stack) []string {
	declared := s.Workload.Entry != "" || len(s.Workload.Entries) > 0
	var out []string
	for _, e := range s.Entries() {
		if c, ok := s.Components[e.Name]; ok && (declared || c.LB == nil || c.LB.InternetFacing) {
			out = append(out, e.Name)
		}
	}
	return out
}

// viewerEdge is the internet's edge into component c.
func viewerEdge(c *schema.Component) *edge {
	switch c.Kind {
	case schema.KindCDN:
		if c.CDN.HTTPSOnly {
			return &edge{label: []string{"HTTPS"}, tls: true}
		}
		return &edge{label: []string{"HTTP/HTTPS"}}
	case schema.KindLB:
		e := &edge{tls: true}
		for _, l := range c.LB.Listeners {
			s := l.Protocol + " :" + strconv.Itoa(l.Port)
			switch {
			case l.RedirectHTTPS:
				s += " → HTTPS"
			case !l.Encrypted():
				e.tls = false
			}
			e.label = append(e.label, s)
		}
		return e
	case schema.KindCompute:
		if c.Compute.TLS {
			return &edge{label: []string{"HTTPS :" + strconv.Itoa(c.Compute.Port)}, tls: true}
		}
		return &edge{label: []string{"HTTP :" + strconv.Itoa(c.Compute.Port)}}
	}
	return &edge{}
}

// originEdge is the edge from a CDN or load balancer into component c.
func originEdge(c *schema.Component, lbType string) *edge {
	switch c.Kind {
	case schema.KindLB:
		for _, l := range c.LB.Listeners {
			if l.Encrypted() {
				return &edge{label: []string{l.Protocol + " :" + strconv.Itoa(l.Port)}, tls: true}
			}
		}
		for _, l := range c.LB.Listeners {
			if !l.RedirectHTTPS {
				return &edge{label: []string{l.Protocol + " :" + strconv.Itoa(l.Port)}}
			}
		}
		l := c.LB.Listeners[0]
		return &edge{label: []string{l.Protocol + " :" + strconv.Itoa(l.Port)}}
	case schema.KindCompute:
		proto := "HTTP"
		switch {
		case lbType == "nlb" && c.Compute.TLS:
			proto = "TLS"
		case lbType == "nlb":
			proto = "TCP"
		case c.Compute.TLS:
			proto = "HTTPS"
		}
		return &edge{label: []string{proto + " :" + strconv.Itoa(c.Compute.Port)}, tls: c.Compute.TLS}
	}
	return &edge{}
}

func (b *builder) traffic() {
	s := b.s
	reached := map[string]bool{} // reached from a CDN
	for _, c := range s.OfKind(schema.KindCDN) {
		if o, ok := s.Components[c.CDN.Origin]; ok {
			reached[o.Name] = true
		}
	}
	for _, e := range clientEntries(s) {
		b.addEdge("internet:"+e, idInternet, e, viewerEdge(s.Components[e]))
	}
	for _, lb := range s.OfKind(schema.KindLB) {
		if lb.LB.InternetFacing && !reached[lb.Name] && b.edgeKey["internet:"+lb.Name] == nil {
			b.addEdge("internet:"+lb.Name, idInternet, lb.Name, viewerEdge(lb))
		}
	}
	for _, c := range s.OfKind(schema.KindCDN) {
		if o, ok := s.Components[c.CDN.Origin]; ok {
			b.addEdge("origin:"+c.Name, c.Name, o.Name, originEdge(o, ""))
		}
	}
	for _, lb := range s.OfKind(schema.KindLB) {
		for _, t := range lb.LB.Targets {
			if tc, ok := s.Components[t]; ok && b.edgeKey["target:"+lb.Name+":"+t] == nil {
				b.addEdge("target:"+lb.Name+":"+t, lb.Name, t, originEdge(tc, lb.LB.Type))
			}
		}
	}
	for _, c := range s.OfKind(schema.KindCompute) {
		b.calls(c)
	}
	for _, q := range s.OfKind(schema.KindQueue) {
		for _, t := range q.Queue.Consumers {
			if _, ok := s.Components[t]; ok && b.edgeKey["consumer:"+q.Name+":"+t] == nil {
				// Consumers poll the queue's HTTPS API; the edge shows where
				// the jobs go.
				b.addEdge("consumer:"+q.Name+":"+t, q.Name, t, &edge{label: []string{"jobs"}, tls: true,
					tooltip: []string{fmt.Sprintf("%s → %s: jobs taken by the consumer", q.Name, t)}})
			}
		}
	}
	for _, db := range s.OfKind(schema.KindDatabase) {
		for _, in := range db.Database.Ingress {
			if !schema.IsCIDR(in) {
				continue
			}
			from := idInternet
			if in != "0.0.0.0/0" && in != "::/0" {
				from = cidrID(in)
				if !slices.Contains(b.cidrs, in) {
					b.cidrs = append(b.cidrs, in)
				}
			}
			b.addEdge("ingress:"+db.Name+":"+in, from, db.Name, &edge{
				label:   []string{"open :" + strconv.Itoa(db.Database.Port)},
				tooltip: []string{db.Name + " admits " + in + " on port " + strconv.Itoa(db.Database.Port)},
				ingress: true,
			})
		}
	}
}

// calls draws one edge per called component, merging repeated calls.
func (b *builder) calls(c *schema.Component) {
	var order []string
	byTarget := map[string][]schema.Call{}
	for _, call := range c.Compute.Calls {
		if _, ok := byTarget[call.Target]; !ok {
			order = append(order, call.Target)
		}
		byTarget[call.Target] = append(byTarget[call.Target], call)
	}
	for _, t := range order {
		tc, ok := b.s.Components[t]
		if !ok {
			continue
		}
		cs := byTarget[t]
		e := &edge{tls: true}
		var perReq float64
		var data []string
		for _, call := range cs {
			e.tls = e.tls && call.TLS
			perReq += call.PerRequest
			if call.Data != "" {
				data = append(data, call.Data)
			}
		}
		proto, port := "", 0
		switch {
		case tc.Queue != nil:
			// Enqueueing is a call to the queue's HTTPS API.
			e.label, e.tls = []string{"enqueue"}, true
		case tc.Database != nil:
			proto, port = tc.Database.Engine, tc.Database.Port
		case tc.Cache != nil:
			proto, port = tc.Cache.Engine, tc.Cache.Port
		}
		if tc.LB != nil || tc.Compute != nil {
			// A service call speaks what the callee serves, as a load
			// balancer's own edge to it does.
			o := originEdge(tc, "")
			if tc.Compute != nil && e.tls && !o.tls {
				// Calls that say tls reach the service over TLS.
				o = &edge{label: []string{"HTTPS :" + strconv.Itoa(tc.Compute.Port)}, tls: true}
			}
			e.label, e.tls, e.service = o.label, o.tls, true
		} else if tc.Queue == nil {
			l := proto + " :" + strconv.Itoa(port)
			if e.tls {
				l += " TLS"
			}
			e.label = []string{l}
		}
		tip := fmt.Sprintf("%s → %s: %s calls per request", c.Name, t, fmtNum(perReq))
		if tc.Queue != nil {
			tip = fmt.Sprintf("%s → %s: %s jobs enqueued per request", c.Name, t, fmtNum(perReq))
		}
		if len(data) > 0 {
			tip += " (" + strings.Join(data, ", ") + ")"
		}
		e.tooltip = []string{tip}
		b.addEdge("call:"+c.Name+":"+t, c.Name, t, e)
	}
}

// mark attaches a finding to the edge or component its path points at, or
// to the stack when it is about no component.
func (b *builder) mark(f rules.Finding) {
	name, rest, ok := b.componentOf(f.Path)
	if !ok {
		b.stackMk.add(f)
		return
	}
	c := b.s.Components[name]
	field, idx := firstField(rest)
	var key string
	switch {
	case field == "calls" && c.Compute != nil && idx >= 0 && idx < len(c.Compute.Calls):
		key = "call:" + name + ":" + c.Compute.Calls[idx].Target
	case field == "targets" && c.LB != nil && idx >= 0 && idx < len(c.LB.Targets):
		key = "target:" + name + ":" + c.LB.Targets[idx]
	case field == "consumers" && c.Queue != nil && idx >= 0 && idx < len(c.Queue.Consumers):
		key = "consumer:" + name + ":" + c.Queue.Consumers[idx]
	case field == "listeners" || field == "https_only":
		key = "internet:" + name
	case field == "origin":
		key = "origin:" + name
	case field == "ingress" && c.Database != nil && idx >= 0 && idx < len(c.Database.Ingress):
		key = "ingress:" + name + ":" + c.Database.Ingress[idx]
	}
	if e := b.edgeKey[key]; key != "" && e != nil {
		e.marks.add(f)
		return
	}
	b.nodes[name].add(f)
}

// componentOf splits "components.NAME.rest" into NAME and rest.
func (b *builder) componentOf(path string) (name, rest string, ok bool) {
	p, found := strings.CutPrefix(path, "components.")
	if !found {
		return "", "", false
	}
	for n := range b.s.Components {
		if !strings.HasPrefix(p, n) || len(n) <= len(name) {
			continue
		}
		r := p[len(n):]
		if r == "" || r[0] == '.' || r[0] == '[' {
			name, rest = n, strings.TrimPrefix(r, ".")
		}
	}
	return name, rest, name != ""
}

// firstField reads "field[i]..." as field and i (-1 when absent).
func firstField(rest string) (string, int) {
	end := strings.IndexAny(rest, ".[")
	if end < 0 {
		return rest, -1
	}
	field := rest[:end]
	if rest[end] != '[' {
		return field, -1
	}
	close := strings.IndexByte(rest[end:], ']')
	if close < 0 {
		return field, -1
	}
	i, err := strconv.Atoi(rest[end+1 : end+close])
	if err != nil {
		return field, -1
	}
	return field, i
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
