package terraform

import (
	"fmt"
	"testing"

	"github.com/infralint/infralint/schema"
)

// bigModule is a network (10 resources) and 20 copies of nine resources
// of a web tier (load balancer, target group, listener, launch template,
// autoscaling group, three security groups, database): 190 resources.
func bigModule() *Module {
	f := newFake("main.tf")
	f.network()
	for i := range 20 {
		s := fmt.Sprint(i)
		f.res("aws_lb.web"+s, func(b *blk) {
			b.refs("subnets", "aws_subnet.public_a#id", "aws_subnet.public_b#id").refs("security_groups", "aws_security_group.lb"+s+"#id")
		})
		f.res("aws_lb_target_group.app"+s, func(b *blk) {
			b.block("health_check", func(b *blk) { b.str("path", "/healthz").num("interval", 10).num("unhealthy_threshold", 2) })
		})
		f.res("aws_lb_listener.https"+s, func(b *blk) {
			b.ref("load_balancer_arn", "aws_lb.web"+s, "arn").num("port", 443).str("protocol", "HTTPS").str("certificate_arn", "arn:c").
				block("default_action", func(b *blk) { b.str("type", "forward").ref("target_group_arn", "aws_lb_target_group.app"+s, "arn") })
		})
		f.res("aws_launch_template.app"+s, func(b *blk) {
			b.str("instance_type", "m5.large").refs("vpc_security_group_ids", "aws_security_group.app"+s+"#id")
		})
		f.res("aws_autoscaling_group.app"+s, func(b *blk) {
			b.num("min_size", 2).num("max_size", 8).refs("vpc_zone_identifier", "aws_subnet.private_a#id", "aws_subnet.private_b#id").
				refs("target_group_arns", "aws_lb_target_group.app"+s+"#arn").
				block("launch_template", func(b *blk) { b.ref("id", "aws_launch_template.app"+s, "id") })
		})
		f.res("aws_security_group.lb"+s, nil)
		f.res("aws_security_group.app"+s, nil)
		f.res("aws_security_group.db"+s, func(b *blk) {
			b.block("ingress", func(b *blk) {
				b.num("from_port", 5432).num("to_port", 5432).refs("security_groups", "aws_security_group.app"+s+"#id")
			})
		})
		f.res("aws_db_instance.db"+s, func(b *blk) {
			b.str("engine", "postgres").str("instance_class", "db.r5.large").refs("vpc_security_group_ids", "aws_security_group.db"+s+"#id")
		})
	}
	return f.module()
}

// BenchmarkMapAndLoad maps a 200-resource module and loads it as the
// pipeline does; BenchmarkLoadImported loads the same stack written as
// CUE (what import prints). The mapping's share of reading Terraform is
// the difference (the budget: reading within 2× of the CUE).
func BenchmarkMapAndLoad(b *testing.B) {
	m := bigModule()
	l, err := schema.NewLoader()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := l.LoadDerived("infra", Map(m, "infra").Syntax(), nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadImported(b *testing.B) {
	src, err := Map(bigModule(), "infra").ImportCUE("infra", func(p Pos) string { return fmt.Sprint(p.Line) })
	if err != nil {
		b.Fatal(err)
	}
	l, err := schema.NewLoader()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := l.LoadBytes("stack.cue", src); err != nil {
			b.Fatal(err)
		}
	}
}
