#!/usr/bin/env bash
# The store conformance body on Win32Backend: Wine's registry, both views, through the same
# checks MemoryBackend and HiveBackend pass in the unit suite.
#   store_conformance_e2e.sh <comreg_store_conformance.exe> <work folder>
set -euo pipefail
exe=$1 work=$2
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/wine_env.sh" "$work/prefix"

set +e
w "$exe" | tee "$work/conformance.txt"
rc=${PIPESTATUS[0]}
set -e
report "store-conformance: $(tail -n 1 "$work/conformance.txt")"
exit "$rc"
