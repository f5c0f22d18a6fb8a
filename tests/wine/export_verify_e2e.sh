#!/usr/bin/env bash
# End to end with Wine's real `reg export` output, verified by the Linux comreg:
#   1. comreg's .reg, imported with `wine reg import`, exported again with `wine reg export`
#      (HKLM\Software\Classes, and the merged HKCR view), matches: verify --against exits 0;
#   2. tampered with `wine reg add` (ThreadingModel, a server moved elsewhere, a type library
#      registered to another file, a ProgID's CLSID pointing to another class, a CurVer pointing
#      elsewhere) and exported again, each drift is reported as its own kind, exit 1;
#   3. a truncated export is a located error, exit 2.
# Usage: export_verify_e2e.sh <linux comreg> <sample.json (inproc-typelib)> <work folder>
set -euo pipefail
comreg=$1 sample=$2 work=$3
mkdir -p "$work"
source "$(dirname "$0")/wine_env.sh" "$work/prefix"

installdir='C:\Program Files\Fabrikam Test'
fail() { echo "FAIL: $*" >&2; exit 1; }
last_line() { tail -1 "$1" | tr -d '\r'; }
step() { echo "--- $*"; }
verify() { "$comreg" verify "$sample" -D "installdir=$installdir" --scope machine "$@"; }
export_key() {  # export_key KEY FILE
  w reg export "$1" "$(winpath "$2")" /y >/dev/null 2>&1 || fail "wine reg export $1"
  [[ "$(head -c 2 "$2" | od -An -tx1 | tr -d ' ')" == "fffe" ]] || fail "$2 is not UTF-16LE"
}

step "import comreg's .reg with wine reg import, export HKLM\\Software\\Classes and HKCR"
"$comreg" reg "$sample" -D "installdir=$installdir" --scope machine -o "$work/install.reg"
w reg import "$(winpath "$work/install.reg")" >/dev/null 2>&1 || fail "wine reg import"
timeout 60 wineserver -w
export_key 'HKLM\Software\Classes' "$work/classes.reg"
export_key 'HKCR' "$work/hkcr.reg"
for file in classes.reg hkcr.reg; do
  verify --against "$work/$file" > "$work/verify.txt" || { cat "$work/verify.txt"; fail "verify $file"; }
  grep -q "^matches the description$" "$work/verify.txt" || fail "verify $file did not match"
done
report "wine reg export of HKLM\\Software\\Classes ($(stat -c %s "$work/classes.reg") bytes) and HKCR: verify --against matches"

step "tamper with wine reg add, export again"
clsid='{351A7A78-FFEA-4062-B652-1AE856DA7CD7}'
other='{C3D8FBC0-1972-42B1-B291-F7A6393E8B8D}'
libid='{89E06341-93AD-420F-B177-16A5AD7107A4}'
classes='HKLM\Software\Classes'
w reg add "$classes\\CLSID\\$clsid\\InprocServer32" /v ThreadingModel /d Free /f >/dev/null 2>&1
w reg add "$classes\\CLSID\\$clsid\\InprocServer32" /ve /d 'D:\Old Place\imaging.dll' /f >/dev/null 2>&1
w reg add "$classes\\TypeLib\\$libid\\3.1\\0\\win64" /ve /d 'C:\Other\vendor.tlb' /f >/dev/null 2>&1
w reg add "$classes\\Fabrikam.ImageDecoder.3\\CLSID" /ve /d "$other" /f >/dev/null 2>&1
w reg add "$classes\\Fabrikam.ImageDecoder\\CurVer" /ve /d 'Fabrikam.ImageDecoder.4' /f >/dev/null 2>&1
timeout 60 wineserver -w
export_key 'HKLM\Software\Classes' "$work/tampered.reg"
rc=0
verify --against "$work/tampered.reg" > "$work/tampered.txt" || rc=$?
cat "$work/tampered.txt"
[[ $rc == 1 ]] || fail "verify of the tampered export exited $rc, expected 1"
grep -q "^class $clsid" "$work/tampered.txt" || fail "the tampered class is not named"
grep -q 'wrong value: .*InprocServer32 "ThreadingModel": expected REG_SZ "Apartment", found REG_SZ "Free"' \
  "$work/tampered.txt" || fail "ThreadingModel not reported"
grep -q 'server path differs: .*InprocServer32 @: .*found REG_SZ "D:\\\\Old Place\\\\imaging.dll"' \
  "$work/tampered.txt" || fail "moved server not reported"
grep -q 'registered to another file: .*win64 @: .*found REG_SZ "C:\\\\Other\\\\vendor.tlb"' \
  "$work/tampered.txt" || fail "type library of another file not reported"
grep -q "ProgID points to another class: .*Fabrikam.ImageDecoder.3.CLSID @: .*found REG_SZ \"$other\"" \
  "$work/tampered.txt" || fail "foreign ProgID not reported"
grep -q 'CurVer points to another ProgID: .*Fabrikam.ImageDecoder.CurVer @: .*found REG_SZ "Fabrikam.ImageDecoder.4"' \
  "$work/tampered.txt" || fail "stale CurVer not reported"
[[ "$(last_line "$work/tampered.txt")" == "5 differences" ]] || fail "exactly five differences expected"
verify --against "$work/tampered.reg" --format json > "$work/tampered.json" || true
grep -q '"kind": "server path differs"' "$work/tampered.json" || fail "JSON lacks the kind"
report "tampered export: $(last_line "$work/tampered.txt") (wrong value, server path differs, registered to another file, ProgID points to another class, CurVer points to another ProgID)"

step "a truncated export is a located error"
head -c 3001 "$work/classes.reg" > "$work/truncated.reg"
printf '"\0x\0"\0=\0d\0w\0o\0r\0d\0:\0\r\0\n\0' >> "$work/truncated.reg"
rc=0
verify --against "$work/truncated.reg" 2> "$work/truncated.txt" > /dev/null || rc=$?
cat "$work/truncated.txt"
[[ $rc == 2 ]] || fail "a malformed export exited $rc, expected 2"
grep -q "truncated.reg:[0-9]*:[0-9]*: error: " "$work/truncated.txt" || fail "no located error"
report "export verify e2e: passed"
