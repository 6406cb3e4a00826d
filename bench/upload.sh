#!/usr/bin/env bash
# Benchmark: a 1 GiB package uploaded through the gateway vs a plain copy to the S3 server.
# Usage: bench/upload.sh [--size-mib=1024] [--runs=2] [--service-heap=128m]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true install -pl bench -am
exec java -Xmx512m -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  io.upgradehub.bench.UploadBenchmark "$@"
