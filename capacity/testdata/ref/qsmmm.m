% Reference values for capacity/mmc_test.go (run: octave --no-gui -q qsmmm.m)
pkg load queueing;
cases = [80 25 4; 3 5 1; 99 100 1; 50 1 64; 63.36 1 64; 9900 1 10000; 9000 1 10000; 1 1 2; 0.5 2 3];
for i=1:rows(cases)
  l=cases(i,1); mu=cases(i,2); m=cases(i,3);
  [U,R,Q,X,p0,pm] = qsmmm(l, mu, m);
  printf("qsmmm(%g, %g, %d): U=%.17g R=%.17g Q=%.17g X=%.17g p0=%.17g pm=%.17g\n", l, mu, m, U,R,Q,X,p0,pm);
end
