#!/usr/bin/env bash
# Benchmark: a STATIC batch over a simulated fleet end to end, from the POST until every job
# SUCCEEDED (goal for 100,000 devices: <= 120 s), commands/s and each process's CPU share.
# Usage: bench/campaign.sh [--devices=100000] [--connect-rate=2000] [--service-heap=512m]
#                          [--step-delay=1s] [--download-time=2s] [--timeout=15m]
#                          [--shared-connections=auto] [--no-build]
# A device holds an MQTT connection of its own while the fleet fits this shell's open-files limit
# (ulimit -n), which this JVM and Mosquitto share; a larger fleet rides on shared connections
# (auto: one per 2,000 devices, as gateways carry sub-devices).
# Exits 1 when not every job succeeded within --timeout.
set -euo pipefail
# raise the soft open-files limit to the hard one where it is lower (a connection per device)
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
# this JVM holds the MongoDB-protocol server (in memory) and the fleet's connections
exec "$(dirname "$0")/run-benchmark.sh" 4g io.upgradehub.bench.CampaignBenchmark "$@"
