package terraform

import (
	"strings"
)

// lb maps aws_lb / aws_alb to a load balancer: its type, whether it faces
// the internet, and its subnets. Listeners, targets and the health check
// come from the resources that refer to it (listeners).
func (mp *mapper) lb(r *Resource) {
	typ := "alb"
	if t, _, ok := str(r.Body, "load_balancer_type"); ok {
		switch t {
		case "application":
		case "network":
			typ = "nlb"
		default:
			mp.skip(r, "a %s load balancer is not modelled (only application and network ones)", t)
			return
		}
	}
	c := mp.component(r, "lb")
	if c == nil {
		return
	}
	if typ != "alb" {
		a := r.Body.Attrs["load_balancer_type"]
		c.set("type", &node{pos: a.Pos, value: typ, origin: origin(r, "load_balancer_type")})
	}
	internal, ipos, known := boolean(r.Body, "internal")
	if known {
		c.set("internet_facing", &node{pos: ipos, value: !internal, origin: origin(r, "internal")})
	}
	subnets, spos := mp.subnetRefs(r.Body, "subnets")
	for _, m := range blocks(r.Body, "subnet_mapping") {
		s, _ := mp.subnetRefs(m, "subnet_id")
		subnets = append(subnets, s...)
		if spos.Line == 0 {
			spos = m.Pos
		}
	}
	mp.place(c, r, subnets, spos, "subnets")
	if _, placed := c.fields["subnet"]; !placed && !internal {
		// AWS places an internet-facing load balancer in public subnets.
		c.set("subnet", &node{pos: r.Body.Pos, value: "public", origin: r.Address + " (internet-facing)"})
	}
	mp.securityGroups(mp.names[baseAddress(r.Address)], r.Body, "security_groups")
}

// listeners gives every load balancer its aws_lb_listener resources, the
// components behind the target groups they forward to (and the rules of
// aws_lb_listener_rule), and the health check of the first target group.
func (mp *mapper) listeners() {
	type lbState struct {
		lists  []*node
		tgs    []string
		lbAddr string
	}
	state := map[string]*lbState{}
	var order []string
	for _, r := range mp.resourcesOf("aws_lb_listener", "aws_alb_listener") {
		lbAddr, _, ok := mp.ref(r.Body, "load_balancer_arn", "aws_lb", "aws_alb")
		c := mp.compOf[lbAddr]
		if !ok || c == nil {
			mp.skip(r, "its load_balancer_arn names no modelled load balancer")
			continue
		}
		name := mp.names[lbAddr]
		l, ok := mp.listener(r)
		if !ok {
			continue
		}
		mp.use(r, name)
		st := state[name]
		if st == nil {
			st = &lbState{lbAddr: lbAddr}
			state[name] = st
			order = append(order, name)
		}
		st.lists = append(st.lists, l)
		st.tgs = append(st.tgs, mp.forwards(r.Body, "default_action")...)
		for _, rule := range mp.resourcesOf("aws_lb_listener_rule", "aws_alb_listener_rule") {
			if to, _, ok := mp.ref(rule.Body, "listener_arn"); ok && to == baseAddress(r.Address) {
				mp.use(rule, name)
				st.tgs = append(st.tgs, mp.forwards(rule.Body, "action")...)
			}
		}
	}
	for _, r := range mp.resourcesOf("aws_lb_listener_certificate") {
		if l, _, ok := mp.ref(r.Body, "listener_arn"); ok {
			for _, lr := range mp.byBase[l] {
				for _, n := range mp.contrib[lr.Address] {
					mp.use(r, n) // more certificates of a mapped listener
				}
			}
		}
	}
	mp.members()
	for _, name := range order {
		st := state[name]
		c := mp.comps.fields[name].value.(*object)
		c.set("listeners", &node{pos: st.lists[0].pos, value: st.lists, origin: "the aws_lb_listener resources of " + st.lbAddr})
		var targets []string
		var tpos Pos
		var hcDone bool
		for _, tg := range st.tgs {
			for _, tr := range mp.byBase[tg] {
				mp.use(tr, name)
				if tpos.Line == 0 {
					tpos = tr.Body.Pos
				}
				if !hcDone {
					hcDone = mp.healthCheck(c, tr)
				}
			}
			targets = append(targets, mp.tgMembers[tg]...)
		}
		if len(targets) > 0 {
			var list []*node
			for _, t := range sortedUnique(targets) {
				list = append(list, &node{pos: tpos, value: t})
			}
			c.set("targets", &node{pos: tpos, value: list, origin: "the instances and groups registered with the target groups"})
		}
	}
}

