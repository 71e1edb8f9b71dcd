package terraform

import (
	"strings"
)

// subnetInfo is what the mapping knows of one aws_subnet.
type subnetInfo struct {
	public bool
	az     string
}

// network maps aws_vpc, aws_subnet (public when it maps public IPs on
// launch or its route table routes to an internet gateway) and
// aws_nat_gateway to the stack's network, and learns each subnet's side
// and AZ for the components placed in it.
func (mp *mapper) network(root *object) {
	igwRoutes := map[string]bool{} // route tables with a route to an internet gateway
	for _, r := range mp.resourcesOf("aws_route_table") {
		for _, rt := range blocks(r.Body, "route") {
			if mp.isIGW(rt, "gateway_id") {
				igwRoutes[baseAddress(r.Address)] = true
			}
		}
		// route may also be an attribute (a list of objects) in a plan
		mp.used[r.Address] = true
	}
	for _, r := range mp.resourcesOf("aws_route") {
		if t, _, ok := mp.ref(r.Body, "route_table_id"); ok && mp.isIGW(r.Body, "gateway_id") {
			igwRoutes[t] = true
		}
		mp.used[r.Address] = true
	}
	publicByRoute := map[string]bool{}
	for _, r := range mp.resourcesOf("aws_route_table_association") {
		s, _, ok1 := mp.ref(r.Body, "subnet_id")
		t, _, ok2 := mp.ref(r.Body, "route_table_id")
		if ok1 && ok2 && igwRoutes[t] {
			publicByRoute[s] = true
		}
		mp.used[r.Address] = true
	}
	var azs []string
	azPos := Pos{}
	for _, r := range mp.resourcesOf("aws_subnet") {
		info := subnetInfo{public: publicByRoute[baseAddress(r.Address)] || publicByRoute[r.Address]}
		if v, _, ok := boolean(r.Body, "map_public_ip_on_launch"); ok && v {
			info.public = true
		}
		if az, pos, ok := str(r.Body, "availability_zone"); ok {
			info.az = az
			azs = append(azs, az)
			if azPos.Line == 0 {
				azPos = pos
			}
		}
		mp.subnets[r.Address] = info
		mp.used[r.Address] = true
	}
	for _, t := range []string{"aws_internet_gateway", "aws_db_subnet_group", "aws_elasticache_subnet_group"} {
		for _, r := range mp.resourcesOf(t) {
			mp.used[r.Address] = true
		}
	}
	if len(azs) == 0 {
		// No subnet names its zone (its VPC is a registry module's, say):
		// the region is the default aws provider's, where the .tf says it.
		if region, pos, ok := str(mp.m.Providers["aws"], "region"); ok && region != "" {
			root.set("region", &node{pos: pos, value: region, origin: "the aws provider's region"})
		}
	}
	vpcs := mp.resourcesOf("aws_vpc")
	if len(vpcs) == 0 && len(azs) == 0 {
		return
	}
	net := root.obj("network", Pos{}, "")
	if len(vpcs) > 0 {
		v := vpcs[0]
		net.set("vpc", &node{pos: v.Body.Pos, value: v.Name, origin: v.Address})
		setStr(net, "cidr", v, v.Body, "cidr_block")
		for _, r := range vpcs {
			mp.used[r.Address] = true
		}
	}
	if len(azs) > 0 {
		azs = sortedUnique(azs)
		var list []*node
		for _, az := range azs {
			list = append(list, &node{pos: azPos, value: az})
		}
		net.set("azs", &node{pos: azPos, value: list, origin: "availability_zone of the aws_subnet resources"})
		if region, ok := regionOf(azs[0]); ok {
			root.set("region", &node{pos: azPos, value: region, origin: "the region of the subnets' availability zones"})
		}
	}
	// Terraform describes the whole network: the NAT gateways it declares
	// are all there are (the schema's default would assume one per AZ).
	nats := mp.resourcesOf("aws_nat_gateway")
	natPos := Pos{}
	if len(vpcs) > 0 {
		natPos = vpcs[0].Body.Pos
	}
	if len(nats) > 0 {
		natPos = nats[0].Body.Pos
	}
	net.set("nat_gateways", &node{pos: natPos, value: int64(len(nats)), origin: "the number of aws_nat_gateway resources"})
	for _, r := range nats {
		mp.used[r.Address] = true
		if eip, _, ok := mp.ref(r.Body, "allocation_id"); ok {
			for _, e := range mp.byBase[eip] {
				mp.used[e.Address] = true // the NAT gateway's address
			}
		}
	}
}

func (mp *mapper) isIGW(b *Block, name string) bool {
	if t, _, ok := mp.ref(b, name); ok {
		return strings.Contains(t, "aws_internet_gateway.")
	}
	s, _, ok := str(b, name)
	return ok && strings.HasPrefix(s, "igw-")
}

// regionOf is the region of an AZ name: us-east-1a → us-east-1.
func regionOf(az string) (string, bool) {
	if len(az) < 2 {
		return "", false
	}
	last := az[len(az)-1]
	if last < 'a' || last > 'z' {
		return "", false
	}
	return az[:len(az)-1], true
}

// place sets a component's subnet (public when any of its subnets is) and
// AZs from the subnets an attribute refers to.
func (mp *mapper) place(c *object, r *Resource, subnets []string, pos Pos, attrName string) {
	if len(subnets) == 0 {
		return
	}
	public := false
	var azs []string
	known := true
	for _, s := range subnets {
		info, ok := mp.subnetInfoOf(s)
		if !ok {
			known = false
			continue
		}
		public = public || info.public
		if info.az == "" {
			known = false
		} else {
			azs = append(azs, info.az)
		}
	}
	side := "private"
	if public {
		side = "public"
	}
	c.set("subnet", &node{pos: pos, value: side, origin: origin(r, attrName)})
	if known && len(azs) > 0 {
		var list []*node
		for _, az := range sortedUnique(azs) {
			list = append(list, &node{pos: pos, value: az})
		}
		c.set("azs", &node{pos: pos, value: list, origin: "availability_zone of " + origin(r, attrName)})
	}
}

// subnetInfoOf finds a subnet by its address or base address (a count or
// for_each subnet referred to as a whole).
func (mp *mapper) subnetInfoOf(addr string) (subnetInfo, bool) {
	if info, ok := mp.subnets[addr]; ok {
		return info, true
	}
	var merged subnetInfo
	found := false
	for _, r := range mp.byBase[addr] {
		if info, ok := mp.subnets[r.Address]; ok {
			merged.public = merged.public || info.public
			merged.az = info.az
			found = true
		}
	}
	return merged, found
}

// subnetRefs are every subnet address an attribute refers to, each
// instance of a whole count or for_each subnet included.
func (mp *mapper) subnetRefs(b *Block, name string) ([]string, Pos) {
	vs, pos, _ := values(b, name)
	var out []string
	for _, v := range vs {
		addr, _, ok := ParseRef(v)
		if !ok {
			continue
		}
		if _, exact := mp.subnets[addr]; exact {
			out = append(out, addr)
			continue
		}
		for _, r := range mp.byBase[baseAddress(addr)] {
			out = append(out, r.Address)
		}
	}
	return out, pos
}
