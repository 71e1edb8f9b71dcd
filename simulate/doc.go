// Package simulate is a discrete-event simulation of a stack: the second
// opinion on the capacity model, sharing only the loaded schema.Stack
// with it (it never imports capacity; TestDoesNotImportCapacity checks).
//
// Simulated: Poisson arrivals at the entries, a load balancer's uniform
// random split, blocking worker pools (processes × threads per instance,
// FCFS, unbounded queue), FCFS vCPUs per instance (catalog vCPU count),
// Gamma CPU bursts and waits (cv 0 deterministic, 1 exponential), calls
// to databases on their own instance (FCFS vCPUs, exponential query_ms)
// and USL contention dilating instance-local work by the requests in
// service. Event loops, caches, queues, job tiers, hosted databases and
// calls to compute tiers are refused ("not simulated yet").
//
// Figures carry 95 % intervals by batch means (20 batches after a 10 %
// warm-up); a run is deterministic in its seed (PCG) and stops with an
// error past its event budget. docs/simulation.md has the details.
package simulate
