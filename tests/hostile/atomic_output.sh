#!/usr/bin/env bash
# Outputs are replaced atomically: a failed or interrupted run leaves the target as it was
# (absent, or with its old content) and no temporary sibling behind.
#   atomic_output.sh <comreg> <samples dir> <data dir> <scratch dir>
set -uo pipefail
set -m  # job control: background jobs get SIGINT like a foreground command would
comreg=$1 samples=$2 data=$3 work=$4
rm -rf "$work" && mkdir -p "$work"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
no_temp_left() {  # $1: what was done
  local stray
  stray=$(find "$work" -name '.*.comreg-*.tmp')
  [[ -z $stray ]] || fail "$1: temporary file left: $stray"
}
define='installdir=C:\Program Files\Contoso'

# A description with an error: the old file stays, byte for byte.
printf 'old content\n' > "$work/out.reg"
"$comreg" reg "$data/bad-clsid.json" -D "$define" -o "$work/out.reg" 2>/dev/null
rc=$?
[[ $rc == 1 ]] || fail "invalid description: exit $rc, expected 1"
[[ $(cat "$work/out.reg") == "old content" ]] || fail "invalid description: old file changed"
no_temp_left "invalid description"

# The rename fails (the target is a folder): exit 2, folder untouched, temporary file removed.
mkdir -p "$work/folder.reg/inside"
"$comreg" reg "$samples/contoso-widgets.json" -D "$define" -o "$work/folder.reg" 2>"$work/err"
rc=$?
[[ $rc == 2 ]] || fail "target is a folder: exit $rc, expected 2"
grep -q "comreg: error: cannot replace" "$work/err" || fail "target is a folder: no error: $(cat "$work/err")"
[[ -d $work/folder.reg/inside ]] || fail "target is a folder: folder changed"
no_temp_left "target is a folder"

# Interrupted between writing the temporary file and the rename, by SIGTERM and by SIGINT.
for signal in TERM INT; do
  printf 'old content\n' > "$work/out.reg"
  COMREG_TEST_HOLD_OUTPUT_MS=20000 "$comreg" reg "$samples/contoso-widgets.json" -D "$define" \
    -o "$work/out.reg" &
  pid=$!
  # Wait until the temporary file is complete and comreg is holding before the rename.
  for _ in $(seq 1 200); do
    [[ -n $(find "$work" -name '.out.reg.comreg-*.tmp' -size +1k) ]] && break
    sleep 0.05
  done
  [[ -n $(find "$work" -name '.out.reg.comreg-*.tmp') ]] || fail "SIG$signal: no temporary file seen"
  kill -s "$signal" "$pid"
  wait "$pid"
  rc=$?
  [[ $rc -ge 128 ]] || fail "SIG$signal: exit $rc, expected death by the signal"
  [[ $(cat "$work/out.reg") == "old content" ]] || fail "SIG$signal: old file changed"
  no_temp_left "SIG$signal"
done

# Without interruption the same run replaces the file whole.
"$comreg" reg "$samples/contoso-widgets.json" -D "$define" -o "$work/out.reg" || fail "success run failed"
"$comreg" reg "$samples/contoso-widgets.json" -D "$define" > "$work/expected.reg"
cmp -s "$work/out.reg" "$work/expected.reg" || fail "success run: file differs from stdout output"
no_temp_left "success run"

# The output's name is a link someone planted (the folder is theirs to write; comreg may run
# elevated): the link is replaced by the new file, what it points to is left alone.
printf 'precious\n' > "$work/victim"
ln -s "$work/victim" "$work/planted.reg"
"$comreg" reg "$samples/contoso-widgets.json" -D "$define" -o "$work/planted.reg" || fail "planted link: run failed"
[[ $(cat "$work/victim") == precious ]] || fail "planted link: written through to what it points to"
[[ ! -L $work/planted.reg ]] && cmp -s "$work/planted.reg" "$work/expected.reg" \
  || fail "planted link: not replaced by the output"
no_temp_left "planted link"

# A private file replaced stays private.
chmod 600 "$work/out.reg"
"$comreg" reg "$samples/contoso-widgets.json" -D "$define" -o "$work/out.reg" || fail "private file: run failed"
[[ $(stat -c %a "$work/out.reg") == 600 ]] || fail "private file: now $(stat -c %a "$work/out.reg"), was 600"

if ((failures > 0)); then
  echo "$failures failure(s)"
  exit 1
fi
echo "atomic outputs: failed and interrupted runs left old content and no temporary file"
