package terraform

import (
	"slices"
	"strings"
	"testing"

	"github.com/infralint/infralint/schema"
)

// webTier adds an ALB with an HTTPS listener and an HTTP one that
// redirects, a target group with a health check, and an autoscaling group
// with a launch template registered with it; it returns the listener and
// launch template resources, for positions.
func webTier(f *fakeTF) (https, http, lt, tg *Resource) {
	f.res("aws_lb.web", func(b *blk) {
		b.str("load_balancer_type", "application").boolean("internal", false).
			refs("subnets", "aws_subnet.public_a#id", "aws_subnet.public_b#id").refs("security_groups", "aws_security_group.lb#id")
	})
	tg = f.res("aws_lb_target_group.app", func(b *blk) {
		b.num("port", 8080).str("protocol", "HTTP").block("health_check", func(b *blk) {
			b.str("path", "/healthz").num("interval", 10).num("unhealthy_threshold", 2)
		})
	})
	https = f.res("aws_lb_listener.https", func(b *blk) {
		b.ref("load_balancer_arn", "aws_lb.web", "arn").num("port", 443).str("protocol", "HTTPS").
			str("certificate_arn", "arn:aws:acm:us-east-1:123456789012:certificate/web").
			str("ssl_policy", "ELBSecurityPolicy-TLS13-1-2-2021-06").
			block("default_action", func(b *blk) { b.str("type", "forward").ref("target_group_arn", "aws_lb_target_group.app", "arn") })
	})
	http = f.res("aws_lb_listener.http", func(b *blk) {
		b.ref("load_balancer_arn", "aws_lb.web", "arn").num("port", 80).str("protocol", "HTTP").
			block("default_action", func(b *blk) {
				b.str("type", "redirect").block("redirect", func(b *blk) { b.str("protocol", "HTTPS").str("port", "443").str("status_code", "HTTP_301") })
			})
	})
	lt = f.res("aws_launch_template.app", func(b *blk) {
		b.str("image_id", "ami-123").str("instance_type", "m5.large").refs("vpc_security_group_ids", "aws_security_group.app#id")
	})
	f.res("aws_autoscaling_group.app", func(b *blk) {
		b.num("min_size", 2).num("max_size", 8).refs("vpc_zone_identifier", "aws_subnet.private_a#id", "aws_subnet.private_b#id").
			refs("target_group_arns", "aws_lb_target_group.app#arn").
			block("launch_template", func(b *blk) { b.ref("id", "aws_launch_template.app", "id").str("version", "$Latest") })
	})
	f.res("aws_security_group.lb", nil)
	f.res("aws_security_group.app", nil)
	return https, http, lt, tg
}

// Row: aws_lb + aws_lb_listener + aws_lb_target_group (+ the group's
// target_group_arns) → lb, with each field at its .tf line.
func TestMapLoadBalancer(t *testing.T) {
	f := newFake("main.tf")
	f.network()
	https, http, _, tg := webTier(f)
	_, s := load(t, f.module())
	lb := s.Components["web"]
	if lb == nil || lb.Kind != schema.KindLB {
		t.Fatalf("no lb component: %v", s.Components)
	}
	if lb.LB.Type != "alb" || !lb.LB.InternetFacing || lb.Subnet != "public" || !slices.Equal(lb.LB.Targets, []string{"app"}) {
		t.Errorf("lb = %+v, subnet %s", lb.LB, lb.Subnet)
	}
	if !slices.Equal(lb.AZs, []string{"us-east-1a", "us-east-1b"}) {
		t.Errorf("azs = %v", lb.AZs)
	}
	// Listeners in address order: http, https.
	if len(lb.LB.Listeners) != 2 {
		t.Fatalf("listeners = %+v", lb.LB.Listeners)
	}
	h, s443 := lb.LB.Listeners[0], lb.LB.Listeners[1]
	if h.Protocol != "HTTP" || h.Port != 80 || !h.RedirectHTTPS {
		t.Errorf("http listener = %+v", h)
	}
	if s443.Protocol != "HTTPS" || s443.Port != 443 || s443.Certificate == "" || s443.TLSPolicy != "ELBSecurityPolicy-TLS13-1-2-2021-06" {
		t.Errorf("https listener = %+v", s443)
	}
	hc := lb.LB.HealthCheck
	if hc == nil || hc.Path != "/healthz" || hc.IntervalS != 10 || hc.UnhealthyThreshold != 2 || hc.TimeoutS != 5 {
		t.Errorf("health check = %+v", hc)
	}
	at(t, s, "components.web.listeners[0].protocol", http.Body.Attrs["protocol"].Pos)
	at(t, s, "components.web.listeners[1].tls_policy", https.Body.Attrs["ssl_policy"].Pos)
	at(t, s, "components.web.health_check.interval_s", block(tg.Body, "health_check").Attrs["interval"].Pos)
}

