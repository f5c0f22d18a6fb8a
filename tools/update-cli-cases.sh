#!/usr/bin/env bash
# Rewrites the expectations of CLI case folders (tests/cli/cases/<name>/: exit, stdout, stderr,
# files/) from what the current comreg binary does, so that a deliberate change of output is a
# diff to review. stdout.match and stderr.match (regexes) and absent are edited by hand.
#   tools/update-cli-cases.sh                 every case
#   tools/update-cli-cases.sh NAME...         these cases (folder names, as in cli:NAME)
#   COMREG_BUILD_DIR=build-x tools/...        another build folder (default: build)
# The build folder must be configured with the tests; comreg is rebuilt first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${COMREG_BUILD_DIR:-$root/build}"
config="$build/tests/cli/cli-cases-config.cmake"
if [[ ! -f "$config" ]]; then
  echo "update-cli-cases: $config is missing: configure $build first" >&2
  exit 2
fi
cmake --build "$build" --target comreg

if [[ $# -eq 0 ]]; then
  names=()
  for dir in "$root"/tests/cli/cases/*/; do
    names+=("$(basename "$dir")")
  done
else
  names=("$@")
fi
for name in "${names[@]}"; do
  name="${name#cli:}"
  if [[ ! -d "$root/tests/cli/cases/$name" ]]; then
    echo "update-cli-cases: no case folder tests/cli/cases/$name" >&2
    exit 2
  fi
  cmake -DCONFIG="$config" -DCASE="$root/tests/cli/cases/$name" -DUPDATE=ON \
        -P "$root/tests/cli/RunCase.cmake"
done
echo "update-cli-cases: review the change with: git diff --stat -- tests/cli/cases; git status -- tests/cli/cases"
