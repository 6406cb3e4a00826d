#!/usr/bin/env bash
# Benchmark: a 1,000,000-device import through the gateway, then the version distribution query's
# latency through the gateway (p50/p99/max over sequential requests; goal p99 <= 50 ms).
# Usage: bench/distribution.sh [--devices=1000000] [--requests=10000] [--warmup=1000]
#                              [--service-heap=384m] [--no-build]
set -euo pipefail
# the MongoDB-protocol server runs in this JVM and holds the fleet
exec "$(dirname "$0")/run-benchmark.sh" 4g io.upgradehub.bench.DistributionBenchmark "$@"