// A target group without a health_check block has AWS's default check
// (the schema's defaults, no path), not none: LB001 would be false.
func TestMapDefaultHealthCheck(t *testing.T) {
	f := newFake("main.tf")
	f.network()
	webTier(f)
	m := f.module()
	for _, r := range m.Resources {
		if r.Address == "aws_lb_target_group.app" {
			r.Body.Blocks = nil
		}
	}
	_, s := load(t, m)
	hc := s.Components["web"].LB.HealthCheck
	if hc == nil || hc.Path != "" || hc.IntervalS != 30 || hc.Protocol != "HTTP" {
		t.Errorf("health check = %+v, want AWS's default", hc)
	}
}

// Row: aws_autoscaling_group + aws_launch_template + aws_autoscaling_policy
// (target tracking) + aws_autoscaling_schedule → compute with autoscaling.
func TestMapAutoscalingGroup(t *testing.T) {
	f := newFake("main.tf")
	f.network()
	_, _, lt, _ := webTier(f)
	f.res("aws_autoscaling_policy.cpu", func(b *blk) {
		b.ref("autoscaling_group_name", "aws_autoscaling_group.app", "name").str("policy_type", "TargetTrackingScaling").
			block("target_tracking_configuration", func(b *blk) {
				b.block("predefined_metric_specification", func(b *blk) { b.str("predefined_metric_type", "ASGAverageCPUUtilization") }).
					num("target_value", 60)
			})
	})
	f.res("aws_autoscaling_schedule.night", func(b *blk) {
		b.ref("autoscaling_group_name", "aws_autoscaling_group.app", "name").str("recurrence", "0 22 * * *").num("min_size", 1).num("max_size", 2)
	})
	_, s := load(t, f.module())
	app := s.Components["app"]
	if app == nil || app.Kind != schema.KindCompute {
		t.Fatalf("no compute component: %v", s.Components)
	}
	cp := app.Compute
	if cp.InstanceType != "m5.large" || cp.Autoscaling == nil || cp.Autoscaling.Min != 2 || cp.Autoscaling.Max != 8 {
		t.Fatalf("compute = %+v, autoscaling %+v", cp, cp.Autoscaling)
	}
	p := cp.Autoscaling.Policy
	if p == nil || p.CPUTarget != 60 || len(p.Schedule) != 1 || p.Schedule[0].Cron != "0 22 * * *" || p.Schedule[0].Min != 1 {
		t.Errorf("policy = %+v", p)
	}
	if app.Subnet != "private" || !slices.Equal(app.AZs, []string{"us-east-1a", "us-east-1b"}) {
		t.Errorf("subnet %s, azs %v", app.Subnet, app.AZs)
	}
	// The instance type is written in the launch template.
	at(t, s, "components.app.instance_type", lt.Body.Attrs["instance_type"].Pos)
}

// Row: aws_launch_configuration gives an autoscaling group its type too.
func TestMapLaunchConfiguration(t *testing.T) {
	f := newFake("main.tf")
	f.network()
	f.res("aws_launch_configuration.app", func(b *blk) { b.str("instance_type", "c5.xlarge") })
	f.res("aws_autoscaling_group.app", func(b *blk) {
		b.num("min_size", 1).num("max_size", 3).ref("launch_configuration", "aws_launch_configuration.app", "name").
			refs("vpc_zone_identifier", "aws_subnet.private_a#id")
	})
	st, s := load(t, f.module())
	if got := s.Components["app"].Compute.InstanceType; got != "c5.xlarge" {
		t.Errorf("instance type %q", got)
	}
	if len(st.NotModelled) != 0 {
		t.Errorf("not modelled: %+v", st.NotModelled)
	}
}

