#!/usr/bin/env bash
# Sourced by the Wine end-to-end tests: a fresh, console-only Wine prefix under the build
# folder, and helpers that bound every Wine process in time.
#   source wine_env.sh <prefix-folder>
# Under CTest the prefix is a copy of the one the wine:prefix fixture booted
# (COMREG_WINE_TEMPLATE, boot_prefix.sh); a script run by hand boots its own.
set -euo pipefail
unset DISPLAY
export WINEPREFIX="$1" WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
rm -rf "$WINEPREFIX"
mkdir -p "$(dirname "$WINEPREFIX")"
if [[ -n ${COMREG_WINE_TEMPLATE:-} && -s $COMREG_WINE_TEMPLATE/system.reg ]]; then
  cp -a "$COMREG_WINE_TEMPLATE" "$WINEPREFIX"
else
  bash "$(dirname "${BASH_SOURCE[0]}")/boot_prefix.sh" "$WINEPREFIX" >/dev/null
fi

# w CMD...: run a Windows program under Wine with a time bound; Windows programs end their
# lines with CRLF, which the callers' greps do not expect. Under load Wine's launcher sometimes
# fails to start a program at all ("Application could not be started … ShellExecuteEx failed:
# Internal error", seen once in 868 tests on a fresh CI run; the same step passed 3 of 3 alone):
# only that failure, before the program ran, is tried again, twice at most. The program's
# output is passed on when it ends (its standard error after its standard output).
w() {
  local out err attempt rc
  out=$(mktemp) err=$(mktemp)
  for attempt in 1 2 3; do
    { timeout 120 wine "$@" > "$out" 2> "$err"; rc=$?; } || true
    if [[ $rc -eq 0 || $attempt -eq 3 ]] || ! grep -qs "ShellExecuteEx failed" "$out" "$err"; then
      break
    fi
    echo "note: Wine could not start $1 (attempt $attempt); trying again" >&2
    sleep 1
  done
  tr -d '\r' < "$out"
  cat "$err" >&2
  rm -f "$out" "$err"
  return "$rc"
}

# report LINE: a result line, printed and kept in <work>/summary.txt (shown after the test run).
SUMMARY="$(dirname "$WINEPREFIX")/summary.txt"
: > "$SUMMARY"
report() { echo "$*" | tee -a "$SUMMARY"; }

# winpath /unix/path: the Z: drive path Wine maps it to.
winpath() { printf 'Z:%s' "${1//\//\\}"; }

# server_pids NAME: the processes of this prefix running the Windows program NAME (Wine
# processes keep WINEPREFIX in their environment; other prefixes and builds do not count).
server_pids() {
  local pid
  for pid in $(pgrep -f -- "$1" || true); do
    # grep reads the NUL-separated file itself: no pipe for an early exit to break.
    grep -qzxF "WINEPREFIX=$WINEPREFIX" "/proc/$pid/environ" 2>/dev/null && echo "$pid"
  done
  return 0
}

# wait_server_gone NAME [SECONDS]: wait until no process of this prefix runs NAME, e.g. a local
# server that COM started and that exits after its last object is released, so the next step
# starts with a fresh server. Fails loudly when one is still there after SECONDS (default 10).
wait_server_gone() {
  local name=$1 limit=${2:-10} start=$SECONDS pids
  while pids=$(server_pids "$name"); [[ -n $pids ]]; do
    if (( SECONDS - start >= limit )); then
      echo "FAIL: $name still running ${limit} s after its last client (pids:" $pids ")" >&2
      ps -o pid,etimes,args -p $pids >&2 || true
      exit 1
    fi
    sleep 0.2
  done
}

# stage_atl_binaries FOLDER: the test server, its EXE, the client and the ATL registrar client
# from FOLDER (the Windows build's tests/com) in C:\comreg atl, where the ATL tests register
# them. Sets installdir (its Windows path), unix_dir, client and registrar.
stage_atl_binaries() {
  installdir='C:\comreg atl'
  unix_dir="$WINEPREFIX/drive_c/comreg atl"
  mkdir -p "$unix_dir"
  cp "$1"/comreg_testsrv.dll "$1"/comreg_testexe.exe "$1"/comreg_testclient.exe \
     "$1"/comreg_atlregistrar.exe "$unix_dir/"
  client="$installdir\\comreg_testclient.exe"
  registrar="$installdir\\comreg_atlregistrar.exe"
}

# Ends this prefix's wineserver when the test ends, whatever happens, and removes the prefix
# when the test passed: each is a 700 MB copy of the template, and 18 of them kept after their
# tests filled a CI machine's disk (stop 34: "cp: error copying" in the 11th). A failed test's
# prefix stays for its logs; COMREG_KEEP_WINE_PREFIX=1 keeps every one.
end_prefix() {
  local rc=$?
  timeout 30 wineserver -k >/dev/null 2>&1 || true
  if [[ $rc -eq 0 && -z ${COMREG_KEEP_WINE_PREFIX:-} ]]; then
    timeout 30 wineserver -w >/dev/null 2>&1 || true  # nothing writes into it while it goes
    rm -rf "$WINEPREFIX" || true
  fi
  return "$rc"
}
trap end_prefix EXIT
