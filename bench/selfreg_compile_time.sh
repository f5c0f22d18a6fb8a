#!/usr/bin/env bash
# How long a large selfreg.cpp takes to generate and to compile: the table-driven form should
# cost time in proportion to the plan, not explode with it.
# Usage: bench/selfreg_compile_time.sh [build folder] [classes]
#   (needs the Linux build with -DCOMREG_BUILD_BENCH=ON and x86_64-w64-mingw32-g++)
set -euo pipefail
build=${1:-build}
classes=${2:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/bench/make_description" "$classes" "$work/synthetic.json"
seconds() { date +%s.%N; }
t0=$(seconds)
"$build/cli/comreg" selfreg "$work/synthetic.json" --scope machine -o "$work/selfreg.cpp"
t1=$(seconds)
x86_64-w64-mingw32-g++ -O2 -Wall -Wextra -c "$work/selfreg.cpp" -o "$work/selfreg.o"
t2=$(seconds)
entries=$(grep -c '^    {k' "$work/selfreg.cpp")
printf 'classes: %s, table entries: %s, selfreg.cpp: %s\n' "$classes" "$entries" "$(du -h "$work/selfreg.cpp" | cut -f1)"
awk -v a="$t0" -v b="$t1" -v c="$t2" -v o="$(du -h "$work/selfreg.o" | cut -f1)" \
  'BEGIN { printf "generate: %.2f s, compile (-O2): %.2f s, object: %s\n", b - a, c - b, o }'
