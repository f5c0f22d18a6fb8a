#!/usr/bin/env bash
# Real COM activation under Wine of the test server (tests/com), registered by comreg:
#   1. comreg.exe install --scope machine: the client activates every class by CLSID and by
#      ProgID (in process and out of process); verify passes; comreg.exe uninstall: every
#      activation fails as not registered, and verify reports each class missing;
#   2. the .reg files the Linux comreg writes, imported with `wine reg import` and with
#      `wine regedit /S`: the client activates; the uninstall .reg removes it;
#   3. registration-free: nothing registered, the manifests `comreg manifest` writes beside the
#      client: the in-process classes activate by CLSID and by ProgID.
# The binaries go to a folder whose name has spaces.
# Usage: activation_e2e.sh <linux comreg> <comreg.exe> <folder of the test binaries> <work folder>
set -euo pipefail
comreg=$1 comreg_exe=$2 binaries=$3 work=$4
description="$(cd "$(dirname "$0")/../com" && pwd)/comreg_test.json"
mkdir -p "$work"
source "$(dirname "$0")/wine_env.sh" "$work/prefix"

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "--- $*"; }
installdir='C:\comreg test servers'
unix_dir="$WINEPREFIX/drive_c/comreg test servers"
mkdir -p "$unix_dir"
cp "$binaries"/comreg_testsrv.dll "$binaries"/comreg_testexe.exe "$binaries"/comreg_testclient.exe "$unix_dir/"
client="$installdir\\comreg_testclient.exe"
desc=$(winpath "$description")

# Each client run starts with no local server of an earlier run left: the server exits after
# its last object is released, and one still exiting must not be mistaken for a registration
# (see wait_server_gone in wine_env.sh and tests/com/localserver.cpp).
expect_activation() {  # $1: label, $2...: client flags
  local label=$1; shift
  wait_server_gone comreg_testexe.exe
  w "$client" "$@" > "$work/client.txt" || { cat "$work/client.txt"; fail "$label: activation failed"; }
  report "$label: $(tail -1 "$work/client.txt")"
}
expect_not_registered() {
  local label=$1; shift
  wait_server_gone comreg_testexe.exe
  w "$client" --expect-fail "$@" > "$work/client.txt" || { cat "$work/client.txt"; fail "$label: a class is still registered"; }
  report "$label: $(tail -1 "$work/client.txt")"
}

step "nothing registered yet"
expect_not_registered "before install"

step "comreg.exe install --scope machine"
w "$comreg_exe" install "$desc" -D "installdir=$installdir" --scope machine > /dev/null
expect_activation "after comreg.exe install"
grep -q "activated 3 classes (6 activations" "$work/client.txt" || fail "not all classes activated"
w "$comreg_exe" verify "$desc" -D "installdir=$installdir" --scope machine > /dev/null || fail "verify after install"

step "comreg.exe uninstall"
w "$comreg_exe" uninstall "$desc" -D "installdir=$installdir" --scope machine > /dev/null
expect_not_registered "after comreg.exe uninstall"
grep -q "not registered, as expected: 3 classes" "$work/client.txt" || fail "expected 3 unregistered classes"
if w "$comreg_exe" verify "$desc" -D "installdir=$installdir" --scope machine > "$work/verify.txt"; then
  fail "verify passes after uninstall"
fi
for clsid in 6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B61 6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B62 6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B63; do
  grep -q "^class {$clsid}" "$work/verify.txt" || fail "verify does not report class {$clsid} missing"
done

"$comreg" reg "$description" -D "installdir=$installdir" --scope machine -o "$work/install.reg"
"$comreg" reg "$description" -D "installdir=$installdir" --scope machine --uninstall -o "$work/uninstall.reg"
for importer in "reg import" "regedit /S"; do
  step "the Linux comreg's .reg, imported with wine $importer"
  w $importer "$(winpath "$work/install.reg")" > /dev/null 2>&1 || fail "wine $importer"
  timeout 60 wineserver -w
  expect_activation "after wine $importer"
  grep -q "activated 3 classes" "$work/client.txt" || fail "not all classes activated"
  w $importer "$(winpath "$work/uninstall.reg")" > /dev/null 2>&1 || fail "wine $importer (uninstall)"
  timeout 60 wineserver -w
  expect_not_registered "after the uninstall .reg"
done

step "registration-free: manifests from the Linux comreg, nothing registered"
"$comreg" manifest "$description" -o "$unix_dir/Comreg.TestServer.manifest" 2> "$work/manifest-warnings.txt"
grep -q "not-registration-free" "$work/manifest-warnings.txt" || fail "the local server was not reported"
"$comreg" manifest "$description" --application comreg_testclient.exe -o "$unix_dir/comreg_testclient.exe.manifest"
expect_activation "registration-free" --inproc-only
grep -q "activated 2 classes (4 activations" "$work/client.txt" || fail "registration-free activation incomplete"
wait_server_gone comreg_testexe.exe
report "activation e2e: passed"
