#!/usr/bin/env bash
# Benchmark: signed webhook deliveries a second from notification-service to a receiver on this
# machine (goal >= 2,000/s), and the delay a receiver that times out adds to a healthy one (goal:
# none measurable). Starts MongoDB (in memory), Kafka and notification-service only.
# Usage: bench/webhooks.sh [--events=50000] [--warm-up=20000] [--rate=0] [--timeout=5m]
#                          [--service-heap=384m] [--receiver-threads=8]
#                          [--notification-property=key=value] [--no-build]
# Exits 1 when the healthy receiver did not get every message of a phase, signed right, in time.
set -euo pipefail
# this JVM holds the MongoDB-protocol server (in memory: every delivery record) and the receivers
exec "$(dirname "$0")/run-benchmark.sh" 2g io.upgradehub.bench.WebhookBenchmark "$@"