// Row: aws_instance (count) → compute with that count, in its subnet,
// and behind a target group through aws_lb_target_group_attachment.
func TestMapInstance(t *testing.T) {
	f := newFake("main.tf")
	f.network()
	for _, i := range []string{"0", "1"} {
		f.res("aws_instance.web["+i+"]", func(b *blk) {
			b.str("instance_type", "t3.small").ref("subnet_id", "aws_subnet.public_a", "id").
				block("root_block_device", func(b *blk) { b.num("volume_size", 40) })
		})
	}
	_, s := load(t, f.module())
	web := s.Components["web"]
	if web == nil || web.Compute.InstanceType != "t3.small" || web.Compute.Count != 2 || web.Subnet != "public" || web.Compute.RootVolumeGB != 40 {
		t.Fatalf("web = %+v %+v", web, web.Compute)
	}
	if !slices.Equal(web.AZs, []string{"us-east-1a"}) {
		t.Errorf("azs = %v", web.AZs)
	}
}

// Row: aws_db_instance → database, require_tls from its parameter group,
// placed by its subnet group.
func TestMapDBInstance(t *testing.T) {
	f := newFake("main.tf")
	f.network()
	f.res("aws_db_parameter_group.pg", func(b *blk) {
		b.str("family", "postgres16").block("parameter", func(b *blk) { b.str("name", "rds.force_ssl").str("value", "1") })
	})
	f.res("aws_db_subnet_group.db", func(b *blk) { b.refs("subnet_ids", "aws_subnet.private_a#id", "aws_subnet.private_b#id") })
	db := f.res("aws_db_instance.db", func(b *blk) {
		b.str("engine", "postgres").str("instance_class", "db.r5.large").boolean("multi_az", true).num("allocated_storage", 100).
			str("storage_type", "gp3").boolean("storage_encrypted", true).boolean("publicly_accessible", false).
			ref("parameter_group_name", "aws_db_parameter_group.pg", "name").ref("db_subnet_group_name", "aws_db_subnet_group.db", "name")
	})
	st, s := load(t, f.module())
	d := s.Components["db"]
	if d == nil || d.Kind != schema.KindDatabase {
		t.Fatalf("no database: %v", s.Components)
	}
	got := d.Database
	if got.Engine != "postgres" || got.InstanceClass != "db.r5.large" || !got.MultiAZ || got.StorageGB != 100 || got.StorageType != "gp3" ||
		!got.EncryptedAtRest || !got.RequireTLS || got.PubliclyAccessible || got.Port != 5432 || d.Subnet != "private" {
		t.Errorf("database = %+v (subnet %s)", got, d.Subnet)
	}
	at(t, s, "components.db.encrypted_at_rest", db.Body.Attrs["storage_encrypted"].Pos)
	if len(st.NotModelled) != 0 {
		t.Errorf("not modelled: %+v", st.NotModelled)
	}
}

// An engine the schema lacks is counted as not modelled, with its reason.
func TestMapUnmodelledEngine(t *testing.T) {
	f := newFake("main.tf")
	f.network()
	f.res("aws_db_instance.erp", func(b *blk) { b.str("engine", "oracle-ee").str("instance_class", "db.r5.large") })
	f.res("aws_s3_bucket.assets", nil)
	st := Map(f.module(), "infra")
	if len(st.NotModelled) != 2 {
		t.Fatalf("not modelled = %+v", st.NotModelled)
	}
	byAddr := map[string]NotModelled{}
	for _, n := range st.NotModelled {
		byAddr[n.Address] = n
	}
	if r := byAddr["aws_db_instance.erp"].Reason; !strings.Contains(r, `"oracle-ee" is not modelled`) {
		t.Errorf("reason %q", r)
	}
	if r := byAddr["aws_s3_bucket.assets"].Reason; r != "no mapping for aws_s3_bucket" {
		t.Errorf("reason %q", r)
	}
}

// Row: aws_rds_cluster + aws_rds_cluster_instance → database, Multi-AZ
// with two instances.
func TestMapRDSCluster(t *testing.T) {
	f := newFake("main.tf")
	f.network()
	f.res("aws_rds_cluster.main", func(b *blk) {
		b.str("engine", "aurora-postgresql").boolean("storage_encrypted", true)
	})
	for _, i := range []string{"0", "1"} {
		f.res("aws_rds_cluster_instance.main["+i+"]", func(b *blk) {
			b.ref("cluster_identifier", "aws_rds_cluster.main", "id").str("instance_class", "db.r5.large")
		})
	}
	st, s := load(t, f.module())
	d := s.Components["main"].Database
	// Aurora stays Aurora, so pricing bills cluster storage, not RDS storage.
	if d.Engine != "aurora-postgresql" || d.InstanceClass != "db.r5.large" || !d.MultiAZ || !d.EncryptedAtRest {
		t.Errorf("database = %+v", d)
	}
	if len(st.NotModelled) != 0 || len(st.Notes) != 0 {
		t.Errorf("not modelled: %+v, notes: %+v", st.NotModelled, st.Notes)
	}
}

