# Reference values for capacity/percentile_test.go (run: python3 percentiles.py)
# Independent percentile references: Erlang C from the textbook sum, P(T>t) by
# mpmath.quad of the convolution P(T>t) = e^{-mu t} + int_0^t C e^{-theta(t-s)} mu e^{-mu s} ds.
from mpmath import mp, mpf, exp, quad, findroot, lambertw, log, fsum, factorial
mp.dps = 40
def erlangc(lam, mu, c):
    a = mpf(lam)/mpf(mu); rho = a/c
    # terms a^k/k! computed iteratively
    term = mpf(1); s = mpf(0)
    for k in range(c):
        s += term; term = term*a/(k+1)
    top = term/(1-rho)
    return top/(s+top)
def tail(lam, mu, c, C, t):
    lam, mu = mpf(lam), mpf(mu); th = c*mu - lam
    return exp(-mu*t) + quad(lambda s: C*exp(-th*(t-s))*mu*exp(-mu*s), [0, t/2, t])
def pct(lam, mu, c, p, guess):
    C = erlangc(lam, mu, c)
    return findroot(lambda t: tail(lam, mu, c, C, t) - (1-mpf(p)), mpf(guess))
import sys
for (lam, mu, c, guesses) in [(80,25,4,(0.05,0.15,0.25)), (63.36,1,64,(1.5,6,9)), (9900,1,10000,(0.7,3,4.6)), (1,1,2,(1,3.5,5.5))]:
    C = erlangc(lam, mu, c)
    print("case", lam, mu, c, "C=", mp.nstr(C, 20))
    for p, g in zip((0.5,0.95,0.99), guesses):
        t = pct(lam, mu, c, p, g)
        print("  p=%s t=%s check=%s" % (p, mp.nstr(t, 20), mp.nstr(tail(lam,mu,c,C,t), 20)))
# theta == mu closed form via Lambert W: t = -W_{-1}(-3 q e^{-3}) - 3 for C=1/3, mu=1
for p in (0.5, 0.95, 0.99):
    q = 1-mpf(p)
    print("lambertw p=%s t=%s" % (p, mp.nstr(-lambertw(-3*q*exp(-3), -1).real - 3, 20)))
