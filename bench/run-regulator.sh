#!/usr/bin/env bash
# Issue 7's live-status benchmark: a real hub process (standalone) with 1,000,000 actions stored,
# the regulator's live-status query at a constant rate next to a bare endpoint of the same server.
# Usage: bench/run-regulator.sh [requests-per-second=1000] [seconds=30] [actions=1000000]
#        (from the repository root, after `mvn -B -DskipTests package`)
set -euo pipefail
cd "$(dirname "$0")/.."
java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  org.permithub.bench.regulator.LiveStatusBench hub/target/permit-hub.jar "${1:-1000}" "${2:-30}" "${3:-1000000}"
