package terraform

// dbEngines maps an RDS engine to the schema's; others (Oracle, SQL
// Server) are not modelled. Aurora keeps its own engines, which pricing
// bills as Aurora (cluster storage and I/O, not RDS storage); "aurora" is
// the provider's older name of Aurora MySQL.
var dbEngines = map[string]string{
	"postgres": "postgres", "mysql": "mysql", "mariadb": "mariadb",
	"aurora-postgresql": "aurora-postgresql", "aurora-mysql": "aurora-mysql", "aurora": "aurora-mysql",
}

// tlsParams are the parameters that make an engine refuse clients without
// TLS, and the values that turn them on.
var tlsParams = map[string][]string{
	"rds.force_ssl":            {"1", "true"},
	"require_secure_transport": {"1", "ON", "on", "true"},
}

// dbInstance maps aws_db_instance to a database.
func (mp *mapper) dbInstance(r *Resource) {
	if _, ok := mp.engine(r, true); !ok {
		return
	}
	c := mp.component(r, "database")
	if c == nil {
		return
	}
	name := mp.names[baseAddress(r.Address)]
	eng, epos, _ := str(r.Body, "engine")
	c.set("engine", &node{pos: epos, value: dbEngines[eng], origin: origin(r, "engine")})
	setStr(c, "instance_class", r, r.Body, "instance_class")
	setBool(c, "multi_az", r, r.Body, "multi_az")
	setNum(c, "storage_gb", r, r.Body, "allocated_storage")
	if t, pos, ok := str(r.Body, "storage_type"); ok {
		if t == "gp2" || t == "gp3" {
			c.set("storage_type", &node{pos: pos, value: t, origin: origin(r, "storage_type")})
		} else {
			mp.note(pos, "%s: storage_type %q is priced as gp3 (only gp2 and gp3 are modelled)", r.Address, t)
		}
	}
	setBool(c, "encrypted_at_rest", r, r.Body, "storage_encrypted")
	setBool(c, "publicly_accessible", r, r.Body, "publicly_accessible")
	setNum(c, "port", r, r.Body, "port")
	mp.requireTLS(c, r, name, "parameter_group_name", "aws_db_parameter_group")
	mp.dbSubnets(c, r, "db_subnet_group_name", "aws_db_subnet_group", name)
	mp.securityGroups(name, r.Body, "vpc_security_group_ids")
}

// rdsCluster maps aws_rds_cluster, with its aws_rds_cluster_instance
// resources, to a database: Multi-AZ when it has instances in two AZs or
// more than one instance (Aurora fails over to a replica).
func (mp *mapper) rdsCluster(r *Resource) {
	if _, ok := mp.engine(r, true); !ok {
		return
	}
	c := mp.component(r, "database")
	if c == nil {
		return
	}
	name := mp.names[baseAddress(r.Address)]
	eng, epos, _ := str(r.Body, "engine")
	c.set("engine", &node{pos: epos, value: dbEngines[eng], origin: origin(r, "engine")})
	var members []*Resource
	for _, ir := range mp.resourcesOf("aws_rds_cluster_instance") {
		if cl, _, ok := mp.ref(ir.Body, "cluster_identifier", "aws_rds_cluster"); ok && cl == baseAddress(r.Address) {
			members = append(members, ir)
			mp.use(ir, name)
		}
	}
	if len(members) > 0 {
		setStr(c, "instance_class", members[0], members[0].Body, "instance_class")
		c.set("multi_az", &node{pos: members[0].Body.Pos, value: len(members) > 1, origin: "the aws_rds_cluster_instance resources of " + r.Address})
		if len(members) > 2 {
			// The schema has a writer and at most one replica (multi_az).
			mp.note(members[2].Body.Pos, "%s: %d cluster instances are modelled as a writer and one replica", r.Address, len(members))
		}
	} else {
		setStr(c, "instance_class", r, r.Body, "db_cluster_instance_class")
	}
	setNum(c, "storage_gb", r, r.Body, "allocated_storage")
	setBool(c, "encrypted_at_rest", r, r.Body, "storage_encrypted")
	setNum(c, "port", r, r.Body, "port")
	mp.requireTLS(c, r, name, "db_cluster_parameter_group_name", "aws_rds_cluster_parameter_group")
	mp.dbSubnets(c, r, "db_subnet_group_name", "aws_db_subnet_group", name)
	mp.securityGroups(name, r.Body, "vpc_security_group_ids")
}

// engine reports the schema's engine for r; with check, an engine it does
// not model leaves r out, saying so.
func (mp *mapper) engine(r *Resource, check bool) (string, bool) {
	eng, _, ok := str(r.Body, "engine")
	if !ok {
		if check {
			mp.skip(r, "its engine is not known")
		}
		return "", false
	}
	e, ok := dbEngines[eng]
	if !ok && check {
		mp.skip(r, "engine %q is not modelled (postgres, mysql, mariadb and Aurora's are)", eng)
	}
	return e, ok
}

