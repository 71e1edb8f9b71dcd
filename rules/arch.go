package rules

import "github.com/infralint/infralint/schema"

var ruleDBColocated = &Rule{
	ID:       "ARCH001",
	Name:     "db-colocated-with-app",
	Severity: Warning,
	Summary:  "A database runs on the same servers as the application",
	Docs: `An application and its database on one server need no network set-up,
but the two cannot be scaled apart: adding app capacity means copying the
database, and a busy database starves the app of CPU and memory (and the
other way round). Resources end up used inefficiently as soon as one side
grows.

Fix: move the database to its own instance or a managed service (RDS), reached
over the private network, and allow only the app tier to connect (NET001).`,
	Check: func(p *Pass) {
		for _, c := range p.Stack.OfKind(schema.KindCompute) {
			for i, h := range c.Compute.Hosts {
				if p.Stack.Components[h].Kind != schema.KindDatabase {
					continue
				}
				p.Report(componentPath(c.Name, "hosts", i),
					"run the database on its own instance or RDS and let only the app tier reach it",
					"database %q runs on the app servers of %q: they cannot be scaled apart and compete for CPU and memory", h, c.Name)
			}
		}
	},
}
