package rules

import (
	"slices"

	"github.com/infralint/infralint/schema"
)

var ruleDBIngress = &Rule{
	ID:       "NET001",
	Name:     "db-reachable-beyond-app-tier",
	Severity: Error,
	Summary:  "The database accepts connections from more than the app tier",
	Docs: `Once the database is separated from the app servers, requests between them
cross the network, and network security becomes essential: only the
application tier should be able to open a connection to the database.
An address block (even a private one), another component in the ingress
list, or a host in a public subnet that never queries the database (a
bastion, a web server that only calls an API) widens who can reach the data
from the internet's edge.

Fix: list only the compute components that query the database in ingress
(security-group references, not CIDR blocks).`,
	Check: func(p *Pass) {
		for _, db := range p.Stack.OfKind(schema.KindDatabase) {
			for i, in := range db.Database.Ingress {
				path := componentPath(db.Name, "ingress", i)
				switch {
				case schema.IsCIDR(in):
					p.Report(path, "allow the app tier's security group instead of an address block",
						"database %q accepts connections from the address block %s, not only from the app tier", db.Name, in)
				case p.Stack.Components[in].Kind != schema.KindCompute:
					p.Report(path, "remove it from ingress; only app servers should connect",
						"database %q accepts connections from %s %q, which is not an app tier", db.Name, p.Stack.Components[in].Kind, in)
				case p.Stack.Components[in].Subnet == "public" && !queries(p.Stack.Components[in], db.Name):
					p.Report(path, "remove it from ingress; only the tiers that query the database should connect",
						"database %q accepts connections from %q, a host in a public subnet that never queries it", db.Name, in)
				}
			}
		}
	},
}

// queries reports whether compute component c calls database db or hosts it.
func queries(c *schema.Component, db string) bool {
	return slices.Contains(c.Compute.Hosts, db) || slices.ContainsFunc(c.Compute.Calls, func(call schema.Call) bool { return call.Target == db })
}

var ruleDBPublic = &Rule{
	ID:       "NET002",
	Name:     "db-publicly-accessible",
	Severity: Error,
	Summary:  "The database is publicly accessible or sits in a public subnet",
	Docs: `A database with a public address, or in a subnet routed to the internet,
can be reached (and attacked) from anywhere once a security group rule slips.
Only the app tier needs it, and the app tier is inside the VPC.

Fix: publicly_accessible: false and subnet: "private".`,
	Check: func(p *Pass) {
		for _, db := range p.Stack.OfKind(schema.KindDatabase) {
			if db.Database.PubliclyAccessible {
				p.Report(componentPath(db.Name, "publicly_accessible"), `set publicly_accessible: false`,
					"database %q is publicly accessible", db.Name)
			}
			if db.Subnet == "public" && p.Stack.HostOf(db.Name) == nil {
				p.Report(componentPath(db.Name, "subnet"), `set subnet: "private"`,
					"database %q is in a public subnet", db.Name)
			}
		}
	},
}

var ruleDBIngressMissing = &Rule{
	ID:       "NET003",
	Name:     "caller-not-in-db-ingress",
	Severity: Error,
	Summary:  "An app tier calls a database that does not let it connect",
	Docs: `A separate database only accepts the sources in its ingress list. An app tier
that queries it without being listed fails every request at run time; the
usual "fix" under pressure is to open the database wide, so infralint points
at the precise entry that is missing.

Fix: add the calling compute component to the database's ingress.`,
	Check: func(p *Pass) {
		for _, c := range p.Stack.OfKind(schema.KindCompute) {
			for i, call := range c.Compute.Calls {
				db := p.Stack.Components[call.Target]
				if db.Kind != schema.KindDatabase || p.Stack.HostOf(db.Name) == c {
					continue
				}
				if !slices.Contains(db.Database.Ingress, c.Name) {
					p.Report(componentPath(c.Name, "calls", i, "target"), "add \""+c.Name+"\" to the database's ingress",
						"%q calls database %q, whose ingress does not allow it", c.Name, db.Name)
				}
			}
		}
	},
}
