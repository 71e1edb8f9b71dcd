package diagram

import (
	"bytes"
	"strings"
	"testing"

	"github.com/infralint/infralint/capacity"
	"github.com/infralint/infralint/pricing"
	"github.com/infralint/infralint/rules"
	"github.com/infralint/infralint/schema"
)

// handStack builds a stack in Go, so that names can hold what the schema
// would refuse: the builder must still escape them.
func handStack(names map[string]string) *schema.Stack {
	n := func(k string) string {
		if v, ok := names[k]; ok {
			return v
		}
		return k
	}
	comps := map[string]*schema.Component{
		n("alb"): {Kind: schema.KindLB, Subnet: "public", LB: &schema.LB{Type: "alb", InternetFacing: true,
			Listeners: []schema.Listener{{Protocol: "HTTPS", Port: 443}, {Protocol: "HTTP", Port: 80, RedirectHTTPS: true}},
			Targets:   []string{n("app")}}},
		n("app"): {Kind: schema.KindCompute, Subnet: "private", Description: n("desc"), Compute: &schema.Compute{
			InstanceType: "m5.large", Autoscaling: &schema.Autoscaling{Min: 2, Max: 6, Policy: &schema.ScalingPolicy{CPUTarget: 60}},
			Workers: schema.Workers{Processes: 2, Threads: 8}, Port: 8080,
			Hosts: []string{n("side")},
			Calls: []schema.Call{{Target: n("db"), PerRequest: 3, TLS: true}, {Target: n("cache"), PerRequest: 2, Data: "d"}, {Target: n("cache"), PerRequest: 1}}}},
		n("side"):  {Kind: schema.KindCache, Subnet: "private", Cache: &schema.Cache{Engine: "redis", NodeType: "cache.t3.small", Nodes: 1, Port: 6379}},
		n("cache"): {Kind: schema.KindCache, Subnet: "private", Cache: &schema.Cache{Engine: "valkey", NodeType: "cache.t3.small", Nodes: 2, Port: 6380}},
		n("db"): {Kind: schema.KindDatabase, Subnet: "private", Database: &schema.Database{Engine: "postgres", InstanceClass: "db.r5.large",
			MultiAZ: true, StorageGB: 100, Port: 5432, Ingress: []string{n("app"), "10.9.0.0/16", "0.0.0.0/0"}}},
		n("cdn"): {Kind: schema.KindCDN, CDN: &schema.CDN{Origin: n("alb"), HTTPSOnly: true, HitRatio: 0.4}},
	}
	azs := []string{"us-east-1a", "us-east-1b"}
	for name, c := range comps {
		c.Name = name
		c.AZs = azs
	}
	return &schema.Stack{Name: n("stack"), Region: "us-east-1",
		Workload:   schema.Workload{PeakRPS: 100, SLOp99ms: 200},
		Network:    schema.Network{VPC: n("vpc"), CIDR: "10.0.0.0/16", AZs: azs},
		Components: comps}
}

func TestBuildDeterministic(t *testing.T) {
	s := handStack(nil)
	opts := Options{ShowFindings: true, Findings: []rules.Finding{{RuleID: "X001", Severity: rules.Warning, Path: "components.app"}},
		Annotations: &Annotations{Stack: []string{"total $1"}, Components: map[string][]string{"db": {"p99 3 ms"}}}}
	first := Build(s, opts)
	for range 30 {
		if got := Build(handStack(nil), opts); !bytes.Equal(got, first) {
			t.Fatalf("Build is not deterministic:\n%s\n---\n%s", first, got)
		}
	}
}

