#!/usr/bin/env bash
# regsvr32 round trip of the test server (tests/com) built with the selfreg.cpp that
# `comreg selfreg` generates from tests/com/comreg_test.json:
#   wine regsvr32 /s: the client activates every class by CLSID and ProgID (in process and,
#   through the LocalServer32 the DLL registered, out of process) and `comreg.exe verify`
#   finds the registration exact; wine regsvr32 /u /s: every activation fails as not
#   registered and verify reports each class missing.
# The DLL is in a folder whose name has a space, so ${installdir} comes from the DLL's own
# path at run time and LocalServer32 must be quoted as comreg quotes it.
# Usage: selfreg_e2e.sh <linux comreg> <comreg.exe> <folder of the test binaries> <mingw g++> <work folder>
set -euo pipefail
comreg=$1 comreg_exe=$2 binaries=$3 cxx=$4 work=$5
com="$(cd "$(dirname "$0")/../com" && pwd)"
description="$com/comreg_test.json"
mkdir -p "$work"

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "--- $*"; }

step "comreg selfreg, compiled into the test server with mingw-w64 (-Wall -Wextra -Werror)"
"$comreg" selfreg "$description" --scope machine -o "$work/selfreg.cpp"
"$cxx" -O1 -shared -Wall -Wextra -Werror -static -static-libgcc -static-libstdc++ \
  -o "$work/comreg_testsrv.dll" "$com/server.cpp" "$work/selfreg.cpp" "$com/server_selfreg.def" \
  -lole32 -luuid -ladvapi32

source "$(dirname "$0")/wine_env.sh" "$work/prefix"
installdir='C:\comreg selfreg'
unix_dir="$WINEPREFIX/drive_c/comreg selfreg"
mkdir -p "$unix_dir"
cp "$work/comreg_testsrv.dll" "$binaries"/comreg_testexe.exe "$binaries"/comreg_testclient.exe "$unix_dir/"
client="$installdir\\comreg_testclient.exe"
dll="$installdir\\comreg_testsrv.dll"
desc=$(winpath "$description")

verify() { w "$comreg_exe" verify "$desc" -D "installdir=$installdir" --scope machine > "$work/verify.txt"; }

step "nothing registered yet"
w "$client" --expect-fail > "$work/client.txt" || { cat "$work/client.txt"; fail "a class is registered before regsvr32"; }

step "wine regsvr32 /s"
w regsvr32 /s "$dll" || fail "regsvr32 failed"
timeout 60 wineserver -w
w "$client" > "$work/client.txt" || { cat "$work/client.txt"; fail "activation after regsvr32 failed"; }
grep -q "activated 3 classes (6 activations" "$work/client.txt" || { cat "$work/client.txt"; fail "not all classes activated"; }
report "after wine regsvr32: $(tail -1 "$work/client.txt")"
verify || { cat "$work/verify.txt"; fail "comreg.exe verify disagrees with what regsvr32 registered"; }
report "after wine regsvr32: comreg.exe verify: $(tail -1 "$work/verify.txt")"

step "wine regsvr32 /u /s"
w regsvr32 /u /s "$dll" || fail "regsvr32 /u failed"
timeout 60 wineserver -w
wait_server_gone comreg_testexe.exe  # the local server of the activation above has exited
w "$client" --expect-fail > "$work/client.txt" || { cat "$work/client.txt"; fail "a class is still registered after regsvr32 /u"; }
grep -q "not registered, as expected: 3 classes" "$work/client.txt" || fail "expected 3 unregistered classes"
report "after wine regsvr32 /u: $(tail -1 "$work/client.txt")"
if verify; then fail "verify passes after regsvr32 /u"; fi
for clsid in 6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B61 6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B62 6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B63; do
  grep -q "^class {$clsid}" "$work/verify.txt" || { cat "$work/verify.txt"; fail "verify does not report class {$clsid} missing"; }
done
report "after wine regsvr32 /u: comreg.exe verify reports the 3 classes missing"
report "selfreg e2e: passed"
