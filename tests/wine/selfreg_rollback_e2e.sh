#!/usr/bin/env bash
# The generated DllRegisterServer undoes only itself, and DllUnregisterServer removes only what
# still holds its data, against a registry that another product already uses:
#   - fault injection (selfreg.cpp built with COMREG_SELFREG_TEST_HOOKS): for every k, write k
#     of DllRegisterServer fails and HKLM\Software\Classes and HKCU\Software\Classes are byte
#     for byte as before (in one process: selfreg_rollback_driver.exe; and through
#     `wine regsvr32` against `wine reg export` for the first, a middle and the last write);
#   - regsvr32 /u after another version took over the version-independent ProgID keeps that
#     version's CurVer/CLSID, the other type library version, the shared category key and
#     foreign values;
#   - --per-user-fallback with HKLM writes denied (COMREG_SELFREG_DENY_MACHINE, Wine has no
#     ACLs): register falls back to HKCU (also every k rolled back there), regsvr32 /u removes
#     the HKCU registration, and fails while a machine registration it may not remove is left;
#   - registry links planted in a per-user registration (selfreg_links_driver.exe, with a
#     generated --scope user selfreg.cpp in the same translation unit): the rollback's tree
#     delete and DllUnregisterServer remove or keep the links and never touch the machine keys
#     they name.
# Usage: selfreg_rollback_e2e.sh <linux comreg> <mingw g++> <work folder>
set -euo pipefail
comreg=$1 cxx=$2 work=$3
here="$(cd "$(dirname "$0")" && pwd)"
description="$here/selfreg_rollback.json"
mkdir -p "$work"
started=$SECONDS

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "--- [$((SECONDS - started)) s] $*"; }

strict=(-Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wold-style-cast -Werror)
step "comreg selfreg (plain and --per-user-fallback), compiled with ${strict[*]}"
"$comreg" selfreg "$description" --scope machine -o "$work/selfreg.cpp"
"$comreg" selfreg "$description" --scope machine --per-user-fallback -o "$work/selfreg_fallback.cpp"
mkdir -p "$work/links"
"$comreg" selfreg "$description" --scope user -o "$work/links/selfreg.cpp"
printf 'LIBRARY comreg_selfreg_rollback.dll\nEXPORTS\n  DllRegisterServer PRIVATE\n  DllUnregisterServer PRIVATE\n' \
  > "$work/rollback.def"
# The keys the table names, for the driver's dumps.
sed -n 's/^ *{kKey, [^,]*, 0, L"\([^"]*\)".*/\1/p' "$work/selfreg.cpp" | sed 's/\\\\/\\/g' > "$work/keys.txt"
[ "$(wc -l < "$work/keys.txt")" -ge 10 ] || fail "no key paths found in the generated table"
# Two at a time (the compiles are most of this test's time): as shipped (no test hooks) for
# the warnings, the two DLLs with the hooks, the driver.
compiles=()
"$cxx" -std=c++11 -O1 "${strict[@]}" -c -o "$work/selfreg_plain.o" "$work/selfreg.cpp" & compiles+=($!)
"$cxx" -std=c++17 -O0 -Wall -Wextra -Werror -municode -static -static-libgcc -static-libstdc++ \
  -o "$work/selfreg_rollback_driver.exe" "$here/selfreg_rollback_driver.cpp" -ladvapi32 & compiles+=($!)
for pid in "${compiles[@]}"; do wait "$pid" || fail "compiling failed"; done
compiles=()
"$cxx" -std=c++17 -O1 "${strict[@]}" -I"$work/links" -static -static-libgcc -static-libstdc++ \
  -o "$work/selfreg_links_driver.exe" "$here/selfreg_links_driver.cpp" -ladvapi32 & compiles+=($!)
for variant in selfreg selfreg_fallback; do
  mkdir -p "$work/$variant"
  "$cxx" -std=c++17 -O1 -shared "${strict[@]}" -DCOMREG_SELFREG_TEST_HOOKS -static -static-libgcc \
    -o "$work/$variant/comreg_selfreg_rollback.dll" "$work/$variant.cpp" "$work/rollback.def" -ladvapi32 &
  compiles+=($!)
done
for pid in "${compiles[@]}"; do wait "$pid" || fail "compiling a DLL failed"; done

source "$here/wine_env.sh" "$work/prefix"
plain_dir='C:\comreg rollback' fallback_dir='C:\comreg fallback'
mkdir -p "$WINEPREFIX/drive_c/comreg rollback" "$WINEPREFIX/drive_c/comreg fallback"
cp "$work/selfreg/comreg_selfreg_rollback.dll" "$work/selfreg_rollback_driver.exe" "$work/keys.txt" \
  "$WINEPREFIX/drive_c/comreg rollback/"
