#!/usr/bin/env bash
# The validation bench (issue 18): a real server (bench/validate/server)
# under real load (vegeta, as a library, in bench/validate/load) with real
# PostgreSQL queries; infralint fits its demand and contention from the
# lowest rates and a closed-loop sweep, predicts every rate with
# `infralint capacity`, and bench/validate/compare prints predicted beside
# measured. See bench/validate/README.md.
# Usage: bench/validate/run.sh [--smoke] [--repeats N] [--step SECONDS]
#   --smoke: 3 short rates, one repeat, a 4-level sweep (about a minute):
#   checks that the pipeline runs end to end, not the accuracy.
set -euo pipefail
cd "$(dirname "$0")/../.."
# 7 rates × 2 pacers × 3 repeats × 15 s = 630 s, the sweep 50 s: about
# 12 minutes in all, under the 15 the lead's quiet run allows.
smoke=false repeats=3 step=15 sweep_step=10
while [ $# -gt 0 ]; do
  case $1 in
  --smoke) smoke=true repeats=1 step=5 sweep_step=3 ;;
  --repeats) repeats=$2; shift ;;
  --step) step=$2; shift ;;
  *) echo "usage: bench/validate/run.sh [--smoke] [--repeats N] [--step SECONDS]" >&2; exit 2 ;;
  esac
  shift
done

# The server's shape: 4 workers; 4 ms of CPU, 0.3 ms of it under the one
# mutex; a 10 ms wait; 2 queries that each count 20,000 rows in PostgreSQL.
workers=4 cpu_ms=3.7 lock_ms=0.3 wait_ms=10 queries=2 rows=20000

work=$(mktemp -d)
chmod 755 "$work" # the postgres user must reach its data directory
server_pid= pg_started=false
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  $pg_started && runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

pgbin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)")
if [ ! -x "$pgbin/initdb" ]; then
  echo "validate: PostgreSQL's initdb not found under /usr/lib/postgresql (apt-get install postgresql)" >&2
  exit 1
fi
id postgres >/dev/null 2>&1 || { echo "validate: no postgres user to run the database as" >&2; exit 1; }
go build -o "$work/" ./cmd/infralint ./bench/validate/server ./bench/validate/load ./bench/validate/compare
cores=$(nproc)
if [ "$cores" -ge 2 ]; then server_cpu=0 other_cpus=1-$((cores - 1)); else server_cpu=0 other_cpus=0; fi

# PostgreSQL in a temporary data directory, on a Unix socket only, pinned
# to the CPUs the server does not use (with the load generator).
mkdir -p "$work/pg" "$work/sock"
chown postgres "$work/pg" "$work/sock"
runuser -u postgres -- "$pgbin/initdb" -D "$work/pg" -A trust -U bench >/dev/null
runuser -u postgres -- taskset -c "$other_cpus" "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/log" -w \
  -o "-k $work/sock -c listen_addresses= -c max_connections=50 -c shared_buffers=32MB -c fsync=off" start >/dev/null
pg_started=true
dsn="host=$work/sock user=bench dbname=postgres"

GOMAXPROCS=1 taskset -c "$server_cpu" "$work/server" -workers $workers -cpu-ms $cpu_ms -lock-ms $lock_ms \
  -wait-ms $wait_ms -queries $queries -query-rows $rows -dsn "$dsn" > "$work/addr" &
server_pid=$!
for _ in $(seq 50); do [ -s "$work/addr" ] && break; sleep 0.1; done
url="http://$(cat "$work/addr")/"
load() { GOMAXPROCS=$((cores > 1 ? cores - 1 : 1)) taskset -c "$other_cpus" "$work/load" "$@"; }

query_ms=$(load dbtime -dsn "$dsn" -rows $rows)
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server on CPU $server_cpu (GOMAXPROCS=1); PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') and the load generator on CPUs $other_cpus"
echo "a query alone: $query_ms ms"

# Closed loop: the USL sweep and the saturation throughput.
levels="1 2 4 8 16"
$smoke && levels="1 2 4 8"
echo "concurrency,throughput_rps,p99_ms" > "$work/usl.csv"
for n in $levels; do load closed -url "$url" -concurrency "$n" -duration "${sweep_step}s" >> "$work/usl.csv"; done
sat=$(awk -F, 'NR > 1 && $2 > m { m = $2 } END { printf "%.1f", m }' "$work/usl.csv")
echo "saturation (closed loop, the sweep's best): $sat rps"

# Open loop at a share of it: the lowest three rates are fitted, every one
# predicted. Each rate runs with the Poisson pacer and vegeta's even one.
fitpcts="10 15 25"
pcts="10 15 25 40 55 70 85"
# The smoke run's rates are high enough that a few seconds of 1/100 s CPU
# ticks still show the utilisation grow.
$smoke && fitpcts="20 40 60" pcts="20 40 60"
mkdir -p "$work/steps"
for rep in $(seq "$repeats"); do
  for p in $pcts; do
    for pacer in poisson constant; do
      $smoke && [ $pacer = constant ] && continue
      rate=$(awk -v s="$sat" -v p="$p" 'BEGIN { printf "%.2f", s * p / 100 }')
      load open -url "$url" -rate "$rate" -duration "${step}s" -pacer $pacer -seed "$rep$p" \
        -report "$work/steps/r$p-$pacer-$rep.json" -pid "$server_pid" -cpu "$work/cpu.csv" -vcpus 1
    done
  done
done

fitfiles=()
for p in $fitpcts; do fitfiles+=("$work/steps/r$p-poisson-1.json"); done
"$work/infralint" fit demand --vcpus 1 --cpu "$work/cpu.csv" "${fitfiles[@]}"
"$work/infralint" fit demand --vcpus 1 --cpu "$work/cpu.csv" --format json "${fitfiles[@]}" > "$work/fit-demand.json"
# The sweep's throughput flattens where the server's one CPU, or the
# database's, saturates: fit only the contention beyond what those queues
# (fit demand's cpu_ms on the server's workers and vCPU; the queries of a
# request, each timed alone, on the database's vCPU; the wait from the
# sweep's N = 1 row) explain, or the model would count them twice (its own
# queues and the USL dilation).
fit_cpu_ms=$(grep -A1 '"cpu_ms": {' "$work/fit-demand.json" | sed -n 's/.*"value": \([^,]*\),*/\1/p')
db_ms=$(awk -v q="$queries" -v t="$query_ms" 'BEGIN { printf "%.4f", q * t }')
server_flags=(--cpu-ms "$fit_cpu_ms" --vcpus 1 --workers $workers --db-ms "$db_ms" --db-vcpus 1)
"$work/infralint" fit usl "${server_flags[@]}" "$work/usl.csv" || true
usl_flag=()
if "$work/infralint" fit usl "${server_flags[@]}" --format json "$work/usl.csv" > "$work/fit-usl.json" 2>/dev/null; then usl_flag=(-usl "$work/fit-usl.json"); fi
echo
"$work/compare" -infralint "$work/infralint" -demand "$work/fit-demand.json" "${usl_flag[@]}" -cpu "$work/cpu.csv" \
  -workers $workers -queries $queries -query-ms "$query_ms" -dir "$work" "$work"/steps/*.json
