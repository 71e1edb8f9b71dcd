package main

import (
	"math/rand/v2"
	"time"
)

// poissonPacer is a vegeta Pacer whose requests arrive as a Poisson
// process of the given rate (exponential gaps, seeded), which the model
// assumes; vegeta's own pacers space requests evenly. vegeta calls Pace
// from one goroutine with hits growing by one, so it keeps only the
// arrival time of the next hit.
type poissonPacer struct {
	rate float64 // requests per second
	rng  *rand.Rand
	hit  uint64        // the hit whose arrival next holds
	next time.Duration // arrival of hit, from the attack's start
}

func newPoissonPacer(rate float64, seed uint64) *poissonPacer {
	p := &poissonPacer{rate: rate, rng: rand.New(rand.NewPCG(seed, seed^0x5851f42d4c957f2d))}
	p.next = p.gap()
	return p
}

func (p *poissonPacer) gap() time.Duration {
	return time.Duration(p.rng.ExpFloat64() / p.rate * 1e9)
}

// Pace returns how long to wait before hit number hits (0-based).
func (p *poissonPacer) Pace(elapsed time.Duration, hits uint64) (time.Duration, bool) {
	for p.hit < hits {
		p.next += p.gap()
		p.hit++
	}
	if p.next <= elapsed {
		return 0, false
	}
	return p.next - elapsed, false
}

// Rate is the mean rate, for vegeta's bookkeeping.
func (p *poissonPacer) Rate(time.Duration) float64 { return p.rate }
