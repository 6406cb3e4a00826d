#!/usr/bin/env bash
# Benchmark: device messages from a simulated fleet over MQTT through device-adapter and Kafka into
# inventory-service: the rate inventory applies them at, sustained, and the end-to-end latency.
# Usage: bench/ingest.sh [--rate=3000] [--duration=5m] [--devices=10000] [--warmup=15s]
#                        [--connect-rate=1000] [--connections=4] [--service-heap=384m]
#                        [--mongo=memory|plain|h2] [--mqtt=own|reuse|embedded] [--receive-maximum=N]
#                        [--adapter-connections=N] [--phases=mixed|lockstep] [--no-build]
# Exits 1 when a message was lost.
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
build=1
for arg in "$@"; do
  if [[ "$arg" == "--no-build" ]]; then build=0; else args+=("$arg"); fi
done
if [[ $build == 1 ]]; then
  # package, not install: the reactor's own jars are used from the modules' target/
  mvn -B -q -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true package -pl bench -am
fi
# the bench JVM holds the MongoDB-protocol server and the fleet's 10,000 MQTT connections; the
# broker is a Mosquitto child process of its own (--mqtt=own), stopped with the run
exec java -Xmx2g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  io.upgradehub.bench.IngestBenchmark "${args[@]}"