func TestBuildStructure(t *testing.T) {
	dot := string(Build(handStack(nil), Options{}))
	for _, want := range []string{
		`"@internet" -> "cdn" [label="HTTPS", color="#2e7d32"`,
		`"cdn" -> "alb" [label="HTTPS :443", color="#2e7d32"`,
		// The load balancer targets the group: the edge ends at its border.
		`"alb" -> "app" [label="HTTP :8080", color="#c62828", fontcolor="#c62828", style=dashed, penwidth=1.4, lhead="cluster_asg_app"`,
		`"app" -> "db" [label="postgres :5432 TLS", color="#2e7d32"`,
		// Two calls to one cache are one edge; a plaintext one makes it plaintext.
		`"app" -> "cache" [label="valkey :6380", color="#c62828"`,
		`tooltip="app → cache: 3 calls per request (d)"`,
		// Address blocks a database admits: the internet, or a note node.
		`"@internet" -> "db" [label="open :5432", color="#c62828", fontcolor="#c62828", style=dotted`,
		`"@cidr 10.9.0.0/16" -> "db"`,
		// The hosted cache is a cell in its host, not a node of its own.
		`<TD PORT="h0" BORDER="1"`,
		`subgraph "cluster_asg_app"`,
		`label="auto scaling group\nmin 2 · max 6 · CPU 60%"`,
	} {
		if !strings.Contains(dot, want) {
			t.Errorf("DOT lacks %s\n%s", want, dot)
		}
	}
	if strings.Contains(dot, `"side" [`) {
		t.Errorf("hosted component drawn as its own node:\n%s", dot)
	}
	// The internet edge goes to the CDN (the entry), not also to the
	// load balancer the CDN fronts.
	if strings.Contains(dot, `"@internet" -> "alb" [label`) {
		t.Errorf("internet edge to a load balancer behind the CDN:\n%s", dot)
	}
}

func TestFindingsMarkTheirElement(t *testing.T) {
	fs := []rules.Finding{
		{RuleID: "TLS002", Severity: rules.Error, Path: "components.app.calls[1].tls", Message: "plain cache call"},
		{RuleID: "LB003", Severity: rules.Warning, Path: "components.alb.targets[0]", Message: "one target"},
		{RuleID: "NET001", Severity: rules.Error, Path: "components.db.ingress[2]", Message: "open"},
		{RuleID: "TLS001", Severity: rules.Info, Path: "components.cdn.https_only", Message: "viewer"},
		{RuleID: "ASG002", Severity: rules.Warning, Path: "components.app.autoscaling.min", Message: "min"},
		{RuleID: "ASG003", Severity: rules.Info, Path: "components.app", Message: "policy"},
		{RuleID: "CACHE001", Severity: rules.Warning, Path: "components.side.node_type", Message: "small"},
		{RuleID: "SUP001", Severity: rules.Warning, Path: "workload.peak_rps", Message: "stack-wide"},
	}
	dot := string(Build(handStack(nil), Options{ShowFindings: true, Findings: fs}))
	for _, want := range []string{
		`"app" -> "cache" [label="valkey :6380\n[TLS002]", color="#c62828"`,
		`"alb" -> "app" [label="HTTP :8080\n[LB003]", color="#e65100"`,
		`"@internet" -> "db" [label="open :5432\n[NET001]"`,
		`"@internet" -> "cdn" [label="HTTPS\n[TLS001]", color="#1565c0"`,
		// Worst severity of the node wins; IDs in the label, messages in the tooltip.
		`<FONT POINT-SIZE="9" COLOR="#e65100"><B>ASG002 · ASG003</B></FONT>`,
		`ASG002 warning: min\nASG003 info: policy`,
		// The hosted cache's finding colours its cell.
		`<TD PORT="h0" BORDER="1" COLOR="#e65100"`,
		`<B>stack: SUP001</B>`,
		`findings:` + legendGap,
	} {
		if !strings.Contains(dot, want) {
			t.Errorf("DOT lacks %s\n%s", want, dot)
		}
	}
	// Without ShowFindings nothing is coloured.
	plain := string(Build(handStack(nil), Options{Findings: fs}))
	if strings.Contains(plain, "TLS002") || strings.Contains(plain, "findings:") {
		t.Errorf("findings drawn without ShowFindings")
	}
}

func TestAnnotationsPlumbing(t *testing.T) {
	a := &Annotations{
		Stack:      []string{"total $1,234/month"},
		Components: map[string][]string{"app": {"3 instances at peak", "CPU 45% · p99 38 ms"}, "side": {"<hosted> & co"}},
	}
	dot := string(Build(handStack(nil), Options{Annotations: a}))
	for _, want := range []string{
		`<FONT POINT-SIZE="10" COLOR="#37474f">total $1,234/month</FONT>`,
		`<I>3 instances at peak</I>`,
		`<I>CPU 45% · p99 38 ms</I>`,
		`<I>&lt;hosted&gt; &amp; co</I>`,
	} {
		if !strings.Contains(dot, want) {
			t.Errorf("DOT lacks %s\n%s", want, dot)
		}
	}
	if bytes.Contains(Build(handStack(nil), Options{}), []byte("<I>3 instances")) {
		t.Error("annotations drawn without Options.Annotations")
	}
}

