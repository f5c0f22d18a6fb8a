#!/usr/bin/env bash
# Under Wine: two registrations of the real test server (tests/com) that share keys, installed
# with comreg.exe on the live registry, uninstalled in both orders, and the one left activated.
# Version 1 and version 2 of Comreg.TestServer (tests/com/comreg_test.json with the assembly
# version changed) name the same DLL and EXE, CLSIDs, ProgIDs, version-independent ProgIDs,
# AppID and interface, a component category and a type library version (LCID 0 in version 1,
# 0x409 in version 2); each installs its binaries in its own folder. Version 2, installed
# second, overwrites the server paths; each uninstall must leave the other's:
#   1. install 1 then 2: both classes activate (by CLSID, ProgID and version-independent ProgID);
#   2. uninstall one, then delete its folder, as its uninstaller would: the client activates
#      every class of the one left (from its own folder, so the paths in the registry are its
#      own), and `comreg.exe verify` passes for it;
#   3. uninstall the other: every activation is refused as not registered, and
#      `wine reg export HKLM\Software` is byte for byte the export taken before (comreg's
#      records gone too).
# Both orders, and a repair: version 1 installed again after version 2 (its paths on top again),
# then uninstalled first: version 2's paths come back and its classes activate. Usage: shared_e2e.sh <comreg.exe> <folder of the test binaries> <work folder>
set -euo pipefail
comreg_exe=$1 binaries=$2 work=$3
description="$(cd "$(dirname "$0")/../com" && pwd)/comreg_test.json"
mkdir -p "$work"
start=$SECONDS
source "$(dirname "$0")/wine_env.sh" "$work/prefix"
timeout 10 wineserver -p30  # one wineserver for the whole test

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "--- $*"; }

# Version N: the same server, assembly version N.0.0.0 (its own ownership record), plus what
# two products share without activation needing it: a component category, and one version of a
# type library registered under LCID 0 by version 1 and 0x409 by version 2.
libid='{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B70}' catid='{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B71}'
declare -A lcid=([1]=0 [2]=409)
make_version() {  # make_version N LCID_DECIMAL > file
  head -n -1 "$description" | sed "s/\"version\": \"1.0.0.0\"/\"version\": \"$1.0.0.0\"/"
  printf '  ,\n  "typelibs": [ { "libid": "%s", "version": "1.0", "lcid": %s,\n' "$libid" "$2"
  printf '                  "name": "comreg test library", "win64": "${installdir}\\\\comreg_testsrv.dll" } ],\n'
  printf '  "categories": [ { "catid": "%s", "description": "comreg test calculators" } ]\n}\n' "$catid"
}
make_version 1 0 > "$work/comreg_test_v1.json"
make_version 2 1033 > "$work/comreg_test_v2.json"
grep -q '"version": "2.0.0.0"' "$work/comreg_test_v2.json" || fail "could not make version 2 of the description"
declare -A desc=([1]=$(winpath "$work/comreg_test_v1.json") [2]=$(winpath "$work/comreg_test_v2.json"))
# has_key KEY: the key exists under HKLM\Software\Classes in the live registry.
has_key() { w reg query "HKLM\\Software\\Classes\\$1" >/dev/null 2>&1; }
declare -A dir=([1]='C:\comreg shared\version 1' [2]='C:\comreg shared\version 2')
declare -A unix_dir=([1]="$WINEPREFIX/drive_c/comreg shared/version 1"
                     [2]="$WINEPREFIX/drive_c/comreg shared/version 2")
client_dir="$WINEPREFIX/drive_c/comreg shared/client"
mkdir -p "$client_dir"
cp "$binaries"/comreg_testclient.exe "$client_dir/"
client='C:\comreg shared\client\comreg_testclient.exe'
put_binaries() {
  mkdir -p "${unix_dir[$1]}"
  cp "$binaries"/comreg_testsrv.dll "$binaries"/comreg_testexe.exe "${unix_dir[$1]}/"
}
comreg() {  # comreg VERB VERSION [options]
  local verb=$1 v=$2; shift 2
  w "$comreg_exe" "$verb" "${desc[$v]}" -D "installdir=${dir[$v]}" --scope machine "$@"
}

