#!/usr/bin/env bash
# Issue 5's credential sync benchmark: N workers through the certificate and social-insurance
# simulators (fixed delay each), one hub process per bulkhead size.
# Usage: bench/run-credential-sync.sh [workers=10000] [delayMs=20] [bulkhead sizes...=5 10 25 50]
#        (from the repository root, after `mvn -B -DskipTests package`)
set -euo pipefail
cd "$(dirname "$0")/.."
java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  org.permithub.bench.credential.CredentialSyncBench hub/target/permit-hub.jar "${1:-10000}" "${2:-20}" "${@:3}"
