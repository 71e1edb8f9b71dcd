package pricing

import (
	"fmt"
	"maps"
	"slices"

	"github.com/infralint/infralint/catalog"
	"github.com/infralint/infralint/internal/humanize"
	"github.com/infralint/infralint/schema"
)

// FreeEgressGB is AWS's free internet egress a month. The allowance is the
// account's, across services and regions; an estimate of one stack applies
// all of it to that stack, and its basis line says so.
const FreeEgressGB = 100

// CloudFront's always-free tier a month (AWS CloudFront pricing page, the
// stored copy of the AWS-CF-PAGE source: "1 TB data transfer out and
// 10,000,000 HTTP/HTTPS requests"), with TB = 1,024 GB as CloudFront's own
// tiers bill. Like FreeEgressGB it is the account's, applied here in full to
// the one stack, and shared among viewer geographies by their traffic.
const (
	FreeCloudFrontGB       = 1024
	FreeCloudFrontRequests = 10_000_000
)

// DefaultCallKB is what a call moves between zones (request and response)
// when the stack does not say and the call reads no cached data set.
const DefaultCallKB = 1

// tierQuantities splits gb a month over tiers, the first free GB billing
// nothing: each tier's share of the range (free, gb].
func tierQuantities(gb, free float64, tiers []catalog.Tier) []float64 {
	out := make([]float64, len(tiers))
	lo := 0.0
	for i, t := range tiers {
		hi := lo + t.GB
		if t.GB == 0 {
			hi = gb
		}
		out[i] = max(0, min(gb, hi)-max(lo, free))
		lo = hi
	}
	return out
}

// tierLabel is how a tier reads in a line item: "first 10 TB", "over 150 TB".
var tierLabel = map[string]string{
	"first-10tb": "first 10 TB", "next-40tb": "next 40 TB", "next-100tb": "next 100 TB",
	"over-150tb": "over 150 TB", "next-350tb": "next 350 TB", "next-524tb": "next 524 TB",
	"next-4pb": "next 4 PB", "over-5pb": "over 5 PB",
}

// egress bills the stack's internet egress: responses that leave without a
// CDN and what the NAT gateways send out, tiered, less the free allowance.
func (d *decl) egress(nat int) []CostComponent {
	var gb float64
	var parts []string
	if len(d.s.OfKind(schema.KindCDN)) == 0 {
		rps := d.s.Workload.AvgRPS
		gb += d.responseGB(rps)
		parts = append(parts, d.trafficBasis(rps))
	}
	if nat > 0 && d.s.Network.NATGBMonth > 0 {
		gb += d.s.Network.NATGBMonth
		parts = append(parts, humanize.Number(d.s.Network.NATGBMonth, basisDecimals)+" GB through NAT")
	}
	if len(parts) == 0 {
		return nil
	}
	basis := fmt.Sprintf("%s = %s GB; the first %d GB free (AWS's account-wide allowance, all applied to this stack)",
		joinPlus(parts), humanize.Number(gb, basisDecimals), FreeEgressGB)
	var cs []CostComponent
	for i, q := range tierQuantities(gb, FreeEgressGB, catalog.EgressTiers) {
		t := catalog.EgressTiers[i]
		cs = append(cs, CostComponent{
			Name: "internet data transfer out (" + tierLabel[t.Name] + ")", PriceKey: catalog.EgressKey(t.Name),
			Unit: "GB", Quantity: q, Charge: UsageBased, Basis: basis,
		})
		basis = "the same traffic's share of this tier"
	}
	return cs
}

func joinPlus(parts []string) string {
	s := parts[0]
	for _, p := range parts[1:] {
		s += " + " + p
	}
	return s
}

// viewers returns a CDN's viewer geographies with their shares, sorted,
// and, when the stack does not say, why the one geography was chosen.
func (d *decl) viewers(c *schema.Component) (geos []string, share map[string]float64, byDefault string) {
	if v := c.CDN.Viewers; v != nil {
		return slices.Sorted(maps.Keys(v)), v, ""
	}
	geo, ok := catalog.CloudFrontGeographyOf(d.s.Region)
	why := "the region's geography"
	if !ok {
		// A region the table does not place: AWS's cheapest group.
		geo, why = "us-mexico-canada", "no geography known for "+d.s.Region
	}
	return []string{geo}, map[string]float64{geo: 1}, why
}

// cdn bills CloudFront: its requests and its data transfer out, tiered
// within each viewer geography, as AWS's CloudFront pricing does. Origin
// fetches from an AWS origin are free.
func (d *decl) cdn(c *schema.Component) []CostComponent {
	rps := d.rate(c.Name)
	requests := rps * d.hours * secondsPerHour
	gb := d.responseGB(rps)
	geos, share, byDefault := d.viewers(c)
	proto, https := "HTTPS", true
	if !c.CDN.HTTPSOnly {
		// The mix is unknown: the dearer HTTPS rate keeps the figure an
		// upper bound, and the basis says so.
		proto = "HTTPS (plain HTTP allowed; priced as HTTPS)"
	}
	var cs []CostComponent
	for _, geo := range geos {
		f := share[geo]
		who := humanize.Percent(f) + " of viewers in " + geo
		if byDefault != "" {
			who = "viewers in " + geo + " (" + byDefault + "; set cdn.viewers)"
		}
		// The free tier's share of this geography, as the basis words it.
		part := "the"
		if f < 1 {
			part = humanize.Percent(f) + " of the"
		}
		cs = append(cs, CostComponent{
			Name: "CloudFront requests (" + geo + ")", PriceKey: catalog.CloudFrontRequestKey(geo, https),
			Unit: "request", Quantity: max(0, requests-FreeCloudFrontRequests) * f, Charge: UsageBased,
			Basis: fmt.Sprintf("%s req/s × %s × %s, %s; less %s %s requests free a month (AWS's always-free tier, all applied to this stack)",
				humanize.Number(rps, basisDecimals), d.hoursBasis(), who, proto, part, humanize.Number(FreeCloudFrontRequests, 0)),
		})
		basis := fmt.Sprintf("%s, %s; less %s first %s GB free a month (AWS's always-free tier, all applied to this stack)",
			d.trafficBasis(rps), who, part, humanize.Number(FreeCloudFrontGB, 0))
		for i, q := range tierQuantities(gb*f, FreeCloudFrontGB*f, catalog.CloudFrontTiers) {
			t := catalog.CloudFrontTiers[i]
			cs = append(cs, CostComponent{
				Name:     "CloudFront data transfer out (" + geo + ", " + tierLabel[t.Name] + ")",
				PriceKey: catalog.CloudFrontGBKey(geo, t.Name), Unit: "GB", Quantity: q, Charge: UsageBased, Basis: basis,
			})
			basis = "the same traffic's share of this tier"
		}
	}
	return cs
}

