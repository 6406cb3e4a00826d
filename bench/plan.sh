#!/usr/bin/env bash
# Benchmark: planning a STATIC batch over a 1,000,000-device fleet (all on 1.0.0, imported through
# the gateway): seconds from the POST until planning is done, jobs/s, campaign-service's peak heap
# (goal: <= 60 s at -Xmx512m), and how long its outbox relay takes to publish the jobs' events.
# Usage: bench/plan.sh [--devices=1000000] [--service-heap=512m] [--timeout=600] [--outbox-wait=300]
#                      [--mongo=h2|memory] [--campaign-property=key=value] [--no-build]
# Exits 1 when planning does not finish within --timeout seconds.
set -euo pipefail
# the MongoDB-protocol server runs in this JVM and holds the fleet and the jobs; with
# --mongo=memory a million devices and jobs need BENCH_XMX=12g
exec "$(dirname "$0")/run-benchmark.sh" "${BENCH_XMX:-4g}" io.upgradehub.bench.PlanBenchmark "$@"
