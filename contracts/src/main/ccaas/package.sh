#!/usr/bin/env bash
# Builds the chaincode-as-a-service install package: a tar.gz holding metadata.json and code.tar.gz,
# where code.tar.gz holds only connection.json (the peer dials the running chaincode; no code is shipped).
# Usage: package.sh [output-file]   (default: permitanchor.tar.gz in the current directory)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-permitanchor.tar.gz}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

tar -C "$here" -czf "$work/code.tar.gz" connection.json
cp "$here/metadata.json" "$work/metadata.json"
tar -C "$work" -czf "$out" metadata.json code.tar.gz
echo "wrote $out"
