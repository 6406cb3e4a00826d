#!/usr/bin/env bash
# Benchmark: a 1,000,000-device import through the gateway, then the version distribution query's
# latency through the gateway (p50/p99/max over sequential requests; goal p99 <= 50 ms).
# Usage: bench/distribution.sh [--devices=1000000] [--requests=10000] [--warmup=1000]
#                              [--service-heap=384m]
set -euo pipefail
cd "$(dirname "$0")/.."
# package, not install: the platform runs the services' Boot jars from their target/ directories
mvn -B -q -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true package -pl bench -am
# the MongoDB-protocol server runs in this JVM and holds the fleet
exec java -Xmx4g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  io.upgradehub.bench.DistributionBenchmark "$@"