cp "$work/selfreg_fallback/comreg_selfreg_rollback.dll" "$WINEPREFIX/drive_c/comreg fallback/"
cp "$work/selfreg_links_driver.exe" "$WINEPREFIX/drive_c/"
plain="$plain_dir\\comreg_selfreg_rollback.dll" fallback="$fallback_dir\\comreg_selfreg_rollback.dll"
driver() { w "$plain_dir\\selfreg_rollback_driver.exe" "$1" "$plain_dir\\keys.txt"; }

clsid='{5B0E7C21-8D3A-4F6B-9E12-7A4C3D2B1E02}' libid='{5B0E7C21-8D3A-4F6B-9E12-7A4C3D2B1E10}'
catid='{5B0E7C21-8D3A-4F6B-9E12-7A4C3D2B1E20}'
step "pre-populate: version 1's ProgIDs and type library, a category with a foreign value"
prepopulate() {  # prepopulate HIVE: what an earlier version of the product left in HIVE
  local c="$1\\Software\\Classes"
  cat <<EOF
[$c\\ComregRollback.Widget]
@="comreg rollback test 1"

[$c\\ComregRollback.Widget\\CurVer]
@="ComregRollback.Widget.1"

[$c\\ComregRollback.Widget\\CLSID]
@="{5B0E7C21-8D3A-4F6B-9E12-7A4C3D2B1E01}"

[$c\\TypeLib\\$libid\\1.0]
@="comreg rollback test 1.0 type library"

[$c\\TypeLib\\$libid\\1.0\\0\\win64]
@="C:\\\\old\\\\rollback1.dll"

[$c\\TypeLib\\$libid\\1.0\\FLAGS]
@="0"

[$c\\Component Categories\\$catid]
"409"="comreg rollback test controls"
"407"="Steuerelemente des comreg-Tests"

EOF
}
{ printf 'Windows Registry Editor Version 5.00\r\n\r\n'
  { prepopulate HKEY_LOCAL_MACHINE; prepopulate HKEY_CURRENT_USER; } | sed 's/$/\r/'; } > "$work/prepopulate.reg"
w reg import "$(winpath "$work/prepopulate.reg")" || fail "reg import of the pre-populated registry failed"

export_classes() {  # export_classes FILE: HKLM and HKCU classes as `wine reg export` writes them
  timeout 60 wineserver -w
  w reg export 'HKLM\Software\Classes' "$(winpath "$1.hklm")" /y >/dev/null || fail "reg export HKLM"
  w reg export 'HKCU\Software\Classes' "$(winpath "$1.hkcu")" /y >/dev/null || fail "reg export HKCU"
}
same_export() { cmp -s "$1.hklm" "$2.hklm" && cmp -s "$1.hkcu" "$2.hkcu"; }

step "every write of DllRegisterServer made to fail, in one process"
driver "$plain" > "$work/driver.txt" || { cat "$work/driver.txt"; fail "a failed DllRegisterServer changed the registry"; }
writes=$(sed -n 's/^\([0-9]*\) writes: .*/\1/p' "$work/driver.txt")
[ -n "$writes" ] && [ "$writes" -ge 10 ] || { cat "$work/driver.txt"; fail "too few writes counted"; }
grep -qx "registered in: HKLM" "$work/driver.txt" || { cat "$work/driver.txt"; fail "the registration is not in HKLM only"; }
report "selfreg rollback: $(tail -1 "$work/driver.txt")"
w regsvr32 /u /s "$plain" || fail "regsvr32 /u after the driver's registration failed"
export_classes "$work/clean"

step "wine regsvr32 with write 1 and $writes failing, against wine reg export of all the classes"
for k in 1 "$writes"; do
  if COMREG_SELFREG_FAIL_AT=$k w regsvr32 /s "$plain"; then fail "regsvr32 succeeded with write $k failing"; fi
  export_classes "$work/after-$k"
  same_export "$work/clean" "$work/after-$k" || {
    diff <(iconv -f UTF-16LE -t UTF-8 "$work/clean.hklm") <(iconv -f UTF-16LE -t UTF-8 "$work/after-$k.hklm") | head -20
    fail "regsvr32 with write $k failing left HKLM\\Software\\Classes changed"; }
done
report "selfreg rollback: wine regsvr32 with write 1, $writes failing: exit non-zero, wine reg export of HKLM and HKCU\\Software\\Classes byte for byte as before"

