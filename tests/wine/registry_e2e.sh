#!/usr/bin/env bash
# End to end under Wine, against Wine's real registry:
#   1. the .reg file that the Linux comreg writes, imported with `wine reg import` and with
#      `wine regedit /S`, is exactly what comreg.exe verify expects; its uninstall .reg
#      removes it again;
#   2. comreg.exe install / second install (0 changes) / verify / tamper with `wine reg add`
#      (verify names the class and the value) / uninstall (verify reports it missing);
#   3. per-user scope: the keys read back with `wine reg query` hold what the plan says.
# Usage: registry_e2e.sh <linux comreg> <comreg.exe> <sample.json> <work folder>
set -euo pipefail
comreg=$1 comreg_exe=$2 sample=$3 work=$4
mkdir -p "$work"
source "$(dirname "$0")/wine_env.sh" "$work/prefix"

installdir='C:\Program Files\Fabrikam Test'
desc=$(winpath "$sample")
fail() { echo "FAIL: $*" >&2; exit 1; }
last_line() { tail -1 "$1" | tr -d '\r'; }
step() { echo "--- $*"; }

step "Linux comreg writes install and uninstall .reg files (machine scope)"
"$comreg" reg "$sample" -D "installdir=$installdir" --scope machine -o "$work/install.reg"
"$comreg" reg "$sample" -D "installdir=$installdir" --scope machine --uninstall -o "$work/uninstall.reg"

for importer in "reg import" "regedit /S"; do
  step "import with wine $importer"
  w $importer "$(winpath "$work/install.reg")" >/dev/null 2>&1 || fail "wine $importer failed"
  timeout 60 wineserver -w
  w "$comreg_exe" verify "$desc" -D "installdir=$installdir" --scope machine > "$work/verify.txt" ||
    { cat "$work/verify.txt"; fail "verify after wine $importer"; }
  grep -q "matches the description" "$work/verify.txt" || fail "verify did not match"
  w $importer "$(winpath "$work/uninstall.reg")" >/dev/null 2>&1 || fail "uninstall import failed"
  timeout 60 wineserver -w
  if w "$comreg_exe" verify "$desc" -D "installdir=$installdir" --scope machine > "$work/verify.txt"; then
    fail "verify still matches after the uninstall .reg"
  fi
  grep -q "missing key" "$work/verify.txt" || fail "verify does not report the missing keys"
done

step "comreg.exe install, reinstall, verify, tamper, uninstall (machine scope)"
w "$comreg_exe" install "$desc" -D "installdir=$installdir" --scope machine > "$work/install.txt"
w "$comreg_exe" install "$desc" -D "installdir=$installdir" --scope machine > "$work/install2.txt"
[[ "$(last_line "$work/install2.txt")" == "0 changes" ]] || fail "second install: $(last_line "$work/install2.txt")"
report "comreg.exe install: $(last_line "$work/install.txt"); second install: 0 changes"
w "$comreg_exe" verify "$desc" -D "installdir=$installdir" --scope machine > /dev/null || fail "verify after install"

clsid=$(grep -m1 -o '"clsid": "{[^"]*}"' "$sample" | grep -o '{[^}]*}')
key="HKLM\\Software\\Classes\\CLSID\\$clsid\\InprocServer32"
w reg add "$key" /v ThreadingModel /d Free /f >/dev/null 2>&1
w reg add "$key" /ve /d 'C:\elsewhere\other.dll' /f >/dev/null 2>&1
timeout 60 wineserver -w
if w "$comreg_exe" verify "$desc" -D "installdir=$installdir" --scope machine > "$work/tampered.txt"; then
  fail "verify did not notice the tampering"
fi
cat "$work/tampered.txt"
grep -q "^class $clsid" "$work/tampered.txt" || fail "the tampered class is not named"
grep -q 'ThreadingModel".*found REG_SZ "Free"' "$work/tampered.txt" || fail "threading change not reported"
grep -q 'found REG_SZ "C:\\\\elsewhere\\\\other.dll"' "$work/tampered.txt" || fail "path change not reported"
[[ "$(last_line "$work/tampered.txt")" == "2 differences" ]] || fail "exactly two differences expected"

w "$comreg_exe" uninstall "$desc" -D "installdir=$installdir" --scope machine > "$work/uninstall.txt"
tail -1 "$work/uninstall.txt"
if w "$comreg_exe" verify "$desc" -D "installdir=$installdir" --scope machine > "$work/verify.txt"; then
  fail "verify matches after uninstall"
fi
w reg query "HKLM\\Software\\Classes\\CLSID\\$clsid" >/dev/null 2>&1 && fail "the class key is still there"

step "per-user scope, read back with wine reg query"
w "$comreg_exe" install "$desc" -D "installdir=$installdir" > /dev/null
timeout 60 wineserver -w
w reg query "HKCU\\Software\\Classes\\CLSID\\$clsid\\InprocServer32" > "$work/query.txt"
grep -q "ThreadingModel" "$work/query.txt" || fail "HKCU registration not found by reg query"
w "$comreg_exe" verify "$desc" -D "installdir=$installdir" > /dev/null || fail "per-user verify"
w "$comreg_exe" uninstall "$desc" -D "installdir=$installdir" > /dev/null
report "reg import / regedit /S of comreg's .reg: verify clean, uninstall .reg removes it"
report "tampering: $(last_line "$work/tampered.txt") reported against the class"
report "per-user scope: read back with reg query, verify clean"
report "registry e2e: passed"
