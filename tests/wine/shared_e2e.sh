#!/usr/bin/env bash
# Under Wine: registrations of the real test server (tests/com) that share keys, installed with
# comreg.exe on the live registry (--scope machine), uninstalled in both orders, the one left
# activated. The cases of issue 13 ("what to build", item 2) each block proves:
#   versions (wine:shared)
#     - two versions sharing version-independent ProgIDs (CurVer follows), an AppID, an
#       interface, a component category and one type library version under two LCIDs: the
#       loop over runs 1, 2 and repair below;
#     - two versions of one type library (TypeLib\{libid2}\1.0 by version 1, \2.0 by version 2):
#       the other version's subtree stays byte for byte, the TypeLib key goes with the last;
#     - a foreign value overwritten by A, then by B: the default value of the ProgID
#       ComregTest.BothCalc, written with `wine reg add` before any install (each version names
#       the class its own way): after the first uninstall it is the one left's, after both the
#       foreign bytes are back.
#   views (wine:shared-views)
#     - both views of one server: version 1 installed with --view 64 and --view 32; see below.
# Versions: version 1 and version 2 of Comreg.TestServer (tests/com/comreg_test.json with the
# assembly version changed) name the same DLL and EXE, CLSIDs, ProgIDs, version-independent
# ProgIDs, AppID and interface, a component category and a type library version (LCID 0 in
# version 1, 0x409 in version 2); each installs its binaries in its own folder. Version 2,
# installed second, overwrites the server paths; each uninstall must leave the other's:
#   1. install 1 then 2: both classes activate (by CLSID, ProgID and version-independent ProgID);
#   2. uninstall one, then delete its folder, as its uninstaller would: the client activates
#      every class of the one left (from its own folder, so the paths in the registry are its
#      own), and `comreg.exe verify` passes for it;
#   3. uninstall the other: every activation is refused as not registered, and
#      `wine reg export HKLM\Software` is byte for byte the export taken before (comreg's
#      records gone too).
# Both orders, and a repair: version 1 installed again after version 2 (its paths on top again),
# then uninstalled first: version 2's paths come back and its classes activate.
# Views: Wine 8 here runs 64-bit programs only (Debian's wine32:i386 is not installed: a 32-bit
# exe does not start), but its registry has both views. Under Wine, as measured, the 32-bit view
# of HKLM\Software\Classes is HKLM\Software\Wow6432Node\Classes as a whole (ProgIDs too, where
# Windows 7 and later share them); AppID and TypeLib are shared by both views, as on Windows.
# comreg keeps the records of both views in the 64-bit view of HKLM\Software\comreg, so each
# view sees the other's claims, and asks the live store (NtQueryKey's names of the key in each
# view) whether a key the other view claims is the same key: so under Wine a view's ProgIDs and
# categories go with it, and the keys both views share stay until the last one goes.
# After one view is uninstalled, the other verifies (the shared AppID and type libraries still
# there), keeps its keys, and activates: the 64-bit view every class as above; the 32-bit view
# its local server, by CLSID with CLSCTX_ACTIVATE_32_BIT_SERVER from the 64-bit client (a 64-bit
# process loads no DLL registered there).
# Usage: shared_e2e.sh <comreg.exe> <folder of the test binaries> <work folder> [versions|views]
set -euo pipefail
comreg_exe=$1 binaries=$2 work=$3 mode=${4:-versions}
description="$(cd "$(dirname "$0")/../com" && pwd)/comreg_test.json"
mkdir -p "$work"
start=$SECONDS
source "$(dirname "$0")/wine_env.sh" "$work/prefix"
timeout 10 wineserver -p30  # one wineserver for the whole test

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "--- $*"; }

# Version N: the same server, assembly version N.0.0.0 (its own ownership record), plus what
# two products share without activation needing it: a component category, one version of a
# type library registered under LCID 0 by version 1 and 0x409 by version 2, and version N.0 of a
# second library. The Both calculator is named for its version: its ProgID's default value, which
# a foreign program set first, is overwritten by each.
libid='{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B70}' catid='{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B71}'
libid2='{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B72}'
declare -A lcid=([1]=0 [2]=409)
make_version() {  # make_version N LCID_DECIMAL > file
  head -n -1 "$description" | sed -e "s/\"version\": \"1.0.0.0\"/\"version\": \"$1.0.0.0\"/" \
    -e "s/comreg test: Both calculator/comreg test: Both calculator, version $1/"
  printf '  ,\n  "typelibs": [ { "libid": "%s", "version": "1.0", "lcid": %s,\n' "$libid" "$2"
  printf '                  "name": "comreg test library", "win64": "${installdir}\\\\comreg_testsrv.dll" },\n'
  printf '                { "libid": "%s", "version": "%s.0", "lcid": 0,\n' "$libid2" "$1"
  printf '                  "name": "comreg test library %s.0", "win64": "${installdir}\\\\comreg_testsrv.dll" } ],\n' "$1"
  printf '  "categories": [ { "catid": "%s", "description": "comreg test calculators" } ]\n}\n' "$catid"
}
make_version 1 0 > "$work/comreg_test_v1.json"
make_version 2 1033 > "$work/comreg_test_v2.json"
grep -q '"version": "2.0.0.0"' "$work/comreg_test_v2.json" && grep -q 'Both calculator, version 2' "$work/comreg_test_v2.json" \
  || fail "could not make version 2 of the description"
