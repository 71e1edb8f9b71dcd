package pricing

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/schema"
)

// Charge says where a cost component's quantity comes from.
type Charge string

const (
	// Fixed quantities are provisioned: billed whatever the traffic
	// (instance hours, storage).
	Fixed Charge = "fixed"
	// UsageBased quantities follow the workload (bytes, capacity units).
	UsageBased Charge = "usage"
)

// CostComponent is one priced quantity a stack component declares.
type CostComponent struct {
	Name     string  // line item, e.g. "instance hours (m5.large)"
	PriceKey string  // catalog key, e.g. "ec2/m5.large"
	Unit     string  // the price key's unit: "hour", "GB-month", "LCU-hour", "GB" …
	Quantity float64 // per month, in Unit
	Charge   Charge
	Basis    string // how Quantity was derived, e.g. "2 instances × 730 h"
}

// Resource is a stack component (or the stack's network) with its cost
// components.
type Resource struct {
	Name       string // the component's name; "network" for stack-wide items
	Kind       string // "compute", "lb" … or "network"
	Components []CostComponent
}

// NetworkResource is the name of the pseudo-component holding NAT gateways
// and internet egress.
const NetworkResource = "network"

// Instances is a compute tier's average instance count over the month and
// how it was found, as the cost table prints it (e.g. "3 instances
// (average load needs 3 at 60% target)").
type Instances struct {
	Average float64
	Basis   string
}

// Options change how an estimate is made. The zero value is the default.
type Options struct {
	// Instances holds the average fleet of autoscaling tiers, by component
	// name: the capacity model's estimate, which package rightsize makes
	// (pricing never runs the model). An autoscaling tier the map lacks is
	// estimated by SimpleInstances; a fixed count is billed as written.
	Instances map[string]Instances
	// Catalog supplies the instance specs SimpleInstances needs; nil means
	// catalog.Default().
	Catalog *catalog.Catalog
}

// DefaultCPUTarget is the utilisation an autoscaling group is sized for
// when its policy names no CPU target.
const DefaultCPUTarget = 60

// OriginRPS is the average request rate that reaches the origin: avg_rps,
// less the CDN's hits when a CDN is in front.
func OriginRPS(s *schema.Stack) float64 {
	rps := s.Workload.AvgRPS
	for _, c := range s.OfKind(schema.KindCDN) {
		rps *= 1 - c.CDN.HitRatio
	}
	return rps
}

// SimpleInstances is the CPU-only instance estimate, used for an
// autoscaling tier that Options.Instances lacks: a fixed count as
// written; an autoscaling tier at the CPU its average load needs,
// ⌈tier rps × cpu_ms/1000 ÷ (vCPU × cpu_target)⌉, clamped to [min, max],
// where the tier's rps is what the traffic graph brings it at avg_rps
// (schema.Stack.Rates). It ignores worker limits, contention and latency.
func SimpleInstances(s *schema.Stack, c *schema.Component, cat *catalog.Catalog) Instances {
	return simpleInstances(s, c, cat, s.Rates(s.Workload.AvgRPS)[c.Name])
}

// simpleInstances is SimpleInstances for a tier receiving rps on average.
func simpleInstances(s *schema.Stack, c *schema.Component, cat *catalog.Catalog, rps float64) Instances {
	if cat == nil {
		cat = catalog.Default()
	}
	comp := c.Compute
	as := comp.Autoscaling
	if as == nil {
		n := comp.Instances()
		return Instances{Average: float64(n), Basis: humanize.Plural(n, "instance")}
	}
	vcpu, ok := comp.VCPUCount(cat)
	if !ok {
		return Instances{Average: float64(as.Min), Basis: fmt.Sprintf("%s (autoscaling min; no vCPU count for %s)", humanize.Plural(as.Min, "instance"), comp.InstanceType)}
	}
	target := CPUTarget(as)
	return Clamp(CPUNeed(rps, comp.Demand.CPUms, vcpu, target), as, target, "CPU")
}

// instances is the average fleet of compute tier c under opts, with
// rates the traffic graph's average rates.
func (opts Options) instances(s *schema.Stack, c *schema.Component, rate func(string) float64) Instances {
	if c.Compute.Autoscaling != nil {
		if n, ok := opts.Instances[c.Name]; ok {
			return n
		}
		return simpleInstances(s, c, opts.Catalog, rate(c.Name))
	}
	return simpleInstances(s, c, opts.Catalog, 0) // a fixed count reads no rate
}