// listener maps one aws_lb_listener; a protocol the schema has no word
// for (UDP) leaves the listener out.
func (mp *mapper) listener(r *Resource) (*node, bool) {
	l := newObject()
	proto, ppos, ok := str(r.Body, "protocol")
	if !ok {
		proto, ppos = "HTTP", r.Body.Pos // the provider's default for an ALB
	}
	switch proto {
	case "HTTP", "HTTPS", "TCP", "TLS":
	default:
		mp.skip(r, "a %s listener is not modelled (HTTP, HTTPS, TCP and TLS are)", proto)
		return nil, false
	}
	l.set("protocol", &node{pos: ppos, value: proto, origin: origin(r, "protocol")})
	setNum(l, "port", r, r.Body, "port")
	setStr(l, "certificate", r, r.Body, "certificate_arn")
	setStr(l, "tls_policy", r, r.Body, "ssl_policy")
	for _, a := range blocks(r.Body, "default_action") {
		if t, _, _ := str(a, "type"); t != "redirect" {
			continue
		}
		if p, pos, ok := str(block(a, "redirect"), "protocol"); ok && p == "HTTPS" {
			l.set("redirect_https", &node{pos: pos, value: true, origin: origin(r, "default_action.redirect.protocol")})
		}
	}
	return &node{pos: r.Body.Pos, value: l, origin: r.Address}, true
}

// forwards are the target groups an action block forwards to: its
// target_group_arn, or the target groups of its forward block.
func (mp *mapper) forwards(b *Block, action string) []string {
	var out []string
	for _, a := range blocks(b, action) {
		if tg, _, ok := mp.ref(a, "target_group_arn"); ok {
			out = append(out, tg)
		}
		for _, f := range blocks(a, "forward") {
			for _, g := range blocks(f, "target_group") {
				if tg, _, ok := mp.ref(g, "arn"); ok {
					out = append(out, tg)
				}
			}
		}
	}
	return out
}

// members learns which components each target group sends to: the
// autoscaling groups naming it (target_group_arns, aws_autoscaling_attachment)
// and the instances attached to it (aws_lb_target_group_attachment).
func (mp *mapper) members() {
	for _, r := range mp.resourcesOf("aws_autoscaling_group") {
		name, ok := mp.names[baseAddress(r.Address)]
		if !ok {
			continue
		}
		tgs, _ := mp.refs(r.Body, "target_group_arns")
		for _, tg := range tgs {
			mp.tgMembers[tg] = append(mp.tgMembers[tg], name)
		}
	}
	for _, r := range mp.resourcesOf("aws_autoscaling_attachment") {
		asg, _, ok1 := mp.ref(r.Body, "autoscaling_group_name", "aws_autoscaling_group")
		tg, _, ok2 := mp.ref(r.Body, "lb_target_group_arn")
		if !ok2 {
			tg, _, ok2 = mp.ref(r.Body, "alb_target_group_arn")
		}
		if name, ok := mp.names[asg]; ok1 && ok2 && ok {
			mp.tgMembers[tg] = append(mp.tgMembers[tg], name)
			mp.use(r, name)
		}
	}
	for _, r := range mp.resourcesOf("aws_lb_target_group_attachment", "aws_alb_target_group_attachment") {
		tg, _, ok1 := mp.ref(r.Body, "target_group_arn")
		inst, _, ok2 := mp.ref(r.Body, "target_id")
		if name, ok := mp.names[inst]; ok1 && ok2 && ok {
			mp.tgMembers[tg] = append(mp.tgMembers[tg], name)
			mp.use(r, name)
		}
	}
}

// healthCheck sets the load balancer's health check from target group
// tr. A target group without a health_check block still has one: AWS's
// defaults, which are the schema's (HTTP on "/", 30 s, 5 s, 5 and 2). Only
// enabled = false (possible for Lambda targets) means none. It reports
// whether tr gave the answer.
func (mp *mapper) healthCheck(c *object, tr *Resource) bool {
	hc := block(tr.Body, "health_check")
	hcPos := tr.Body.Pos
	if hc != nil {
		hcPos = hc.Pos
		if on, _, ok := boolean(hc, "enabled"); ok && !on {
			return true
		}
	}
	h := newObject()
	if hc != nil {
		if p, pos, ok := str(hc, "protocol"); ok && (p == "HTTP" || p == "HTTPS" || p == "TCP") {
			h.set("protocol", &node{pos: pos, value: p, origin: origin(tr, "health_check.protocol")})
		}
		setStr(h, "path", tr, hc, "path")
		if p, _, ok := str(hc, "port"); !ok || p != "traffic-port" {
			setNum(h, "port", tr, hc, "port")
		}
		setNum(h, "interval_s", tr, hc, "interval")
		setNum(h, "timeout_s", tr, hc, "timeout")
		setNum(h, "healthy_threshold", tr, hc, "healthy_threshold")
		setNum(h, "unhealthy_threshold", tr, hc, "unhealthy_threshold")
		nested(h, tr, "health_check")
	} else if p, pos, ok := str(tr.Body, "protocol"); ok && strings.HasPrefix(p, "TCP") {
		// AWS checks a TCP target group over TCP by default.
		h.set("protocol", &node{pos: pos, value: "TCP", origin: origin(tr, "protocol")})
	}
	why := origin(tr, "health_check")
	if hc == nil {
		why = tr.Address + " (no health_check block: AWS's default check)"
	}
	c.set("health_check", &node{pos: hcPos, value: h, origin: why})
	return true
}