# snapshot NAME: HKLM\Software (the machine classes root and comreg's records), as UTF-8.
snapshot() {
  rm -f "$work/export.reg"
  w reg export 'HKLM\Software' "$(winpath "$work/export.reg")" /y >/dev/null 2>&1 || fail "reg export"
  iconv -f UTF-16 -t UTF-8 "$work/export.reg" | tr -d '\r' > "$work/$1.txt"
}
same() { cmp -s "$work/$1.txt" "$work/$2.txt" || { diff "$work/$1.txt" "$work/$2.txt" | head -20; fail "$3"; }; }

# activate LABEL [--expect-fail]: the client, every class by CLSID, ProgID and version-independent
# ProgID; its last line goes into the test output.
activate() {
  local label=$1; shift
  wait_server_gone comreg_testexe.exe
  w "$client" --version-independent "$@" > "$work/client.txt" \
    || { cat "$work/client.txt"; fail "$label: the client did not get what it expected"; }
  report "$label: $(tail -1 "$work/client.txt")"
}

snapshot before
for run in 1 2 repair; do
  first=${run/repair/1}
  second=$((3 - first))
  put_binaries 1
  put_binaries 2
  comreg install 1 > /dev/null
  comreg install 2 > /dev/null
  top=2
  if [[ $run == repair ]]; then
    step "install version 1, version 2, then version 1 again (a repair); uninstall version 1 first"
    comreg install 1 > /dev/null
    top=1
  else
    step "install version 1, then version 2; uninstall version $first first"
  fi
  comreg verify "$top" > /dev/null || fail "version $top, installed last, does not verify"
  activate "both installed (version $top last)"
  grep -q "activated 3 classes (8 activations" "$work/client.txt" || fail "not every class activated"

  comreg uninstall "$first" > "$work/uninstall-first.txt"
  wait_server_gone comreg_testexe.exe
  rm -rf "${unix_dir[$first]}"  # its uninstaller takes its files too
  comreg verify "$second" > "$work/verify.txt" || { cat "$work/verify.txt"; fail "version $second does not verify after version $first was uninstalled"; }
  # The paths are the one left's: the one gone no longer verifies.
  if comreg verify "$first" > /dev/null 2>&1; then fail "version $first still verifies after its uninstall"; fi
  # The shared category stays; of the type library version, only the LCID of the one left.
  has_key "Component Categories\\$catid" || fail "the shared category went with version $first"
  has_key "TypeLib\\$libid\\1.0\\${lcid[$second]}\\win64" || fail "version $second's LCID went with version $first"
  if has_key "TypeLib\\$libid\\1.0\\${lcid[$first]}"; then fail "version $first's LCID stayed"; fi
  report "version $first uninstalled: category and type library 1.0 kept, LCID ${lcid[$second]} left, LCID ${lcid[$first]} gone"
  activate "version $first uninstalled, version $second left"
  grep -q "activated 3 classes (8 activations" "$work/client.txt" \
    || fail "the classes of version $second do not all activate after version $first was uninstalled"
  sed 's/^/    /' "$work/client.txt" | head -n -1 | tee -a "$SUMMARY"  # each activation of the one left
  report "verify version $second: $(tail -1 "$work/verify.txt")"

  comreg uninstall "$second" > /dev/null
  activate "both uninstalled" --expect-fail
  grep -q "not registered, as expected: 3 classes" "$work/client.txt" || fail "a class is still registered"
  snapshot "after-$run"
  same before "after-$run" "HKLM\\Software is not as before after uninstalling $first then $second"
  report "$([[ $run == repair ]] && echo "repaired ")version $first then $second uninstalled: HKLM\\Software byte for byte as before"
  rm -rf "${unix_dir[$second]}"
done
report "shared e2e: passed in $((SECONDS - start)) s"
