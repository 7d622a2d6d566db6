#!/usr/bin/env bash
# Issue 2's intake benchmark: a real hub process (standalone) against a baseline without the hub.
# Usage: bench/run-intake.sh [permits] [clients]   (from the repository root, after `mvn -B -DskipTests package`)
set -euo pipefail
cd "$(dirname "$0")/.."
java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  org.permithub.bench.intake.IntakeThroughputBench hub/target/permit-hub.jar "${1:-2000}" "${2:-16}"
