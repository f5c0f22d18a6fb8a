#!/usr/bin/env bash
# Registry round trips of comreg.exe install against `wine reg import` of the same .reg file:
# every request the installing thread makes to wineserver (traced with `wineserver -d1`),
# counted by kind and per registry key written. Counts, unlike seconds, do not depend on the
# machine's load. Each tool gets a fresh prefix; then comreg.exe uninstall is counted in the
# prefix comreg.exe installed into (with its journal, as users run it).
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

# Runs "$@" under a traced wineserver, in the prefix $work/$1 (made fresh unless it exists);
# leaves the trace in $work/$2.trace.
traced() {
  local name=$1 label=$2
  shift 2
  unset DISPLAY
  export WINEPREFIX="$work/$name" WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
  if [[ ! -d $WINEPREFIX ]]; then
    timeout 180 wine wineboot -i >/dev/null 2>&1
    timeout 60 wineserver -w
  fi
  timeout 30 wineserver -k || true
  timeout 1800 wineserver -f -d1 2>"$work/$label.trace" &
  local server=$!
  sleep 1
  timeout 1800 wine "$@" >/dev/null 2>&1 || true
  timeout 300 wineserver -w || true
  timeout 30 wineserver -k || true
  wait "$server" || true
}

traced comreg install "$comreg_exe" install "Z:${work//\//\\}\\synthetic.json" \
  -D 'installdir=C:\Program Files\Synthetic' --scope machine
traced regimport import reg import "Z:${work//\//\\}\\synthetic.reg"
traced comreg uninstall "$comreg_exe" uninstall "Z:${work//\//\\}\\synthetic.json" \
  -D 'installdir=C:\Program Files\Synthetic' --scope machine

# The requests of the thread that writes the synthetic keys (the program's main thread).
requests() {
  local trace=$work/$1.trace thread
  thread=$(grep -m1 'Synthetic.Component0' "$trace" | cut -d: -f1)
  grep "^$thread: [a-z_]*( " "$trace" | sed "s/^$thread: //; s/(.*//" | sort | uniq -c
}
requests install >"$work/install.counts"
requests import >"$work/import.counts"
requests uninstall >"$work/uninstall.counts"

echo "classes: $classes; the .reg file has $keys keys and $values values"
awk -v keys="$keys" '
  FNR == 1 { run = FILENAME ~ /uninstall/ ? "uninstall" : FILENAME ~ /install/ ? "install" : "import" }
  { n[run, $2] = $1; total[run] += $1; kinds[$2] = 1 }
  END {
    printf "%-16s %12s %12s %12s\n", "wineserver call", "comreg.exe", "reg import", "uninstall"
    for (k in kinds) {  # the kinds a run makes at least 20 of (process start-up is the rest)
      if (n["install", k] >= 20 || n["import", k] >= 20 || n["uninstall", k] >= 20) {
        printf "%-16s %12d %12d %12d\n", k, n["install", k], n["import", k], n["uninstall", k] | "sort"
      }
    }
    close("sort")
    printf "%-16s %12d %12d %12d\n", "all (thread)", total["install"], total["import"], total["uninstall"]
    printf "%-16s %12.2f %12.2f %12.2f\n", "all per key", total["install"] / keys, total["import"] / keys, total["uninstall"] / keys
    printf "ratio comreg.exe/reg import: %.3f\n", total["install"] / total["import"]
    printf "ratio uninstall/install: %.3f\n", total["uninstall"] / total["install"]
  }' "$work/install.counts" "$work/import.counts" "$work/uninstall.counts"
