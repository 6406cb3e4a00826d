#!/usr/bin/env bash
# Benchmark: dispatch alone, upgrade commands a second over MQTT QoS 1 to one subscriber of every
# device's topic (goal >= 2,000/s); no device answers.
# Usage: bench/dispatch.sh [--devices=100000] [--rate=1000000] [--start-in=30s] [--service-heap=512m]
#                          [--warm-up=5000] [--timeout=10m] [--campaign-property=key=value]
#                          [--no-build]
# Exits 1 when not every device got its command within --timeout.
set -euo pipefail
# this JVM holds the MongoDB-protocol server (in memory): the fleets and their jobs
exec "$(dirname "$0")/run-benchmark.sh" 4g io.upgradehub.bench.DispatchBenchmark "$@"
