#!/usr/bin/env bash
# Benchmark: a transferred-in batch of simulated devices, taken in as a streamed CSV, accepted with
# "all" and timed until the transfer is COMPLETED (every device SUCCEEDED).
# Usage: bench/transfer.sh [--devices=100000] [--connect-rate=2000] [--service-heap=512m]
#                          [--step-delay=1s] [--download-time=2s] [--timeout=15m]
#                          [--shared-connections=auto] [--no-build]
# Exits 1 when not every device SUCCEEDED within --timeout.
set -euo pipefail
# raise the soft open-files limit to the hard one where it is lower (a connection per device)
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
# this JVM holds the MongoDB-protocol server (in memory) and the fleet's connections
exec "$(dirname "$0")/run-benchmark.sh" 4g io.upgradehub.bench.TransferBenchmark "$@"
