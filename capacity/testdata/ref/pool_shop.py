# Run: python3 pool_shop.py (mpmath 1.3.0). Shares no code with capacity/: the
# formulas of docs/capacity-model.md written out directly, at 40 digits.
# Independent check of the pool model for ticket-sale's shop tier at peak
# (mpmath, 40 digits): M/M/2//j repairman for the CPU, a birth-death chain
# for the 32 workers, gamma fit of the holding time.
from mpmath import mp, mpf, gammainc, findroot, exp, fsum
mp.dps = 40
lam = mpf(150); N = 32; v = 2; s = mpf('0.010')
# DB: M/M/16 at a=9, query 1 ms
def erlangc(c, a):
    terms = [a**k/mp.factorial(k) for k in range(c)]
    last = a**c/mp.factorial(c)/(1-a/c)
    return last/(fsum(terms)+last)
Cdb = erlangc(16, mpf(9)); thdb = 16000-9000
qmean = Cdb/thdb + mpf('0.001'); qvar = Cdb*(2-Cdb)/thdb**2 + mpf('0.001')**2
z = 12*qmean; callsv = 12*qvar
def dist(n):
    if n == 0: return (0, 0, 0)
    t = [mpf(1)]
    for q in range(1, n+1):
        t.append(t[-1]*(n-q+1)*s/z/min(q, v))
    S = fsum(t)
    pge = fsum(t[v:])/S; lq = fsum(t[q]*(q-v) for q in range(v, n+1))/S
    x = fsum(t[q]*min(q, v) for q in range(n+1))/S/s
    return pge, lq, x
def state(j):
    if j <= v: wm, wv = 0, 0
    else:
        _, lq, x = dist(j); pge, _, _ = dist(j-1)
        wm = lq/x; r = pge/wm; wv = (2*pge-pge**2)/r**2
    m = s + z + wm
    return j/m, m, s**2 + callsv + wv + m**2, wm
st = [None]+[state(j) for j in range(1, N+1)]
t = [mpf(1)]
for j in range(1, N+1): t.append(t[-1]*lam/st[j][0])
rho = lam/st[N][0]; tail = t[N]*rho/(1-rho)
S = fsum(t) + tail
w = [t[j-1]*lam for j in range(1, N+1)]
W = lam*S
H = (fsum(w[j-1]*st[j][1] for j in range(1, N+1)) + tail*st[N][0]*st[N][1])/W
H2 = (fsum(w[j-1]*st[j][2] for j in range(1, N+1)) + tail*st[N][0]*st[N][2])/W
cpuwq = (fsum(w[j-1]*st[j][3] for j in range(1, N+1)) + tail*st[N][0]*st[N][3])/W
V = H2 - H**2
busy = (fsum(t[j]*j for j in range(N+1)) + tail*N)/S
pw = (t[N]+tail)/S
k = H**2/V; sc = V/H
p99 = findroot(lambda x: gammainc(k, 0, x/sc, regularized=True) - mpf("0.99"), (H, 10*H), solver="bisect", tol=1e-30)
print("cpuwq_ms", cpuwq*1000, "H_ms", H*1000, "var_ms2", V*1e6, "util", busy/N, "pwait", pw, "p99_ms(pw~0)", p99*1000)
f = (1 + V/H**2)/2
r = (st[N][0]-lam)/f
k2 = (H+1/r)**2/(V+1/r**2); sc2 = (V+1/r**2)/(H+1/r)
F = lambda x: (1-pw)*gammainc(k, 0, x/sc, regularized=True) + pw*gammainc(k2, 0, x/sc2, regularized=True)
for p in ("0.5", "0.95", "0.99"):
    print(p, findroot(lambda x: F(x) - mpf(p), (mpf(0), 10*H), solver="bisect", tol=1e-30)*1000)
print("mean_ms", (H + pw/r)*1000)
