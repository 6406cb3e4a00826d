#!/usr/bin/env bash
# Benchmark: device messages from a simulated fleet over MQTT through device-adapter and Kafka into
# inventory-service: the rate inventory applies them at, sustained, and the end-to-end latency.
# Usage: bench/ingest.sh [--rate=3000] [--duration=5m] [--devices=10000] [--warmup=15s]
#                        [--connect-rate=1000] [--connections=4] [--service-heap=384m]
#                        [--mongo=memory|plain|h2] [--mqtt=own|reuse|embedded] [--receive-maximum=N]
#                        [--adapter-connections=N] [--phases=mixed|lockstep] [--no-build]
# Exits 1 when a message was lost.
set -euo pipefail
# the bench JVM holds the MongoDB-protocol server and the fleet's 10,000 MQTT connections; the
# broker is a Mosquitto child process of its own (--mqtt=own), stopped with the run
exec "$(dirname "$0")/run-benchmark.sh" 2g io.upgradehub.bench.IngestBenchmark "$@"
