// Package capacity holds the queueing mathematics behind infralint's
// capacity findings: Erlang B and C, the M/M/c queue with its exact
// response-time distribution, the Allen–Cunneen correction for
// non-exponential service, the Universal Scalability Law, and the model
// of a stack built from them: a blocking worker pool is a load-dependent
// birth–death chain (pool.go) whose holding time carries its mean and
// variance and whose percentiles come from a gamma mixture (holding.go).
//
// The package is plain math: no I/O, no printing, no state. Every number a
// caller may print is finite unless the result carries an explicit flag that
// says otherwise (see MMC.Saturated), because a silently printed "NaN ms" or
// "+Inf ms" is worse than no answer.
//
// Notation (docs/capacity-model.md#notation, which also gives each
// formula's source and its independent checks): λ arrivals/s, μ = 1/S
// service rate of one server, c servers, a = λ/μ offered load (Erlangs),
// ρ = a/c utilisation, θ = cμ − λ the decay rate of the waiting-time tail.
package capacity