// The provider's older engine name "aurora" is Aurora MySQL; a third cluster
// instance is more than the schema's writer + replica, and a note says so.
func TestMapRDSClusterLegacyEngineAndThreeInstances(t *testing.T) {
	f := newFake("main.tf")
	f.network()
	f.res("aws_rds_cluster.main", func(b *blk) { b.str("engine", "aurora") })
	for _, i := range []string{"0", "1", "2"} {
		f.res("aws_rds_cluster_instance.main["+i+"]", func(b *blk) {
			b.ref("cluster_identifier", "aws_rds_cluster.main", "id").str("instance_class", "db.r5.large")
		})
	}
	st, s := load(t, f.module())
	if d := s.Components["main"].Database; d.Engine != "aurora-mysql" || !d.MultiAZ {
		t.Errorf("database = %+v", d)
	}
	if len(st.Notes) != 1 || !strings.Contains(st.Notes[0].What, "3 cluster instances are modelled as a writer and one replica") {
		t.Errorf("notes = %+v", st.Notes)
	}
}

// Rows: aws_elasticache_cluster and aws_elasticache_replication_group →
// cache (a group's member clusters are the group).
func TestMapElastiCache(t *testing.T) {
	f := newFake("main.tf")
	f.network()
	f.res("aws_elasticache_cluster.sessions", func(b *blk) {
		b.str("engine", "memcached").str("node_type", "cache.t3.small").num("num_cache_nodes", 2)
	})
	f.res("aws_elasticache_replication_group.cache", func(b *blk) {
		b.str("node_type", "cache.r6g.large").num("num_cache_clusters", 3)
	})
	f.res("aws_elasticache_cluster.member", func(b *blk) {
		b.ref("replication_group_id", "aws_elasticache_replication_group.cache", "id")
	})
	st, s := load(t, f.module())
	if c := s.Components["sessions"].Cache; c.Engine != "memcached" || c.NodeType != "cache.t3.small" || c.Nodes != 2 || c.Port != 11211 {
		t.Errorf("sessions = %+v", c)
	}
	if c := s.Components["cache"].Cache; c.Engine != "redis" || c.NodeType != "cache.r6g.large" || c.Nodes != 3 {
		t.Errorf("cache = %+v", c)
	}
	if _, ok := s.Components["member"]; ok || len(st.NotModelled) != 0 {
		t.Errorf("a group's member became a component, or was not modelled: %+v", st.NotModelled)
	}
}

// Row: aws_security_group (inline ingress) + aws_security_group_rule +
// aws_vpc_security_group_ingress_rule → the database's ingress, each entry
// at the rule that admits it; a rule for another port admits nothing.
func TestMapSecurityGroups(t *testing.T) {
	f := newFake("main.tf")
	f.network()
	webTier(f)
	f.res("aws_security_group.db", func(b *blk) {
		b.block("ingress", func(b *blk) {
			b.num("from_port", 5432).num("to_port", 5432).str("protocol", "tcp").refs("security_groups", "aws_security_group.app#id")
		})
		b.block("ingress", func(b *blk) { // ssh: not the database's port
			b.num("from_port", 22).num("to_port", 22).str("protocol", "tcp").strs("cidr_blocks", "0.0.0.0/0")
		})
	})
	office := f.res("aws_security_group_rule.office", func(b *blk) {
		b.str("type", "ingress").ref("security_group_id", "aws_security_group.db", "id").
			num("from_port", 5432).num("to_port", 5432).str("protocol", "tcp").strs("cidr_blocks", "203.0.113.0/24")
	})
	f.res("aws_vpc_security_group_ingress_rule.lb", func(b *blk) {
		b.ref("security_group_id", "aws_security_group.db", "id").ref("referenced_security_group_id", "aws_security_group.lb", "id").
			str("ip_protocol", "-1")
	})
	f.res("aws_db_instance.db", func(b *blk) {
		b.str("engine", "postgres").str("instance_class", "db.r5.large").refs("vpc_security_group_ids", "aws_security_group.db#id")
	})
	st, s := load(t, f.module())
	got := s.Components["db"].Database.Ingress
	if want := []string{"app", "203.0.113.0/24", "web"}; !slices.Equal(got, want) {
		t.Fatalf("ingress = %v, want %v", got, want)
	}
	at(t, s, "components.db.ingress[1]", office.Body.Attrs["cidr_blocks"].Pos)
	if len(st.NotModelled) != 0 {
		t.Errorf("not modelled: %+v", st.NotModelled)
	}
}