// requireTLS sets require_tls when the parameter group the database names
// (attribute a, a reference to a resource of type typ) turns on the
// engine's TLS-only parameter. Without one in the configuration it stays
// the schema's false: infralint does not guess an engine version's
// defaults.
func (mp *mapper) requireTLS(c *object, r *Resource, name, a, typ string) {
	pg, _, ok := mp.ref(r.Body, a, typ)
	if !ok {
		return
	}
	for _, pr := range mp.byBase[pg] {
		if pr.Type != typ {
			continue
		}
		mp.use(pr, name)
		for _, p := range blocks(pr.Body, "parameter") {
			n, _, _ := str(p, "name")
			v, vpos, ok := str(p, "value")
			if want, known := tlsParams[n]; known && ok {
				c.set("require_tls", &node{pos: vpos, value: contains(want, v), origin: origin(pr, "parameter "+n)})
			}
		}
	}
}

// dbSubnets places a database or cache in the subnets of its subnet group.
func (mp *mapper) dbSubnets(c *object, r *Resource, a, typ, name string) {
	g, _, ok := mp.ref(r.Body, a, typ)
	if !ok {
		return
	}
	for _, gr := range mp.byBase[g] {
		if gr.Type != typ {
			continue
		}
		mp.use(gr, name)
		subnets, pos := mp.subnetRefs(gr.Body, "subnet_ids")
		mp.place(c, gr, subnets, pos, "subnet_ids")
		return
	}
}

// cacheEngines are the ElastiCache engines the schema models.
var cacheEngines = map[string]bool{"redis": true, "memcached": true, "valkey": true}

// cache maps aws_elasticache_replication_group, and an
// aws_elasticache_cluster that is not one of a group's members, to a cache.
func (mp *mapper) cache(r *Resource) {
	if r.Type == "aws_elasticache_cluster" {
		if g, _, ok := mp.ref(r.Body, "replication_group_id", "aws_elasticache_replication_group"); ok {
			if _, mapped := mp.compOf[g]; mapped || len(mp.byBase[g]) > 0 {
				mp.use(r, mp.names[g]) // a member of the group's component
				return
			}
		}
	}
	eng, epos, known := str(r.Body, "engine")
	if known && !cacheEngines[eng] {
		mp.skip(r, "engine %q is not modelled (redis, valkey and memcached are)", eng)
		return
	}
	c := mp.component(r, "cache")
	if c == nil {
		return
	}
	name := mp.names[baseAddress(r.Address)]
	if known {
		c.set("engine", &node{pos: epos, value: eng, origin: origin(r, "engine")})
	}
	setStr(c, "node_type", r, r.Body, "node_type")
	setNum(c, "port", r, r.Body, "port")
	switch r.Type {
	case "aws_elasticache_cluster":
		setNum(c, "nodes", r, r.Body, "num_cache_nodes")
	default:
		if _, ok := setNum(c, "nodes", r, r.Body, "num_cache_clusters"); !ok {
			groups, gpos, okG := num(r.Body, "num_node_groups")
			replicas, _, okR := num(r.Body, "replicas_per_node_group")
			if okG && okR {
				g, r1 := asInt(groups), asInt(replicas)
				c.set("nodes", &node{pos: gpos, value: g * (r1 + 1), origin: origin(r, "num_node_groups") + " × (replicas_per_node_group + 1)"})
			}
		}
	}
	mp.dbSubnets(c, r, "subnet_group_name", "aws_elasticache_subnet_group", name)
	mp.securityGroups(name, r.Body, "security_group_ids")
}

func asInt(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case float64:
		return int64(x)
	}
	return 0
}

// cdn maps aws_cloudfront_distribution to a CDN when its origin is a
// modelled component (a load balancer it fronts); one in front of a
// bucket or another origin is not modelled.
func (mp *mapper) cdn(r *Resource) {
	var originName string
	var opos Pos
	for _, o := range blocks(r.Body, "origin") {
		if addr, _, ok := mp.ref(o, "domain_name"); ok {
			if n, mapped := mp.names[addr]; mapped && mp.compOf[addr] != nil {
				originName, opos = n, o.Attrs["domain_name"].Pos
				break
			}
		}
	}
	if originName == "" {
		mp.skip(r, "its origin is not a modelled component (a load balancer)")
		return
	}
	c := mp.component(r, "cdn")
	if c == nil {
		return
	}
	c.set("origin", &node{pos: opos, value: originName, origin: origin(r, "origin.domain_name")})
	if p, pos, ok := str(block(r.Body, "default_cache_behavior"), "viewer_protocol_policy"); ok {
		c.set("https_only", &node{pos: pos, value: p != "allow-all", origin: origin(r, "default_cache_behavior.viewer_protocol_policy")})
	}
}