func TestQuoteAndHTML(t *testing.T) {
	for in, want := range map[string]string{
		`plain`:        `"plain"`,
		`say "hi"`:     `"say \"hi\""`,
		`back\slash`:   `"back\\slash"`,
		`\N`:           `"\\N"`,
		"two\nlines\r": `"two\nlines\\r"`, // a control character is shown escaped
		`trailing\`:    `"trailing\\"`,
		`한국어 서버`:       `"한국어 서버"`,
	} {
		if got := quote(in); got != want {
			t.Errorf("quote(%q) = %s, want %s", in, got, want)
		}
	}
	if got, want := html("a<b>&\"c\"\nd"), "a&lt;b&gt;&amp;&quot;c&quot;<BR/>d"; got != want {
		t.Errorf("html = %s, want %s", got, want)
	}
	if got, want := html("\\N\x1b[2J"), `\\N\\u001b[2J`; got != want {
		t.Errorf("html = %s, want %s", got, want)
	}
	// Graphviz unescapes tooltips twice and IDs never (see escape.go).
	if got, want := quoteTooltip(`a\N "b"`+"\n"), `"a\\\\N \"b\"\n"`; got != want {
		t.Errorf("quoteTooltip = %s, want %s", got, want)
	}
	if got, want := quoteID(`s\G & t`), `"s&#92;G &amp; t"`; got != want {
		t.Errorf("quoteID = %s, want %s", got, want)
	}
}

func TestLargeStackUsesXLabels(t *testing.T) {
	s := genStack(LargeStack + 10)
	dot := string(Build(s, Options{}))
	for _, l := range strings.Split(dot, "\n") {
		if strings.Contains(l, " -> ") && strings.Contains(l, "[label=") && !strings.Contains(l, "@legend") {
			t.Fatalf("edge with a label in a large stack: %s", l)
		}
	}
	if !strings.Contains(dot, "xlabel=") {
		t.Error("no xlabel in a large stack")
	}
}

func TestAnnotateFromAnalyses(t *testing.T) {
	l, err := schema.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	s, err := l.LoadPath("../../examples/web-asg-rds-cache/stack.cue")
	if err != nil {
		t.Fatal(err)
	}
	model, err := capacity.Analyze(s, capacity.Options{})
	if err != nil {
		t.Fatal(err)
	}
	est := pricing.Price(s, nil, pricing.Options{})
	a := Annotate(s, model, est)
	web := strings.Join(a.Components["web"], "\n")
	for _, want := range []string{" at peak", "CPU ", "p99 ", "/month"} {
		if !strings.Contains(web, want) {
			t.Errorf("web annotations %q lack %q", web, want)
		}
	}
	if db := strings.Join(a.Components["db"], "\n"); !strings.Contains(db, "p99 ") || !strings.Contains(db, "/month") {
		t.Errorf("db annotations %q", db)
	}
	// The total, then its prices' dates (the snapshot's sources for
	// us-east-1: catalog/README.md).
	if len(a.Stack) != 2 || !strings.HasPrefix(a.Stack[0], "total $") || !strings.HasPrefix(a.Stack[1], "prices as of ") || !strings.Contains(a.Stack[1], "2024-08-09 (coroot)") {
		t.Errorf("stack annotations %q", a.Stack)
	}
	// Either analysis may be missing: the rest still annotates.
	if a := Annotate(s, nil, est); len(a.Components["web"]) != 1 {
		t.Errorf("cost only: %q", a.Components["web"])
	}
	if a := Annotate(s, model, nil); len(a.Stack) != 0 || len(a.Components["web"]) != 2 {
		t.Errorf("capacity only: %q %q", a.Stack, a.Components["web"])
	}
	if got := money(1234567.4, false); got != "≥ $1,234,567" {
		t.Errorf("money = %s", got)
	}
}

// A partial estimate reads "≥" on its total and on the network's share when
// the missing price is the network's (a NAT gateway here).
func TestAnnotatePartialNetwork(t *testing.T) {
	est := &pricing.Estimate{MonthlyUSD: 100, Partial: true, Items: []pricing.LineItem{
		{Component: pricing.NetworkResource, Priced: true, MonthlyUSD: 9},
		{Component: pricing.NetworkResource, Priced: false},
	}}
	s := &schema.Stack{Components: map[string]*schema.Component{}}
	a := Annotate(s, nil, est)
	if len(a.Stack) != 1 || a.Stack[0] != "total ≥ $100/month (network ≥ $9)" {
		t.Errorf("stack annotations %q", a.Stack)
	}
}
