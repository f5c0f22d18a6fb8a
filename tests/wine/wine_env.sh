#!/usr/bin/env bash
# Sourced by the Wine end-to-end tests: a fresh, console-only Wine prefix under the build
# folder, and helpers that bound every Wine process in time.
#   source wine_env.sh <prefix-folder>
set -euo pipefail
unset DISPLAY
export WINEPREFIX="$1" WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
rm -rf "$WINEPREFIX"
mkdir -p "$(dirname "$WINEPREFIX")"
timeout 180 wine wineboot -i >/dev/null 2>&1
timeout 60 wineserver -w

# w CMD...: run a Windows program under Wine with a time bound; Windows programs end their
# lines with CRLF, which the callers' greps do not expect.
w() { timeout 120 wine "$@" | tr -d '\r'; return "${PIPESTATUS[0]}"; }

# report LINE: a result line, printed and kept in <work>/summary.txt (shown after the test run).
SUMMARY="$(dirname "$WINEPREFIX")/summary.txt"
: > "$SUMMARY"
report() { echo "$*" | tee -a "$SUMMARY"; }

# winpath /unix/path: the Z: drive path Wine maps it to.
winpath() { printf 'Z:%s' "${1//\//\\}"; }

# Ends this prefix's wineserver when the test ends, whatever happens.
trap 'timeout 30 wineserver -k >/dev/null 2>&1 || true' EXIT