// CPUTarget is the utilisation an autoscaling group tracks, in (0, 1]:
// its policy's cpu_target, else DefaultCPUTarget.
func CPUTarget(as *schema.Autoscaling) float64 {
	if as.Policy != nil && as.Policy.CPUTarget > 0 {
		return as.Policy.CPUTarget / 100
	}
	return DefaultCPUTarget / 100.0
}

// CPUNeed is the fleet whose CPUs run at target utilisation:
// ⌈rps × cpu_ms/1000 ÷ (vCPU × target)⌉, at least 1 and at most
// MaxCPUNeed.
func CPUNeed(rps, cpuMs float64, vcpu int, target float64) int {
	need := math.Ceil(rps*cpuMs/1000/(float64(vcpu)*target) - 1e-9)
	// A tiny cpu_target can make the quotient +Inf, whose conversion to
	// int is undefined (on amd64 it is the most negative int, i.e. 1).
	if !(need < MaxCPUNeed) {
		return MaxCPUNeed
	}
	return max(1, int(need))
}

// MaxCPUNeed caps CPUNeed, far above any autoscaling max (10,000).
const MaxCPUNeed = 1 << 30

// Clamp is an autoscaling tier's average fleet when its average load
// needs need instances at utilisation target: need kept within the
// group's [min, max], with the basis "N instances (average load needs M
// at 60% <how>…)" saying why.
func Clamp(need int, as *schema.Autoscaling, target float64, how string) Instances {
	n := min(max(need, as.Min), as.Max)
	why := "average load needs " + humanize.Count(need) + " at " + humanize.Percent(target) + " " + how
	switch {
	case n > need:
		why += "; autoscaling min"
	case n < need:
		why += "; autoscaling max"
	}
	return Instances{Average: float64(n), Basis: humanize.Plural(n, "instance") + " (" + why + ")"}
}

// declarer returns one kind's cost components.
type declarer func(d *decl, c *schema.Component) []CostComponent

// kinds declares the cost components of each component kind.
var kinds = map[schema.Kind]declarer{
	schema.KindCompute:  (*decl).compute,
	schema.KindLB:       (*decl).lb,
	schema.KindDatabase: (*decl).database,
	schema.KindCache:    (*decl).cache,
	schema.KindCDN:      (*decl).cdn,
	schema.KindQueue:    (*decl).queue,
}

// decl holds what the declarations read.
type decl struct {
	s     *schema.Stack
	hours float64 // monthly hours
	opts  Options
	// rates is what reaches each component at avg_rps through the
	// traffic graph (an LB or CDN bills its own traffic, not the stack's),
	// computed on first use: pricing one tier of a given fleet needs none.
	rates map[string]float64
}

// rate is the average rate the traffic graph brings component name.
func (d *decl) rate(name string) float64 {
	if d.rates == nil {
		d.rates = d.s.Rates(d.s.Workload.AvgRPS)
	}
	return d.rates[name]
}

// Declare lists every resource of the stack with its cost components,
// unpriced: components in name order, then the network.
func Declare(s *schema.Stack, opts Options) []Resource {
	d := &decl{s: s, hours: s.Workload.MonthlyHours, opts: opts}
	var out []Resource
	for _, name := range s.Names() {
		c := s.Components[name]
		if s.HostOf(name) != nil {
			continue // runs on an app server: no bill of its own
		}
		if cs := nonZero(kinds[c.Kind](d, c)); len(cs) > 0 {
			out = append(out, Resource{Name: name, Kind: string(c.Kind), Components: cs})
		}
	}
	if cs := nonZero(d.network()); len(cs) > 0 {
		out = append(out, Resource{Name: NetworkResource, Kind: NetworkResource, Components: cs})
	}
	return out
}

func nonZero(cs []CostComponent) []CostComponent {
	return slices.DeleteFunc(cs, func(c CostComponent) bool { return c.Quantity == 0 })
}

func (d *decl) hoursBasis() string { return humanize.Number(d.hours, basisDecimals) + " h" }

