#!/usr/bin/env bash
# Installing a 10,000-class description into a Wine registry: comreg.exe install against
# `wine reg import` of the equivalent .reg file, each in a fresh prefix, in the same run; then
# comreg.exe uninstall of it, with its journal, in the prefix it was installed into.
# Usage: bench/wine_install_vs_import.sh [build folder] [classes]
#   (needs the Linux build with bench/ and tests, which cross-builds build/windows/cli/comreg.exe)
#   COMREG_EXE=path overrides build/windows/cli/comreg.exe (to time an older build, or the
#   program as shipped: the tests' cross-build is at -O2, `cmake --preset windows` at -O3).
set -euo pipefail
build=${1:-build}
classes=${2:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
comreg=$build/cli/comreg
comreg_exe=${COMREG_EXE:-$build/windows/cli/comreg.exe}
[[ -x $comreg_exe ]] || { echo "missing $comreg_exe: build the tests (they cross-build it) first" >&2; exit 2; }

"$build/bench/make_description" "$classes" "$work/synthetic.json"
"$comreg" reg "$work/synthetic.json" -D 'installdir=C:\Program Files\Synthetic' --scope machine -o "$work/synthetic.reg"
echo "description: $(du -h "$work/synthetic.json" | cut -f1), .reg: $(du -h "$work/synthetic.reg" | cut -f1)"

fresh_prefix() {
  unset DISPLAY
  export WINEPREFIX="$work/$1" WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
  timeout 180 wine wineboot -i >/dev/null 2>&1
  timeout 60 wineserver -w
}

seconds() { date +%s.%N; }

# comreg COMMAND: comreg.exe COMMAND of the description into $work/COMMAND.txt, until wineserver
# has flushed.
comreg() {
  timeout 1800 wine "$comreg_exe" "$1" "Z:${work//\//\\}\\synthetic.json" \
    -D 'installdir=C:\Program Files\Synthetic' --scope machine > "$work/$1.txt"
  timeout 300 wineserver -w
}

fresh_prefix comreg
t0=$(seconds)
comreg install
t1=$(seconds)
changes=$(tail -1 "$work/install.txt" | tr -d '\r')
t4=$(seconds)
comreg uninstall
t5=$(seconds)
removed=$(tail -1 "$work/uninstall.txt" | tr -d '\r')
timeout 30 wineserver -k || true

fresh_prefix regimport
t2=$(seconds)
timeout 900 wine reg import "Z:${work//\//\\}\\synthetic.reg" > /dev/null 2>&1
timeout 300 wineserver -w
t3=$(seconds)
timeout 30 wineserver -k || true

awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v e="$t4" -v f="$t5" -v n="$classes" \
    -v ch="$changes" -v rm="$removed" 'BEGIN {
  install = b - a; import = d - c; uninstall = f - e;
  printf "classes: %d (%s)\n", n, ch;
  printf "comreg.exe install : %8.2f s (until wineserver has flushed)\n", install;
  printf "wine reg import    : %8.2f s\n", import;
  printf "ratio install/import: %.2f (below 1 = comreg faster)\n", install / import;
  printf "comreg.exe uninstall: %8.2f s (%s), %.2f x the install\n", uninstall, rm, uninstall / install;
}'
