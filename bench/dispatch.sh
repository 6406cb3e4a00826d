#!/usr/bin/env bash
# Benchmark: dispatch alone, upgrade commands a second over MQTT QoS 1 to one subscriber of every
# device's topic (goal >= 2,000/s); no device answers.
# Usage: bench/dispatch.sh [--devices=100000] [--rate=1000000] [--start-in=30s] [--service-heap=512m]
#                          [--warm-up=5000] [--timeout=10m] [--campaign-property=key=value]
#                          [--no-build]
# Exits 1 when not every device got its command within --timeout.
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
build=1
for arg in "$@"; do
  if [[ "$arg" == "--no-build" ]]; then build=0; else args+=("$arg"); fi
done
if [[ $build == 1 ]]; then
  # package, not install: the platform runs the services' Boot jars from their target/ directories
  mvn -B -q -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true package -pl bench -am
fi
# this JVM holds the MongoDB-protocol server (in memory): the fleet and its jobs
exec java -Xmx4g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  io.upgradehub.bench.DispatchBenchmark "${args[@]}"