func (d *decl) compute(c *schema.Component) []CostComponent {
	comp := c.Compute
	fleet := d.opts.instances(d.s, c, d.rate)
	n, how := fleet.Average, fleet.Basis
	cs := []CostComponent{{
		Name:     "instance hours (" + comp.InstanceType + ")",
		PriceKey: catalog.EC2Key(comp.InstanceType),
		Unit:     "hour",
		Quantity: n * d.hours,
		Charge:   Fixed,
		Basis:    how + " × " + d.hoursBasis(),
	}, {
		Name:     "root volumes (gp3)",
		PriceKey: catalog.EBSGP3GBMonth,
		Unit:     "GB-month",
		Quantity: n * comp.RootVolumeGB * d.hours / 730,
		Charge:   Fixed,
		Basis:    fmt.Sprintf("%s × %s GB", humanize.Quantity(n, basisDecimals, "instance"), humanize.Number(comp.RootVolumeGB, basisDecimals)) + d.monthShare(),
	}}
	if dep := comp.Deploy; dep != nil && dep.Strategy == schema.DeployBlueGreen {
		windowH := dep.PerMonth * dep.WindowMin / 60
		cs = append(cs, CostComponent{
			Name:     "blue/green deploy windows (" + comp.InstanceType + ")",
			PriceKey: catalog.EC2Key(comp.InstanceType),
			Unit:     "hour",
			Quantity: n * windowH,
			Charge:   UsageBased,
			Basis:    fmt.Sprintf("%s × %s × %s min", humanize.Quantity(n, basisDecimals, "extra instance"), humanize.Quantity(dep.PerMonth, basisDecimals, "deploy"), humanize.Number(dep.WindowMin, basisDecimals)),
		})
	}
	if c.Subnet == "public" {
		cs = append(cs, d.publicIPv4(n, "1 per instance in a public subnet"))
	}
	return cs
}

// monthShare notes the H/730 factor when the stack does not run all month.
func (d *decl) monthShare() string {
	if d.hours == 730 {
		return ""
	}
	return " × " + humanize.Number(d.hours, basisDecimals) + "/730"
}

// ALB and NLB capacity-unit dimensions (AWS Elastic Load Balancing pricing).
const (
	albNewConnPerLCU  = 25   // new connections per second
	albGBPerHourLCU   = 1    // processed GB per hour
	nlbNewFlowPerNLCU = 800  // new TCP flows per second
	nlbGBPerHourNLCU  = 1    // processed GB per hour
	kbPerGB           = 1e6  // decimal units throughout
	secondsPerHour    = 3600 //
)

// LCUs returns the average capacity units per hour of a load balancer of
// type lb ("alb" or "nlb") carrying rps requests of respKB each, and the
// dimension that set it. See the package documentation for the
// simplifications.
func LCUs(lbType string, rps, respKB float64) (float64, string) {
	gbPerHour := rps * respKB * secondsPerHour / kbPerGB
	perConn, perGB, conn := float64(albNewConnPerLCU), float64(albGBPerHourLCU), "new connections"
	if lbType == "nlb" {
		perConn, perGB, conn = nlbNewFlowPerNLCU, nlbGBPerHourNLCU, "new flows"
	}
	byConn, byBytes := rps/perConn, gbPerHour/perGB
	if byConn >= byBytes {
		return byConn, fmt.Sprintf("%s %s/s ÷ %s", conn, humanize.Number(rps, basisDecimals), humanize.Number(perConn, basisDecimals))
	}
	return byBytes, fmt.Sprintf("processed %s GB/h ÷ %s", humanize.Number(gbPerHour, basisDecimals), humanize.Number(perGB, basisDecimals))
}

func (d *decl) lb(c *schema.Component) []CostComponent {
	lb := c.LB
	hourKey, unitKey, unit, name := catalog.ALBHour, catalog.ALBLCUHour, "LCU-hour", "ALB"
	if lb.Type == "nlb" {
		hourKey, unitKey, unit, name = catalog.NLBHour, catalog.NLBNLCUHour, "NLCU-hour", "NLB"
	}
	lcu, dim := LCUs(lb.Type, d.rate(c.Name), d.s.Workload.ResponseKB)
	cs := []CostComponent{{
		Name: name + " hours", PriceKey: hourKey, Unit: "hour",
		Quantity: d.hours, Charge: Fixed, Basis: d.hoursBasis(),
	}, {
		Name: name + " capacity units", PriceKey: unitKey, Unit: unit,
		Quantity: lcu * d.hours, Charge: UsageBased,
		Basis: fmt.Sprintf("%s (%s) × %s", humanize.Quantity(lcu, basisDecimals, strings.TrimSuffix(unit, "-hour")), dim, d.hoursBasis()),
	}}
	if lb.InternetFacing {
		cs = append(cs, d.publicIPv4(float64(len(d.azsOf(c))), "1 per AZ node of an internet-facing load balancer"))
	}
	return cs
}