step "regsvr32, then version 3 takes over the version-independent ProgID, then regsvr32 /u"
w regsvr32 /s "$plain" || fail "regsvr32 failed"
m='HKLM\Software\Classes'
w reg add "$m\\ComregRollback.Widget\\CurVer" /ve /d ComregRollback.Widget.3 /f >/dev/null
w reg add "$m\\ComregRollback.Widget\\CLSID" /ve /d '{5B0E7C21-8D3A-4F6B-9E12-7A4C3D2B1E03}' /f >/dev/null
w reg add "$m\\CLSID\\$clsid" /v Foreign /d 'added by someone else' /f >/dev/null
w regsvr32 /u /s "$plain" || fail "regsvr32 /u failed"
timeout 60 wineserver -w
query() { w reg query "$@" 2>/dev/null; }
grep -q 'ComregRollback.Widget.3' <<<"$(query "$m\\ComregRollback.Widget\\CurVer")" || fail "version 3's CurVer was removed"
grep -q '1E03}' <<<"$(query "$m\\ComregRollback.Widget\\CLSID")" || fail "version 3's CLSID was removed"
grep -q 'rollback1.dll' <<<"$(query "$m\\TypeLib\\$libid\\1.0\\0\\win64")" || fail "type library version 1.0 was removed"
if query "$m\\TypeLib\\$libid\\2.0" >/dev/null; then fail "type library version 2.0 is still registered"; fi
grep -q '407' <<<"$(query "$m\\Component Categories\\$catid")" || fail "the category's foreign value was removed"
if query "$m\\ComregRollback.Widget.2" >/dev/null; then fail "ProgID ComregRollback.Widget.2 is still registered"; fi
query "$m\\CLSID\\$clsid" > "$work/clsid.txt" || fail "the class key holding a foreign value was deleted"
grep -q Foreign "$work/clsid.txt" || fail "the foreign value in the class key was removed"
if query "$m\\CLSID\\$clsid\\InprocServer32" >/dev/null; then fail "InprocServer32 is still registered"; fi
report "selfreg unregister: version 3's CurVer and CLSID, type library 1.0, the category and foreign values kept; version 2's ProgID, class subkeys and type library 2.0 removed"

step "--per-user-fallback with HKLM writes denied: every write failing in HKCU, then regsvr32"
w reg delete "$m\\CLSID\\$clsid" /f >/dev/null
COMREG_SELFREG_DENY_MACHINE=1 driver "$fallback" > "$work/driver-fallback.txt" || {
  cat "$work/driver-fallback.txt"; fail "a failed per-user DllRegisterServer changed the registry"; }
grep -qx "registered in: HKCU" "$work/driver-fallback.txt" || {
  cat "$work/driver-fallback.txt"; fail "the fallback registration is not in HKCU only"; }
report "selfreg per-user fallback: $(tail -1 "$work/driver-fallback.txt")"
u='HKCU\Software\Classes'
grep -q 'comreg fallback' <<<"$(query "$u\\CLSID\\$clsid\\InprocServer32")" || fail "the fallback did not register in HKCU"
COMREG_SELFREG_DENY_MACHINE=1 w regsvr32 /u /s "$fallback" || fail "regsvr32 /u of the per-user registration failed"
timeout 60 wineserver -w
if query "$u\\CLSID\\$clsid" >/dev/null; then fail "regsvr32 /u left the HKCU registration"; fi
grep -q 'ComregRollback.Widget.2' <<<"$(query "$u\\ComregRollback.Widget\\CurVer")" && fail "HKCU CurVer still names version 2"
report "selfreg per-user fallback: HKLM denied -> registered in HKCU only; regsvr32 /u removed it"

step "registered in both roots, HKLM denied: regsvr32 /u must not report success"
w regsvr32 /s "$fallback" || fail "regsvr32 (machine) failed"
COMREG_SELFREG_DENY_MACHINE=1 w regsvr32 /s "$fallback" || fail "regsvr32 (per-user fallback) failed"
if COMREG_SELFREG_DENY_MACHINE=1 w regsvr32 /u /s "$fallback"; then
  fail "regsvr32 /u returned success while the machine registration is still there"
fi
query "$m\\CLSID\\$clsid\\InprocServer32" >/dev/null || fail "the machine registration went although HKLM was denied"
if query "$u\\CLSID\\$clsid" >/dev/null; then fail "the HKCU registration was not removed"; fi
w regsvr32 /u /s "$fallback" || fail "regsvr32 /u (machine) failed"
if query "$m\\CLSID\\$clsid" >/dev/null; then fail "the machine registration is still there"; fi
COMREG_SELFREG_DENY_MACHINE=1 w regsvr32 /u /s "$fallback" || fail "regsvr32 /u of nothing failed"
report "selfreg per-user fallback: regsvr32 /u with HKLM denied fails while HKLM holds the registration (HKCU removed), succeeds when nothing is left"
step "links planted in a per-user registration: the rollback's tree delete and regsvr32 /u"
w 'C:\selfreg_links_driver.exe' > "$work/links.txt" 2>&1 || { cat "$work/links.txt"; fail "a planted link was followed"; }
report "selfreg links: $(tail -1 "$work/links.txt"): a link in a deleted tree or in a key's place goes or stays, the machine key it names keeps its value and subkey"
report "selfreg rollback e2e: passed in $((SECONDS - started)) s"
