#!/usr/bin/env bash
# What every benchmark script does: builds the bench module and the services it starts (unless
# --no-build is among the arguments), then runs the benchmark's main class with the other
# arguments. Usage: bench/run-benchmark.sh <heap, e.g. 4g> <main class> [arguments...]
# BENCH_JAVA_OPTS adds options for the bench JVM (which hosts the stand-in stores), not the services.
set -euo pipefail
cd "$(dirname "$0")/.."
heap="$1"
main="$2"
shift 2
args=()
build=1
for arg in "$@"; do
  if [[ "$arg" == "--no-build" ]]; then build=0; else args+=("$arg"); fi
done
if [[ $build == 1 ]]; then
  # package, not install: the platform runs the services' Boot jars from their target/ directories
  mvn -B -q -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true package -pl bench -am
fi
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS holds several options
exec java "-Xmx${heap}" ${BENCH_JAVA_OPTS:-} -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  "$main" "${args[@]}"