declare -A desc=([1]=$(winpath "$work/comreg_test_v1.json") [2]=$(winpath "$work/comreg_test_v2.json"))
# has_key KEY [VIEW]: the key exists under HKLM\Software\Classes in the live registry, in the
# 64-bit view or the one named.
has_key() { w reg query "HKLM\\Software\\Classes\\$1" "/reg:${2:-64}" >/dev/null 2>&1; }
# default_of KEY: the default value of a key under HKLM\Software\Classes (REG_SZ), or nothing.
default_of() { w reg query "HKLM\\Software\\Classes\\$1" /ve 2>/dev/null | sed -n 's/^ *(Default) *REG_SZ *//p'; }
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

# snapshot NAME [KEY]: HKLM\Software (the machine classes root and comreg's records, both views),
# or KEY, as UTF-8. Its own time bound: on a loaded machine (load 20 on 2 cores) exporting
# HKLM\Software took more than the 120 s of `w`.
snapshot() {
  rm -f "$work/export.reg"
  timeout 600 wine reg export "${2:-HKLM\\Software}" "$(winpath "$work/export.reg")" /y >/dev/null 2>&1 \
    || fail "reg export ${2:-HKLM\\Software}"
  # Without the keys Wine writes itself while programs run: it lists the machine's network
  # adapters under NetworkCards when a program first asks for them, which one fresh CI run
  # caught between the export before and the one after.
  iconv -f UTF-16 -t UTF-8 "$work/export.reg" | tr -d '\r' |
    awk '/^\[/ { skip = index($0, "\\Windows NT\\CurrentVersion\\NetworkCards") > 0 } !skip' \
      > "$work/$1.txt"
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

# The foreign value both versions overwrite: a program installed before comreg named the class.
foreign_progid='ComregTest.BothCalc' foreign_name='a foreign Both calculator'
both_name() { echo "comreg test: Both calculator, version $1"; }
check_name() {  # check_name EXPECTED WHEN
  local got; got=$(default_of "$foreign_progid")
  [[ $got == "$1" ]] || fail "$2: $foreign_progid is \"$got\", not \"$1\""
}

# Versions 1 and 2 (see the header).
versions() {
  w reg add "HKLM\\Software\\Classes\\$foreign_progid" /ve /d "$foreign_name" /f > /dev/null \
    || fail "could not write the foreign value"
  snapshot before
  for run in 1 2 repair; do
    first=${run/repair/1}
    second=$((3 - first))
    put_binaries 1
    put_binaries 2
    comreg install 1 > /dev/null
    check_name "$(both_name 1)" "version 1 installed over the foreign value"
    comreg install 2 > /dev/null
    check_name "$(both_name 2)" "version 2 installed over version 1"
    top=2
    if [[ $run == repair ]]; then
      step "install version 1, version 2, then version 1 again (a repair); uninstall version 1 first"
      comreg install 1 > /dev/null
      top=1
    else
      step "install version 1, then version 2; uninstall version $first first"
    fi
    check_name "$(both_name $top)" "version $top installed last"
    comreg verify "$top" > /dev/null || fail "version $top, installed last, does not verify"
    activate "both installed (version $top last)"
    grep -q "activated 3 classes (8 activations" "$work/client.txt" || fail "not every class activated"
    # The second library's version of the one that stays, as both installs left it.
    snapshot "lib2-both" "HKLM\\Software\\Classes\\TypeLib\\$libid2\\$second.0"

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
    # Of the second library, version $second.0 byte for byte, version $first.0 gone.
    snapshot "lib2-left" "HKLM\\Software\\Classes\\TypeLib\\$libid2\\$second.0"
    same lib2-both lib2-left "TypeLib\\$libid2\\$second.0 changed when version $first was uninstalled"
    if has_key "TypeLib\\$libid2\\$first.0"; then fail "TypeLib\\$libid2\\$first.0 stayed after version $first was uninstalled"; fi
    report "version $first uninstalled: TypeLib\\$libid2\\$second.0 byte for byte as before, $first.0 gone"
    check_name "$(both_name $second)" "version $first uninstalled"
    report "version $first uninstalled: $foreign_progid is version $second's \"$(both_name $second)\""
    activate "version $first uninstalled, version $second left"
    grep -q "activated 3 classes (8 activations" "$work/client.txt" \
      || fail "the classes of version $second do not all activate after version $first was uninstalled"
    sed 's/^/    /' "$work/client.txt" | head -n -1 | tee -a "$SUMMARY"  # each activation of the one left
    report "verify version $second: $(tail -1 "$work/verify.txt")"

    comreg uninstall "$second" > /dev/null
    activate "both uninstalled" --expect-fail
    grep -q "not registered, as expected: 3 classes" "$work/client.txt" || fail "a class is still registered"
    if has_key "TypeLib\\$libid2"; then fail "TypeLib\\$libid2 stayed after both versions were uninstalled"; fi
    check_name "$foreign_name" "both uninstalled"
    snapshot "after-$run"
    same before "after-$run" "HKLM\\Software is not as before after uninstalling $first then $second"
    report "$([[ $run == repair ]] && echo "repaired ")version $first then $second uninstalled: TypeLib\\$libid2 gone, $foreign_progid \"$foreign_name\" again, HKLM\\Software byte for byte as before"
    rm -rf "${unix_dir[$second]}"
  done
}

# Version 1 in both views, installed and uninstalled in both orders (see the header).
clsid_local='{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B63}' appid='{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B64}'
views() {
  snapshot before
  # Every install order with every uninstall order: the view installed second uninstalled first
  # (each view left once), then the view installed first uninstalled first.
  for order in 64,32:32 32,64:64 64,32:64 32,64:32; do
    local installs=${order%:*} gone=${order#*:}
    local left=$((96 - gone))
    step "install version 1 in view ${installs%,*}, then in view ${installs#*,}; uninstall view $gone first"
    put_binaries 1
    comreg install 1 --view "${installs%,*}" > /dev/null
    comreg install 1 --view "${installs#*,}" > /dev/null
    for view in 64 32; do
      comreg verify 1 --view "$view" > "$work/verify.txt" || { cat "$work/verify.txt"; fail "view $view does not verify with both installed"; }
      has_key "CLSID\\$clsid_local\\LocalServer32" "$view" || fail "view $view has no LocalServer32"
    done
    has_key "Wow6432Node\\CLSID\\$clsid_local" || fail "the 32-bit view's CLSID is not under Wow6432Node"
    activate "both views installed"
    grep -q "activated 3 classes (8 activations" "$work/client.txt" || fail "not every class activated"

    comreg uninstall 1 --view "$gone" > /dev/null
    if has_key "CLSID\\$clsid_local" "$gone"; then fail "view $gone's CLSID stayed after its uninstall"; fi
    comreg verify 1 --view "$left" > "$work/verify.txt" \
      || { cat "$work/verify.txt"; fail "view $left does not verify after view $gone was uninstalled"; }
    has_key "CLSID\\$clsid_local\\LocalServer32" "$left" || fail "view $left's LocalServer32 went with view $gone"
    has_key "AppID\\$appid" "$left" || fail "the shared AppID went with view $gone"
    report "installed in view ${installs%,*} then ${installs#*,}, view $gone uninstalled: view $left verifies ($(tail -1 "$work/verify.txt")), its CLSIDs, the shared AppID and type libraries kept"
    if [[ $left == 64 ]]; then
      activate "view $gone uninstalled, view $left left"
      grep -q "activated 3 classes (8 activations" "$work/client.txt" \
        || fail "the classes of view $left do not all activate after view $gone was uninstalled"
    else
      activate "view $gone uninstalled, view $left left" --32-bit-view
      grep -q "activated 1 classes (1 activations" "$work/client.txt" \
        || fail "the local server of view $left does not activate after view $gone was uninstalled"
    fi
    sed 's/^/    /' "$work/client.txt" | head -n -1 | tee -a "$SUMMARY"

    comreg uninstall 1 --view "$left" > /dev/null
    activate "both views uninstalled" --expect-fail
    grep -q "not registered, as expected: 3 classes" "$work/client.txt" || fail "a class is still registered"
    snapshot "after-$installs-$gone"
    same before "after-$installs-$gone" "HKLM\\Software is not as before after uninstalling view $gone then view $left"
    report "installed in view ${installs%,*} then ${installs#*,}, view $gone then view $left uninstalled: HKLM\\Software (Wow6432Node too) byte for byte as before"
    rm -rf "${unix_dir[1]}"
  done
}

case $mode in
  versions) versions ;;
  views) views ;;
  *) fail "unknown mode $mode (versions or views)" ;;
esac
report "shared e2e ($mode): passed in $((SECONDS - start)) s"
