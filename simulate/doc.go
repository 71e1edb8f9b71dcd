// Package simulate is a discrete-event simulation of a stack: the second
// opinion on the capacity model, sharing only the loaded schema.Stack
// with it (it never imports capacity; TestDoesNotImportCapacity checks).
//
// Simulated: Poisson arrivals at the entries and declared job rates, a
// load balancer's and a queue's uniform random split, a CDN's misses,
// blocking worker pools (processes × threads per instance, FCFS,
// unbounded queue), event loops (one CPU burst at a time per process,
// waits and calls holding an in-flight slot only), FCFS vCPUs per
// instance (catalog vCPU count), Gamma CPU bursts and waits (cv 0
// deterministic, 1 exponential), calls to load balancers and compute
// tiers (the caller's worker held for the callee's whole response), to
// databases on their own instance (FCFS vCPUs, exponential query_ms) or
// hosted on a tier (queries queue at the host's vCPUs), to caches (a
// round trip, and on a miss the data set's miss_queries queries in
// sequence to the caller's database, with the
// hit ratio given by the scenario), to queues (enqueue→done at the
// consumer), and USL contention dilating instance-local work by the
// requests in service.
//
// Figures carry 95 % intervals by batch means (20 batches after a 10 %
// warm-up); a run is deterministic in its seed (PCG) and stops with an
// error past its event budget or wall-clock bound. docs/simulation.md
// has the details and what each mechanism is checked against.
package simulate
