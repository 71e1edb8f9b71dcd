package diagram

import (
	"fmt"

	"github.com/infralint/infralint/schema"
)

// genStack returns a deterministic stack of n components shaped like a
// large real estate: one CDN, a few internet-facing load balancers each in
// front of several app tiers (autoscaling or fixed, some hosting a cache),
// and shared caches and databases that the app tiers call, over three AZs.
func genStack(n int) *schema.Stack {
	azs := []string{"us-east-1a", "us-east-1b", "us-east-1c"}
	comps := map[string]*schema.Component{}
	add := func(name string, c *schema.Component) {
		c.Name = name
		if c.AZs == nil {
			c.AZs = azs
		}
		comps[name] = c
	}
	nLB := max(1, n/50)
	nDB := max(1, n*12/100)
	nCache := max(1, n*12/100)
	nApp := max(1, n-1-nLB-nDB-nCache)
	add("cdn", &schema.Component{Kind: schema.KindCDN, CDN: &schema.CDN{Origin: "lb0", HTTPSOnly: true, HitRatio: 0.6}})
	for i := range nDB {
		add(fmt.Sprintf("db%d", i), &schema.Component{Kind: schema.KindDatabase, Subnet: "private", Database: &schema.Database{
			Engine: "postgres", InstanceClass: "db.r5.large", MultiAZ: i%2 == 0, StorageGB: 100, Port: 5432, RequireTLS: true}})
	}
	for i := range nCache {
		add(fmt.Sprintf("cache%d", i), &schema.Component{Kind: schema.KindCache, Subnet: "private", Cache: &schema.Cache{
			Engine: "redis", NodeType: "cache.r6g.large", Nodes: 2, Port: 6379}})
	}
	targets := make([][]string, nLB)
	for i := range nApp {
		name := fmt.Sprintf("app%d", i)
		c := &schema.Compute{InstanceType: "m5.large", Workers: schema.Workers{Processes: 2, Threads: 8}, Port: 8080}
		if i%3 == 0 {
			c.Count = 2
		} else {
			c.Autoscaling = &schema.Autoscaling{Min: 2, Max: 8, Policy: &schema.ScalingPolicy{CPUTarget: 60}}
		}
		c.Calls = []schema.Call{
			{Target: fmt.Sprintf("db%d", i%nDB), PerRequest: 2, TLS: i%4 != 0},
			{Target: fmt.Sprintf("cache%d", i%nCache), PerRequest: 3},
		}
		if i%5 == 0 {
			c.Calls = append(c.Calls, schema.Call{Target: fmt.Sprintf("db%d", (i+1)%nDB), PerRequest: 1, TLS: true})
		}
		add(name, &schema.Component{Kind: schema.KindCompute, Subnet: "private", Compute: c})
		targets[i%nLB] = append(targets[i%nLB], name)
	}
	for i := range nLB {
		if len(targets[i]) == 0 {
			targets[i] = []string{"app0"}
		}
		add(fmt.Sprintf("lb%d", i), &schema.Component{Kind: schema.KindLB, Subnet: "public", LB: &schema.LB{Type: "alb", InternetFacing: true,
			Listeners: []schema.Listener{{Protocol: "HTTPS", Port: 443}, {Protocol: "HTTP", Port: 80, RedirectHTTPS: true}},
			Targets:   targets[i]}})
	}
	return &schema.Stack{Name: fmt.Sprintf("generated-%d", n), Region: "us-east-1",
		Workload:   schema.Workload{AvgRPS: 2000, PeakRPS: 6000, SLOp99ms: 250},
		Network:    schema.Network{VPC: "vpc", AZs: azs},
		Components: comps}
}
