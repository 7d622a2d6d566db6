#!/usr/bin/env bash
# Issue 6's benchmarks: door decisions over HTTP vs a constant endpoint on the same server, and
# alarm-to-lock latency while normal gas readings flow. A real hub process (standalone).
# Usage: bench/run-site-control.sh [rate=2000] [seconds=20] [readingsPerSecond=5000] [alarms=40]
#        (from the repository root, after `mvn -B -DskipTests package`)
set -euo pipefail
cd "$(dirname "$0")/.."
java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  org.permithub.bench.sitecontrol.SiteControlBench hub/target/permit-hub.jar \
  "${1:-2000}" "${2:-20}" "${3:-5000}" "${4:-40}"
