#!/usr/bin/env bash
# Benchmark: planning a STATIC batch over a 1,000,000-device fleet (all on 1.0.0, imported through
# the gateway): seconds from the POST until planning is done, jobs/s, campaign-service's peak heap
# (goal: <= 60 s at -Xmx512m), the CPU each process used, and what its outbox relay had left.
# Usage: bench/plan.sh [--devices=1000000] [--service-heap=512m] [--timeout=600] [--outbox-wait=60]
#                      [--mongo=memory|h2] [--campaign-property=key=value] [--no-build]
# BENCH_XMX and BENCH_JAVA_OPTS replace this JVM's heap and options below.
# Exits 1 when planning does not finish within --timeout seconds.
set -euo pipefail
# The MongoDB-protocol server runs in this JVM and holds the fleet and the jobs. In memory (the
# default) a million devices and jobs need a 12 GiB heap; they all stay, so the heap is fixed and
# the parallel collector with a young generation of a third of it copies them once (G1 spent a
# third of the run collecting them: docs/benchmarks.md, "Planning"). --mongo=h2 keeps them on disk.
heap="${BENCH_XMX:-12g}"
options="-Xms$heap -XX:NewRatio=2 -XX:+UseParallelGC"
for arg in "$@"; do
  if [[ "$arg" == "--mongo=h2" ]]; then
    heap="${BENCH_XMX:-4g}"
    options=""
  fi
done
export BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS-$options}"
exec "$(dirname "$0")/run-benchmark.sh" "$heap" io.upgradehub.bench.PlanBenchmark "$@"
