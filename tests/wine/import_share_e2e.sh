#!/usr/bin/env bash
# The share of Wine's own COM registrations that an import reproduces: a fresh prefix's
# HKLM\Software\Classes exported with `wine reg export`, imported, the description re-emitted
# as a .reg file (`comreg reg`), and the values under CLSID, Interface and TypeLib compared with
# the export value by value, as verify compares them (import_share prints the figures and the
# largest groups left out, with the import's reasons). Fails when the share falls below the
# floor reached (docs/import.md, "Wine's own classes").
# Usage: import_share_e2e.sh <linux comreg> <import_share> <work folder>
set -euo pipefail
comreg=$1 share=$2 work=$3
floor=81.0  # reached: 81.5% with proxyStub16 and classes' values/subkeys (docs/import.md)
mkdir -p "$work"
source "$(dirname "$0")/wine_env.sh" "$work/prefix"

fail() { echo "FAIL: $*" >&2; exit 1; }
w reg export 'HKLM\Software\Classes' "$(winpath "$work/classes.reg")" /y >/dev/null 2>&1 \
  || fail "wine reg export"
"$comreg" import "$work/classes.reg" --scope machine -o "$work/wine.json" > "$work/report.txt" \
  || fail "comreg import exited $?"
"$comreg" reg "$work/wine.json" --scope machine -o "$work/reemitted.reg" \
  || fail "comreg reg exited $?"
status=0
"$share" "$work/classes.reg" "$work/reemitted.reg" "$floor" > "$work/share.txt" || status=$?
cat "$work/share.txt"
[[ $status -eq 0 ]] || fail "import_share exited $status (floor $floor%)"
report "wine:import-share: $(head -1 "$work/share.txt") (floor $floor%)"
