package terraform

import (
	"strconv"
)

// ingress gives every database the sources its security groups admit on
// its port: the components using a source security group, and CIDR
// blocks, from inline ingress blocks, aws_security_group_rule and
// aws_vpc_security_group_ingress_rule. Each entry is positioned at the
// rule that admits it, so NET001 points at the Terraform line to change.
// (A cache has no ingress in the schema: its rules are read and not
// checked.)
func (mp *mapper) ingress() {
	rules := mp.sgRules()
	for _, r := range mp.resourcesOf("aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule") {
		mp.used[r.Address] = true // read here, whether or not a database uses them
	}
	for _, name := range mp.comps.names {
		c := mp.comps.fields[name].value.(*object)
		if kind, _ := c.fields["kind"].value.(string); kind != "database" {
			continue
		}
		port := defaultPorts[engineOf(c)]
		if p, ok := c.fields["port"]; ok {
			if v, ok := p.value.(int64); ok {
				port = v
			}
		}
		var list []*node
		seen := map[string]bool{}
		add := func(v string, pos Pos, from string) {
			if seen[v] || v == name {
				return
			}
			seen[v] = true
			list = append(list, &node{pos: pos, value: v, origin: from})
		}
		for _, sg := range mp.sgOf[name] {
			for _, rule := range rules[sg] {
				if !rule.covers(port) {
					continue
				}
				for _, cidr := range rule.cidrs {
					add(cidr, rule.pos, rule.source)
				}
				for _, src := range rule.groups {
					members := mp.membersOf(src)
					if len(members) == 0 {
						mp.note(rule.pos, "%s admits %s from %s, which no modelled component uses", rule.source, name, src)
					}
					for _, m := range members {
						add(m, rule.pos, rule.source+" (a security group of "+m+")")
					}
				}
				for _, rr := range mp.byBase[rule.resource] {
					mp.use(rr, name)
				}
			}
		}
		if len(list) > 0 {
			c.set("ingress", &node{pos: list[0].pos, value: list, origin: "the ingress rules of its security groups"})
		}
	}
}

var defaultPorts = map[string]int64{"postgres": 5432, "mysql": 3306, "mariadb": 3306}

func engineOf(c *object) string {
	if e, ok := c.fields["engine"]; ok {
		s, _ := e.value.(string)
		return s
	}
	return ""
}

// membersOf are the components using security group sg, in order.
func (mp *mapper) membersOf(sg string) []string {
	var out []string
	for _, name := range mp.comps.names {
		if contains(mp.sgOf[name], sg) {
			out = append(out, name)
		}
	}
	return out
}

// sgRule is one ingress rule of a security group.
type sgRule struct {
	all      bool // every protocol and port
	from, to int64
	known    bool // the port range is known
	cidrs    []string
	groups   []string // source security groups (base addresses)
	pos      Pos
	source   string // the rule, for the import's comments
	resource string // the resource that holds it
}

// covers reports whether the rule admits TCP connections to port.
func (r sgRule) covers(port int64) bool {
	return r.all || !r.known || r.from <= port && port <= r.to
}

// sgRules are the ingress rules of every security group, by its base
// address.
func (mp *mapper) sgRules() map[string][]sgRule {
	out := map[string][]sgRule{}
	for _, r := range mp.resourcesOf("aws_security_group") {
		sg := baseAddress(r.Address)
		for _, b := range blocks(r.Body, "ingress") {
			rule := mp.rule(r, b, "protocol", "cidr_blocks", "security_groups", "ingress")
			if self, _, ok := boolean(b, "self"); ok && self {
				rule.groups = append(rule.groups, sg)
			}
			out[sg] = append(out[sg], rule)
		}
	}
	for _, r := range mp.resourcesOf("aws_security_group_rule") {
		if t, _, _ := str(r.Body, "type"); t != "ingress" {
			continue
		}
		sg, _, ok := mp.ref(r.Body, "security_group_id")
		if !ok {
			continue
		}
		rule := mp.rule(r, r.Body, "protocol", "cidr_blocks", "source_security_group_id", "")
		if self, _, ok := boolean(r.Body, "self"); ok && self {
			rule.groups = append(rule.groups, sg)
		}
		out[sg] = append(out[sg], rule)
	}
	for _, r := range mp.resourcesOf("aws_vpc_security_group_ingress_rule") {
		sg, _, ok := mp.ref(r.Body, "security_group_id")
		if !ok {
			continue
		}
		out[sg] = append(out[sg], mp.rule(r, r.Body, "ip_protocol", "cidr_ipv4", "referenced_security_group_id", ""))
	}
	return out
}

// rule reads one rule from block b of resource r: its protocol and
// ports, its CIDR blocks and its source security groups.
func (mp *mapper) rule(r *Resource, b *Block, protoAttr, cidrAttr, groupAttr, what string) sgRule {
	rule := sgRule{pos: b.Pos, source: r.Address, resource: baseAddress(r.Address)}
	if what != "" {
		rule.source = r.Address + " " + what
	}
	if p, _, ok := str(b, protoAttr); ok && (p == "-1" || p == "all") {
		rule.all = true
	} else if p, ok := numAttr(b, protoAttr); ok && p == -1 {
		rule.all = true
	}
	from, ok1 := numAttr(b, "from_port")
	to, ok2 := numAttr(b, "to_port")
	if ok1 && ok2 {
		rule.from, rule.to, rule.known = from, to, true
		if from == 0 && to == 0 && rule.all {
			rule.known = false
		}
	}
	if vs, pos, ok := values(b, cidrAttr); ok {
		for _, v := range vs {
			if s, ok := asString(v); ok {
				if _, _, isRef := ParseRef(v); !isRef {
					rule.cidrs = append(rule.cidrs, s)
					rule.pos = pos
				}
			}
		}
	}
	if gs, pos := mp.refs(b, groupAttr); len(gs) > 0 {
		rule.groups = append(rule.groups, gs...)
		rule.pos = pos
	}
	return rule
}

// numAttr reads an integer attribute, or a numeric string.
func numAttr(b *Block, a string) (int64, bool) {
	v, _, ok := num(b, a)
	if !ok {
		if s, _, ok := str(b, a); ok {
			n, err := strconv.ParseInt(s, 10, 64)
			return n, err == nil
		}
		return 0, false
	}
	switch x := v.(type) {
	case int64:
		return x, true
	case float64:
		return int64(x), true
	}
	return 0, false
}
