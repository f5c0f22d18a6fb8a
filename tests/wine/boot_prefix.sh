#!/usr/bin/env bash
# Boots the Wine prefix that every Wine test starts from (the wine:prefix fixture): booting takes
# about 11 s, copying the booted prefix a fraction of a second. The prefix is booted beside its
# final place and renamed into it, so a test never starts from a half-booted one.
#   boot_prefix.sh <folder>
set -euo pipefail
target=$1
unset DISPLAY
export WINEPREFIX="$target.booting" WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
rm -rf "$WINEPREFIX" "$target"
mkdir -p "$(dirname "$target")"
timeout 180 wine wineboot -i >/dev/null 2>&1
# The registry files are written when the server ends: only then is the prefix complete.
timeout 60 wineserver -w
test -s "$WINEPREFIX/system.reg" || { echo "FAIL: wineboot left no system.reg in $WINEPREFIX" >&2; exit 1; }
mv "$WINEPREFIX" "$target"
echo "booted $target"
