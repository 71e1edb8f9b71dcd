package schema

import (
	"slices"
	"strings"

	"github.com/infralint/infralint/catalog"
)

// CheckInventory verifies the stack against the price and spec catalog:
// a region it knows, and instance types, database classes and cache nodes
// whose vCPU and memory it has (the capacity model needs them). Each
// unknown name is an error at its position naming the closest known ones.
func (s *Stack) CheckInventory(c *catalog.Catalog) Errors {
	var errs Errors
	unknown := func(path, what, name string, known []string) {
		msg := "unknown " + what + " " + `"` + name + `"`
		if hints := catalog.Suggest(known, name, 3); len(hints) > 0 {
			msg += "; did you mean " + strings.Join(hints, ", ") + "?"
		}
		errs = append(errs, errorf(s.Pos(path), "%s: %s", path, msg))
	}
	if !slices.Contains(c.Regions(), s.Region) {
		unknown("region", "region", s.Region, c.Regions())
	}
	for _, name := range s.Names() {
		comp := s.Components[name]
		switch comp.Kind {
		case KindCompute:
			if _, ok := c.EC2Spec(comp.Compute.InstanceType); !ok {
				unknown(Path("components", name, "instance_type"), "instance type", comp.Compute.InstanceType, c.EC2Types())
			}
		case KindDatabase:
			if class := comp.Database.InstanceClass; class != "" {
				if _, ok := c.RDSSpec(class); !ok {
					unknown(Path("components", name, "instance_class"), "database class", class, c.RDSClasses())
				}
			}
		case KindCache:
			if _, ok := c.ElastiCacheSpec(comp.Cache.NodeType); !ok {
				unknown(Path("components", name, "node_type"), "cache node type", comp.Cache.NodeType, c.ElastiCacheNodeTypes())
			}
		}
	}
	return errs.sorted()
}
