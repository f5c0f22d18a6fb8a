#!/usr/bin/env bash
# comreg verify --against hive:PATH, on a SOFTWARE hive that comreg install --hive wrote.
# Usage: verify_hive.sh <comreg> <sample.json> <work folder>
set -euo pipefail
comreg=$1 sample=$2 work=$3
mkdir -p "$work"
hive="$work/SOFTWARE"
rm -f "$hive"
fail() { echo "FAIL: $*" >&2; exit 1; }
"$comreg" install "$sample" -D 'installdir=C:\Contoso' --scope machine --hive "$hive" --create >/dev/null
"$comreg" verify "$sample" -D 'installdir=C:\Contoso' --scope machine --against "hive:$hive" \
  > "$work/match.txt" || { cat "$work/match.txt"; fail "verify of the hive did not match"; }
rc=0
"$comreg" verify "$sample" -D 'installdir=D:\Moved' --scope machine --against "hive:$hive" \
  > "$work/moved.txt" || rc=$?
cat "$work/moved.txt"
[[ $rc == 1 ]] || fail "verify with another install directory exited $rc, expected 1"
[[ $(grep -c "server path differs" "$work/moved.txt") == 2 ]] || fail "two moved servers expected"
echo "verify --against hive: passed"