// interAZ bills what the compute tiers' calls move between availability
// zones, as stack-wide network items: the traffic follows the AZs, not an
// instance type or count, so a tier's own cost (what right-sizing compares)
// leaves it out. Instances spread evenly over their AZs and calls spread
// evenly over the callee's instances, so a call to another tier stays in
// its zone with probability |shared AZs| ÷ (|caller AZs| × |callee AZs|); a
// database answers from its primary and a cache from the node holding the
// key, one zone, which gives 1 ÷ |caller AZs|. AWS bills a crossing GB on
// both sides. Calls to a queue (SQS is regional) or to a component on the
// caller's own servers cost nothing.
func (d *decl) interAZ() []CostComponent {
	var cs []CostComponent
	for _, c := range d.s.OfKind(schema.KindCompute) {
		cs = append(cs, d.callsAcrossAZs(c)...)
	}
	return cs
}

func (d *decl) callsAcrossAZs(c *schema.Component) []CostComponent {
	var cs []CostComponent
	from := d.azsOf(c)
	named := map[string]bool{}
	for _, call := range c.Compute.Calls {
		t := d.s.Components[call.Target]
		if t == nil || t.Kind == schema.KindQueue || len(from) == 0 {
			continue
		}
		callee := t
		if host := d.s.HostOf(call.Target); host != nil {
			if host.Name == c.Name {
				continue
			}
			callee = host // another tier's servers run it
		}
		stay := 1 / float64(len(from))
		if callee.Kind == schema.KindCompute || callee.Kind == schema.KindLB {
			to := d.azsOf(callee)
			shared := 0
			for _, az := range from {
				if slices.Contains(to, az) {
					shared++
				}
			}
			stay = float64(shared) / float64(len(from)*max(len(to), 1))
		}
		cross := 1 - stay
		if cross <= 0 {
			continue
		}
		kb, why := d.callKB(call, t)
		calls := d.rate(c.Name) * call.PerRequest
		gb := calls * kb * d.hours * secondsPerHour / kbPerGB * cross
		// A line item's name is its identity in --compare: two calls to
		// one cache differ by data set, any others by their order.
		name := "inter-AZ transfer (" + c.Name + " → " + call.Target + ")"
		if call.Data != "" {
			name = "inter-AZ transfer (" + c.Name + " → " + call.Target + ", " + call.Data + ")"
		}
		for i := 2; named[name]; i++ {
			name = fmt.Sprintf("inter-AZ transfer (%s → %s, call %d)", c.Name, call.Target, i)
		}
		named[name] = true
		cs = append(cs, CostComponent{
			Name: name, PriceKey: catalog.InterAZGB, Unit: "GB",
			Quantity: 2 * gb, Charge: UsageBased,
			Basis: fmt.Sprintf("%s calls/s × %s KB (%s) × %s × %s crossing zones × 2 (billed on both sides)",
				humanize.Number(calls, basisDecimals), humanize.Number(kb, basisDecimals), why, d.hoursBasis(), humanize.Percent(cross)),
		})
	}
	return cs
}

// azsOf is a component's AZs: its own, else the stack's.
func (d *decl) azsOf(c *schema.Component) []string {
	if len(c.AZs) > 0 {
		return c.AZs
	}
	return d.s.Network.AZs
}

// callKB is what one call moves and where the figure comes from.
func (d *decl) callKB(call schema.Call, t *schema.Component) (float64, string) {
	if call.KB != nil {
		return *call.KB, "calls[].kb"
	}
	if t.Kind == schema.KindCache && call.Data != "" {
		if ds, ok := t.Cache.Data[call.Data]; ok {
			return ds.ItemKB, "item_kb of " + call.Data
		}
	}
	return DefaultCallKB, "default; set calls[].kb"
}

// publicIPv4 is the public addresses a component holds all month: an
// internet-facing load balancer's node in each AZ, or a public compute
// tier's instances. AWS bills every public IPv4 address by the hour.
func (d *decl) publicIPv4(addresses float64, why string) CostComponent {
	return CostComponent{
		Name: "public IPv4 addresses", PriceKey: catalog.PublicIPv4Hour, Unit: "hour",
		Quantity: addresses * d.hours, Charge: Fixed,
		Basis: humanize.Quantity(addresses, basisDecimals, "address") + " (" + why + ") × " + d.hoursBasis(),
	}
}