// Rows: aws_vpc, aws_subnet (+ route tables to an internet gateway,
// map_public_ip_on_launch), aws_nat_gateway → network, region and sides.
func TestMapNetwork(t *testing.T) {
	f := newFake("main.tf")
	f.network()
	f.res("aws_subnet.dmz", func(b *blk) { b.str("availability_zone", "us-east-1c").boolean("map_public_ip_on_launch", true) })
	f.res("aws_instance.bastion", func(b *blk) { b.str("instance_type", "t3.micro").ref("subnet_id", "aws_subnet.dmz", "id") })
	f.res("aws_instance.worker", func(b *blk) { b.str("instance_type", "t3.micro").ref("subnet_id", "aws_subnet.private_b", "id") })
	_, s := load(t, f.module())
	if s.Region != "us-east-1" || s.Network.VPC != "main" || s.Network.CIDR != "10.0.0.0/16" {
		t.Errorf("region %s, network %+v", s.Region, s.Network)
	}
	if !slices.Equal(s.Network.AZs, []string{"us-east-1a", "us-east-1b", "us-east-1c"}) {
		t.Errorf("azs %v", s.Network.AZs)
	}
	if s.Network.NATGateways == nil || *s.Network.NATGateways != 1 {
		t.Errorf("nat gateways %v", s.Network.NATGateways)
	}
	if b := s.Components["bastion"]; b.Subnet != "public" || !slices.Equal(b.AZs, []string{"us-east-1c"}) {
		t.Errorf("bastion %s %v", b.Subnet, b.AZs)
	}
	if w := s.Components["worker"]; w.Subnet != "private" {
		t.Errorf("worker %s", w.Subnet)
	}
}

// Row: aws_cloudfront_distribution → cdn in front of the load balancer it
// names; one in front of a bucket is not modelled.
func TestMapCloudFront(t *testing.T) {
	f := newFake("main.tf")
	f.network()
	webTier(f)
	f.res("aws_cloudfront_distribution.site", func(b *blk) {
		b.block("origin", func(b *blk) { b.ref("domain_name", "aws_lb.web", "dns_name").str("origin_id", "alb") })
		b.block("default_cache_behavior", func(b *blk) { b.str("viewer_protocol_policy", "allow-all") })
	})
	f.res("aws_cloudfront_distribution.assets", func(b *blk) {
		b.block("origin", func(b *blk) { b.ref("domain_name", "aws_s3_bucket.assets", "bucket_regional_domain_name") })
	})
	st, s := load(t, f.module())
	c := s.Components["site"]
	if c == nil || c.CDN.Origin != "web" || c.CDN.HTTPSOnly {
		t.Fatalf("cdn = %+v", c)
	}
	if len(st.NotModelled) != 1 || st.NotModelled[0].Address != "aws_cloudfront_distribution.assets" {
		t.Errorf("not modelled: %+v", st.NotModelled)
	}
}

// A tag infralint:name names the component (to match the overlay).
func TestMapNameTag(t *testing.T) {
	f := newFake("main.tf")
	f.network()
	f.res("aws_instance.this", func(b *blk) {
		b.str("instance_type", "t3.micro").attr("tags", mapVal(map[string]string{"Name": "x", "infralint:name": "api"}))
	})
	st, s := load(t, f.module())
	if _, ok := s.Components["api"]; !ok || st.Components["api"] != "aws_instance.this" {
		t.Errorf("components %v", st.Components)
	}
}

