#!/usr/bin/env bash
# Registry round trips of comreg.exe install against `wine reg import` of the same .reg file:
# every request the installing thread makes to wineserver (traced with `wineserver -d1`),
# counted by kind and per registry key written. Counts, unlike seconds, do not depend on the
# machine's load. Each run gets a fresh prefix.
# Usage: bench/wine_registry_calls.sh [build folder] [classes]
#   COMREG_EXE=path overrides build/windows/cli/comreg.exe (to count an older build).
set -euo pipefail
build=${1:-build}
classes=${2:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
comreg=$build/cli/comreg
comreg_exe=${COMREG_EXE:-$build/windows/cli/comreg.exe}
[[ -f $comreg_exe ]] || { echo "missing $comreg_exe: build the comreg_windows target first" >&2; exit 2; }

"$build/bench/make_description" "$classes" "$work/synthetic.json"
"$comreg" reg "$work/synthetic.json" -D 'installdir=C:\Program Files\Synthetic' --scope machine -o "$work/synthetic.reg"
keys=$(iconv -f UTF-16 -t UTF-8 "$work/synthetic.reg" | grep -c '^\[')
values=$(iconv -f UTF-16 -t UTF-8 "$work/synthetic.reg" | grep -c '^[@"]')

# Runs "$@" in a fresh prefix under a traced wineserver; leaves the trace in $work/$1.trace.
traced() {
  local name=$1
  shift
  unset DISPLAY
  export WINEPREFIX="$work/$name" WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
  timeout 180 wine wineboot -i >/dev/null 2>&1
  timeout 60 wineserver -w
  timeout 30 wineserver -k || true
  timeout 900 wineserver -f -d1 2>"$work/$name.trace" &
  local server=$!
  sleep 1
  timeout 900 wine "$@" >/dev/null 2>&1 || true
  timeout 300 wineserver -w || true
  timeout 30 wineserver -k || true
  wait "$server" || true
}

traced install "$comreg_exe" install "Z:${work//\//\\}\\synthetic.json" \
  -D 'installdir=C:\Program Files\Synthetic' --scope machine
traced import reg import "Z:${work//\//\\}\\synthetic.reg"

# The requests of the thread that writes the synthetic keys (the program's main thread).
requests() {
  local trace=$work/$1.trace thread
  thread=$(grep -m1 'Synthetic.Component0' "$trace" | cut -d: -f1)
  grep "^$thread: [a-z_]*( " "$trace" | sed "s/^$thread: //; s/(.*//" | sort | uniq -c
}
requests install >"$work/install.counts"
requests import >"$work/import.counts"

echo "classes: $classes; the .reg file has $keys keys and $values values"
awk -v keys="$keys" '
  FNR == 1 { run = FILENAME ~ /install/ ? "install" : "import" }
  { n[run, $2] = $1; total[run] += $1; kinds[$2] = 1 }
  END {
    printf "%-16s %12s %12s\n", "wineserver call", "comreg.exe", "reg import"
    for (k in kinds) {  # the kinds either run makes at least 20 of (process start-up is the rest)
      if (n["install", k] >= 20 || n["import", k] >= 20) {
        printf "%-16s %12d %12d\n", k, n["install", k], n["import", k] | "sort"
      }
    }
    close("sort")
    printf "%-16s %12d %12d\n", "all (thread)", total["install"], total["import"]
    printf "%-16s %12.2f %12.2f\n", "all per key", total["install"] / keys, total["import"] / keys
    printf "ratio comreg.exe/reg import: %.3f\n", total["install"] / total["import"]
  }' "$work/install.counts" "$work/import.counts"
