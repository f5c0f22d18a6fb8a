#!/bin/sh
# fuzz/run.sh NAME SECONDS [BUILD]: fuzzes one harness (fuzz_NAME) for SECONDS outside CI, from
# its seed corpus, with RunFuzzer.cmake (the figures: executions, new inputs, coverage,
# crashes). BUILD is a clang build with COMREG_FUZZ=ON (default build-fuzz; configured and the
# harness built when missing). New inputs and crashes stay in BUILD/fuzz-run/NAME; add a crash
# to fuzz/corpus/NAME once fixed, so that fuzz-replay:NAME keeps it as a regression test.
set -eu
if [ $# -lt 2 ]; then
  echo "usage: fuzz/run.sh NAME SECONDS [BUILD]   (NAME: fuzz/fuzz_NAME.cpp)" >&2
  exit 2
fi
name=$1
seconds=$2
source=$(cd "$(dirname "$0")/.." && pwd)
build=${3:-$source/build-fuzz}
if [ ! -f "$source/fuzz/fuzz_$name.cpp" ]; then
  echo "fuzz/run.sh: no harness fuzz/fuzz_$name.cpp" >&2
  exit 2
fi
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$source" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCOMREG_SANITIZE=address,undefined -DCOMREG_FUZZ=ON \
    -DCOMREG_WERROR=OFF -DCOMREG_BUILD_BENCH=OFF -DCOMREG_WINE_TESTS=OFF \
    -DCOMREG_SANITIZED_TESTS=OFF >/dev/null
fi
cmake --build "$build" -j2 --target "fuzz_$name"
dict=$source/fuzz/$name.dict
[ -f "$dict" ] || dict=
exec cmake -DFUZZER="$build/fuzz/fuzz_$name" -DSEEDS="$source/fuzz/corpus/$name" \
  -DDICT="$dict" -DWORK="$build/fuzz-run/$name" -DSECONDS="$seconds" \
  -P "$source/fuzz/RunFuzzer.cmake"