func (d *decl) database(c *schema.Component) []CostComponent {
	db := c.Database
	if isAurora(db.Engine) {
		return d.aurora(c)
	}
	az := "single-AZ"
	if db.MultiAZ {
		az = "Multi-AZ"
	}
	var cs []CostComponent
	if db.InstanceClass != "" {
		cs = append(cs, CostComponent{
			Name:     fmt.Sprintf("instance hours (%s %s %s)", db.InstanceClass, db.Engine, az),
			PriceKey: catalog.RDSKey(db.Engine, db.InstanceClass, db.MultiAZ),
			Unit:     "hour", Quantity: d.hours, Charge: Fixed, Basis: d.hoursBasis(),
		})
	}
	return append(cs, CostComponent{
		Name:     fmt.Sprintf("storage (%s %s)", db.StorageType, az),
		PriceKey: catalog.RDSStorageKey(db.StorageType, db.MultiAZ),
		Unit:     "GB-month", Quantity: db.StorageGB, Charge: Fixed,
		Basis: humanize.Number(db.StorageGB, basisDecimals) + " GB",
	})
}

func (d *decl) cache(c *schema.Component) []CostComponent {
	ca := c.Cache
	return []CostComponent{{
		Name:     fmt.Sprintf("node hours (%s %s)", ca.NodeType, ca.Engine),
		PriceKey: catalog.ElastiCacheKey(ca.Engine, ca.NodeType),
		Unit:     "hour", Quantity: float64(ca.Nodes) * d.hours, Charge: Fixed,
		Basis: humanize.Plural(ca.Nodes, "node") + " × " + d.hoursBasis(),
	}}
}

// responseGB is the response bytes per month at rps requests per second.
func (d *decl) responseGB(rps float64) float64 {
	return rps * d.s.Workload.ResponseKB * d.hours * secondsPerHour / kbPerGB
}

func (d *decl) trafficBasis(rps float64) string {
	return fmt.Sprintf("%s req/s × %s KB × %s h", humanize.Number(rps, basisDecimals), humanize.Number(d.s.Workload.ResponseKB, basisDecimals), humanize.Number(d.hours, basisDecimals))
}

// sqsRequestsPerJob is the API requests one job costs a standard queue:
// the producer's SendMessage, the consumer's ReceiveMessage and its
// DeleteMessage (each up to 64 KB; batching and empty receives aside).
const sqsRequestsPerJob = 3

// queue bills its requests at the average rate of jobs enqueued.
func (d *decl) queue(c *schema.Component) []CostComponent {
	jobs := d.rate(c.Name)
	month := jobs * d.hours * 3600
	return []CostComponent{{
		Name: "queue requests (SQS standard)", PriceKey: catalog.SQSMillionRequests, Unit: "million request",
		Quantity: month * sqsRequestsPerJob / 1e6, Charge: UsageBased,
		Basis: fmt.Sprintf("%s jobs/s × %d requests a job (send, receive, delete) × %s", humanize.Number(jobs, basisDecimals), sqsRequestsPerJob, d.hoursBasis()),
	}}
}

// NATGateways is network.nat_gateways, or by default the number of AZs
// that private compute tiers run in.
func NATGateways(s *schema.Stack) int {
	if s.Network.NATGateways != nil {
		return *s.Network.NATGateways
	}
	azs := map[string]bool{}
	for _, c := range s.OfKind(schema.KindCompute) {
		if c.Subnet == "private" {
			for _, az := range c.AZs {
				azs[az] = true
			}
		}
	}
	return len(azs)
}

func (d *decl) network() []CostComponent {
	nat := NATGateways(d.s)
	natBasis := humanize.Plural(nat, "gateway")
	if d.s.Network.NATGateways == nil {
		natBasis += " (1 per AZ of private compute)"
	}
	cs := []CostComponent{{
		Name: "NAT gateway hours", PriceKey: catalog.NATHour, Unit: "hour",
		Quantity: float64(nat) * d.hours, Charge: Fixed, Basis: natBasis + " × " + d.hoursBasis(),
	}}
	if nat > 0 {
		cs = append(cs, CostComponent{
			Name: "NAT data processed", PriceKey: catalog.NATGB, Unit: "GB",
			Quantity: d.s.Network.NATGBMonth, Charge: UsageBased, Basis: "network.nat_gb_month",
		}, d.publicIPv4(float64(nat), "1 per NAT gateway"))
	}
	cs = append(cs, d.interAZ()...)
	return append(cs, d.egress(nat)...)
}

// basisDecimals is the precision of the quantities a basis note quotes.
const basisDecimals = 3