// An ignore comment on a resource or an attribute is a suppression of the
// field it became, with its reason and expiry, which the loader reads as
// it reads @infralint attributes.
func TestMapIgnoreComments(t *testing.T) {
	f := newFake("main.tf")
	f.network()
	db := f.res("aws_db_instance.db", func(b *blk) {
		b.str("engine", "postgres").str("instance_class", "db.r5.large").boolean("storage_encrypted", false)
	})
	cmt := f.emit(0, `# infralint:ignore=TLS004 reason="staging"`)
	db.Ignores = []Ignore{
		{IDs: []string{"TLS004"}, Reason: "staging data only", Attr: "storage_encrypted", Pos: cmt},
		{IDs: []string{"NET001", "TLS005"}, Reason: "migration", Expires: "2026-12-31", Pos: cmt},
	}
	_, s := load(t, f.module())
	sups := s.Source.Suppressions
	if len(sups) != 2 {
		t.Fatalf("suppressions = %+v", sups)
	}
	byPath := map[string]schema.Suppression{}
	for _, sp := range sups {
		byPath[sp.Path] = sp
	}
	if sp := byPath["components.db.encrypted_at_rest"]; !slices.Equal(sp.IDs, []string{"TLS004"}) || sp.Reason != "staging data only" {
		t.Errorf("attribute suppression = %+v", sp)
	}
	if sp := byPath["components.db"]; !slices.Equal(sp.IDs, []string{"NET001", "TLS005"}) || sp.Expires != "2026-12-31" {
		t.Errorf("resource suppression = %+v", sp)
	}
}

// A reference to an attribute the configuration sets reads as its value
// (aws_autoscaling_group.app.name is "web-app"): the mapping follows the
// value back to the resource configured with that name.
func TestMapReferenceByConfiguredName(t *testing.T) {
	f := newFake("main.tf")
	f.network()
	f.res("aws_launch_configuration.app", func(b *blk) { b.str("instance_type", "c5.large") })
	f.res("aws_autoscaling_group.app", func(b *blk) {
		b.str("name", "web-app").num("min_size", 1).num("max_size", 3).ref("launch_configuration", "aws_launch_configuration.app", "name")
	})
	f.res("aws_autoscaling_policy.cpu", func(b *blk) {
		b.str("autoscaling_group_name", "web-app").block("target_tracking_configuration", func(b *blk) {
			b.block("predefined_metric_specification", func(b *blk) { b.str("predefined_metric_type", "ASGAverageCPUUtilization") }).num("target_value", 50)
		})
	})
	f.res("aws_db_parameter_group.pg", func(b *blk) {
		b.str("name", "pg16").block("parameter", func(b *blk) { b.str("name", "rds.force_ssl").str("value", "1") })
	})
	f.res("aws_db_instance.db", func(b *blk) {
		b.str("engine", "postgres").str("instance_class", "db.r5.large").str("parameter_group_name", "pg16")
	})
	st, s := load(t, f.module())
	if p := s.Components["app"].Compute.Autoscaling.Policy; p == nil || p.CPUTarget != 50 {
		t.Errorf("policy = %+v", p)
	}
	if !s.Components["db"].Database.RequireTLS {
		t.Errorf("require_tls not read through the parameter group's name")
	}
	if len(st.NotModelled) != 0 {
		t.Errorf("not modelled: %+v", st.NotModelled)
	}
}

// What import terraform prints loads as a hand-written stack, as it is,
// and every field line carries its origin comment.
func TestImportLoadsAsItIs(t *testing.T) {
	f := newFake("main.tf")
	f.network()
	webTier(f)
	f.res("aws_db_instance.db", func(b *blk) {
		b.str("engine", "postgres").str("instance_class", "db.r5.large").refs("vpc_security_group_ids", "aws_security_group.db#id")
	})
	f.res("aws_security_group.db", func(b *blk) {
		b.block("ingress", func(b *blk) {
			b.num("from_port", 5432).num("to_port", 5432).refs("security_groups", "aws_security_group.app#id")
		})
	})
	f.res("aws_s3_bucket.assets", nil)
	st := Map(f.module(), "infra")
	out := importText(t, st)
	l, err := schema.NewLoader()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.LoadBytes("stack.cue", []byte(out)); err != nil {
		t.Fatalf("the import does not load: %v\n%s", err, out)
	}
	if !strings.Contains(out, "//   aws_s3_bucket.assets (main.tf:") {
		t.Errorf("the not-modelled bucket is not listed:\n%s", out)
	}
	for _, line := range strings.Split(out, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasSuffix(trimmed, "{") {
			continue // a struct's origin is on its closing brace
		}
		if strings.Contains(trimmed, ": ") && !strings.HasPrefix(trimmed, "//") && !strings.Contains(trimmed, "// ") {
			t.Errorf("field without its origin: %q", line)
		}
	}
}
