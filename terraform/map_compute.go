package terraform

import "fmt"

// asg maps aws_autoscaling_group, with the instance type of its launch
// template or launch configuration, to a compute tier that autoscales.
func (mp *mapper) asg(r *Resource) {
	c := mp.component(r, "compute")
	if c == nil {
		return
	}
	name := mp.names[baseAddress(r.Address)]
	if lt := mp.launchTemplate(r); lt != nil {
		mp.use(lt, name)
		setStr(c, "instance_type", lt, lt.Body, "instance_type")
		mp.securityGroups(name, lt.Body, "vpc_security_group_ids")
		mp.securityGroups(name, lt.Body, "security_groups") // a launch configuration's
		for _, ni := range blocks(lt.Body, "network_interfaces") {
			mp.securityGroups(name, ni, "security_groups")
		}
		mp.rootVolume(c, lt, lt.Body, "block_device_mappings", "ebs")
		mp.rootVolume(c, lt, lt.Body, "root_block_device", "")
	}
	as := newObject()
	setNum(as, "min", r, r.Body, "min_size")
	setNum(as, "max", r, r.Body, "max_size")
	setNum(as, "desired", r, r.Body, "desired_capacity")
	c.set("autoscaling", &node{pos: r.Body.Pos, value: as, origin: r.Address})
	subnets, pos := mp.subnetRefs(r.Body, "vpc_zone_identifier")
	mp.place(c, r, subnets, pos, "vpc_zone_identifier")
	if len(subnets) == 0 {
		mp.azList(c, r, "availability_zones")
	}
}

// launchTemplate is the aws_launch_template (launch_template or
// mixed_instances_policy block) or aws_launch_configuration an
// autoscaling group launches, or nil.
func (mp *mapper) launchTemplate(r *Resource) *Resource {
	specs := blocks(r.Body, "launch_template")
	for _, mip := range blocks(r.Body, "mixed_instances_policy") {
		for _, lt := range blocks(mip, "launch_template") {
			specs = append(specs, blocks(lt, "launch_template_specification")...)
		}
	}
	for _, b := range specs {
		for _, a := range []string{"id", "name", "launch_template_id", "launch_template_name"} {
			if addr, _, ok := mp.ref(b, a); ok && len(mp.byBase[addr]) > 0 {
				return mp.byBase[addr][0]
			}
		}
	}
	if addr, _, ok := mp.ref(r.Body, "launch_configuration", "aws_launch_configuration"); ok && len(mp.byBase[addr]) > 0 {
		return mp.byBase[addr][0]
	}
	return nil
}

// instance maps aws_instance (every instance of a count or for_each) to a
// compute tier of a fixed count.
func (mp *mapper) instance(r *Resource) {
	c := mp.component(r, "compute")
	if c == nil {
		return
	}
	base := baseAddress(r.Address)
	setStr(c, "instance_type", r, r.Body, "instance_type")
	c.set("count", &node{pos: r.Body.Pos, value: int64(len(mp.byBase[base])), origin: fmt.Sprintf("the instances of %s", base)})
	var subnets []string
	pos := Pos{}
	for _, ri := range mp.byBase[base] {
		s, p := mp.subnetRefs(ri.Body, "subnet_id")
		subnets = append(subnets, s...)
		if pos.Line == 0 {
			pos = p
		}
	}
	if len(subnets) > 0 {
		mp.place(c, r, subnets, pos, "subnet_id")
	} else if public, ppos, ok := boolean(r.Body, "associate_public_ip_address"); ok && public {
		c.set("subnet", &node{pos: ppos, value: "public", origin: origin(r, "associate_public_ip_address")})
	}
	mp.securityGroups(mp.names[base], r.Body, "vpc_security_group_ids")
	mp.securityGroups(mp.names[base], r.Body, "security_groups")
	mp.rootVolume(c, r, r.Body, "root_block_device", "")
}

