// Package rightsize sizes a stack's compute tiers from its capacity model
// and prices the result with package pricing: right-sizing is choosing the
// fleet (instance type and count) that meets the utilisation target and
// the p99 SLO for the least money.
//
// It sits above both packages: capacity says how many instances of a type
// a load needs, pricing says what a fleet costs, and neither imports the
// other or this package. Everything here starts from a model already
// analysed (a *capacity.Result): no stack is analysed twice.
//
// It answers three questions:
//
//   - Instances: the average fleet of each autoscaling tier, which the
//     cost table bills (pricing.Options.Instances);
//   - Alternatives: the cheaper instance types COST002 reports
//     (TypeFinder, CheaperTypes, Cheapest);
//   - Sweeps: for the report's cost-against-SLO plot, the cheapest fleet
//     of the tier's family for each p99 target, priced with the cost
//     table's own line items (instance hours, root volumes, blue/green
//     windows).
//
// Plan computes whichever of them a caller asks for, once per stack.
package rightsize