// rootVolume sets root_volume_gb from the first block of type typ (and
// its nested block sub, for a launch template's block_device_mappings).
func (mp *mapper) rootVolume(c *object, r *Resource, b *Block, typ, sub string) {
	d := block(b, typ)
	if d != nil && sub != "" {
		d = block(d, sub)
	}
	if d != nil {
		if _, ok := setNum(c, "root_volume_gb", r, d, "volume_size"); ok {
			where := typ
			if sub != "" {
				where += "." + sub
			}
			c.fields["root_volume_gb"].origin = origin(r, where+".volume_size")
		}
	}
}

// azList sets a component's azs from a list attribute of AZ names.
func (mp *mapper) azList(c *object, r *Resource, a string) {
	vs, pos, ok := values(r.Body, a)
	if !ok {
		return
	}
	var list []*node
	var names []string
	for _, v := range vs {
		if s, ok := asString(v); ok {
			names = append(names, s)
		}
	}
	for _, az := range sortedUnique(names) {
		list = append(list, &node{pos: pos, value: az})
	}
	if len(list) > 0 {
		c.set("azs", &node{pos: pos, value: list, origin: origin(r, a)})
	}
}

// securityGroups records the security groups component name uses (from
// attribute a of block b), for the ingress of the databases they reach.
func (mp *mapper) securityGroups(name string, b *Block, a string) {
	sgs, _ := mp.refs(b, a)
	for _, sg := range sgs {
		if !contains(mp.sgOf[name], sg) {
			mp.sgOf[name] = append(mp.sgOf[name], sg)
		}
	}
}

// scaling gives autoscaling tiers their policy: target tracking on
// average CPU (aws_autoscaling_policy) and scheduled actions
// (aws_autoscaling_schedule). Other policy types are not modelled.
func (mp *mapper) scaling() {
	policyOf := func(r *Resource) (*object, string, bool) {
		asg, _, ok := mp.ref(r.Body, "autoscaling_group_name", "aws_autoscaling_group")
		c := mp.compOf[asg]
		if !ok || c == nil {
			mp.skip(r, "its autoscaling_group_name names no modelled autoscaling group")
			return nil, "", false
		}
		as := c.obj("autoscaling", r.Body.Pos, asg)
		return as.obj("policy", r.Body.Pos, r.Address), mp.names[asg], true
	}
	for _, r := range mp.resourcesOf("aws_autoscaling_policy") {
		ttc := block(r.Body, "target_tracking_configuration")
		metric, _, _ := str(block(ttc, "predefined_metric_specification"), "predefined_metric_type")
		if ttc == nil || metric != "ASGAverageCPUUtilization" {
			mp.skip(r, "only target tracking on ASGAverageCPUUtilization is modelled")
			continue
		}
		p, name, ok := policyOf(r)
		if !ok {
			continue
		}
		setNum(p, "cpu_target", r, ttc, "target_value")
		nested(p, r, "target_tracking_configuration")
		mp.use(r, name)
	}
	var schedules map[*object][]*node
	for _, r := range mp.resourcesOf("aws_autoscaling_schedule") {
		cron, cpos, ok := str(r.Body, "recurrence")
		if !ok {
			mp.skip(r, "a one-off scheduled action (no recurrence) is not modelled")
			continue
		}
		p, name, ok := policyOf(r)
		if !ok {
			continue
		}
		s := newObject()
		s.set("cron", &node{pos: cpos, value: cron, origin: origin(r, "recurrence")})
		setNum(s, "min", r, r.Body, "min_size")
		setNum(s, "max", r, r.Body, "max_size")
		if schedules == nil {
			schedules = map[*object][]*node{}
		}
		schedules[p] = append(schedules[p], &node{pos: r.Body.Pos, value: s, origin: r.Address})
		p.set("schedule", &node{pos: schedules[p][0].pos, value: schedules[p], origin: "the aws_autoscaling_schedule resources"})
		mp.use(r, name)
	}
}
