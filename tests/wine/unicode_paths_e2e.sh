#!/usr/bin/env bash
# comreg.exe with file names and arguments outside the ANSI code page, under Wine: a folder
# "C:\Jörg 日本" (Latin-1 and CJK: no single ANSI code page holds both), a description, an output
# .reg and a server folder there. Checks:
#   1. validate reads the description by that name;
#   2. reg -o writes the file under exactly that name (no "J?rg" sibling), and the -D value
#      lands in it as the same characters (the .reg is UTF-16LE);
#   3. install (per user) / verify / uninstall of the live registry with that -D value: the
#      server path read back with `wine reg export` is in the folder;
#   4. verify --against the .reg in that folder matches.
# Before comreg.exe took its command line as UTF-16 (wmain), 1 failed: argv was in the ANSI
# code page and the library read it as UTF-8.
# Usage: unicode_paths_e2e.sh <comreg.exe> <sample.json> <work folder>
set -euo pipefail
comreg_exe=$1 sample=$2 work=$3
mkdir -p "$work"
# Wine reads the Unix command line in the locale's encoding: UTF-8 here, whatever CI sets.
export LC_ALL=C.UTF-8
source "$(dirname "$0")/wine_env.sh" "$work/prefix"
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "--- $*"; }

folder_unix="$WINEPREFIX/drive_c/Jörg 日本"
folder='C:\Jörg 日本'
mkdir -p "$folder_unix"
cp "$sample" "$folder_unix/widgets ü.json"
desc="$folder\\widgets ü.json"

step "validate a description in $folder"
w "$comreg_exe" validate "$desc" > "$work/validate.txt" 2>&1 || { cat "$work/validate.txt"; fail "validate did not read $desc"; }

step "reg -o into the folder, with the folder as installdir"
w "$comreg_exe" reg "$desc" -D "installdir=$folder" -o "$folder\\out ü.reg" > "$work/reg.txt" 2>&1 ||
  { cat "$work/reg.txt"; fail "reg -o failed"; }
[[ -s "$folder_unix/out ü.reg" ]] || { ls -la "$folder_unix"; fail "the .reg is not at its name"; }
[[ $(ls -A "$folder_unix" | wc -l) -eq 2 ]] || { ls -la "$folder_unix"; fail "a file besides the description and the .reg"; }
iconv -f UTF-16LE -t UTF-8 "$folder_unix/out ü.reg" > "$work/out.reg.txt"
grep -qF 'C:\\Jörg 日本\\' "$work/out.reg.txt" || { head -20 "$work/out.reg.txt"; fail "the installdir is not in the .reg as given"; }
report "unicode paths: validate and reg -o with \"$folder\\widgets ü.json\" -> \"out ü.reg\"; installdir written as given"

step "install, verify, uninstall per user with installdir=$folder"
w "$comreg_exe" install "$desc" -D "installdir=$folder" > "$work/install.txt" 2>&1 ||
  { cat "$work/install.txt"; fail "install failed"; }
clsid=$(grep -m1 -o '"clsid": "{[^"]*}"' "$sample" | grep -o '{[^}]*}')
timeout 60 wineserver -w
# reg export, not reg query: reg query prints in the console's code page, the export is UTF-16LE.
w reg export "HKCU\\Software\\Classes\\CLSID\\$clsid" 'C:\class.reg' /y > /dev/null 2>&1 ||
  fail "the class is not in HKCU"
iconv -f UTF-16LE -t UTF-8 "$WINEPREFIX/drive_c/class.reg" > "$work/class.reg.txt"
grep -qF '@="C:\\Jörg 日本\\' "$work/class.reg.txt" || { cat "$work/class.reg.txt"; fail "the server path read back is not in the folder"; }
w "$comreg_exe" verify "$desc" -D "installdir=$folder" > "$work/verify.txt" 2>&1 ||
  { cat "$work/verify.txt"; fail "verify after install"; }
w "$comreg_exe" verify "$desc" -D "installdir=$folder" --against "$folder\\out ü.reg" > "$work/against.txt" 2>&1 ||
  { cat "$work/against.txt"; fail "verify --against the .reg in the folder"; }
w "$comreg_exe" uninstall "$desc" -D "installdir=$folder" > "$work/uninstall.txt" 2>&1 ||
  { cat "$work/uninstall.txt"; fail "uninstall failed"; }
if w "$comreg_exe" verify "$desc" -D "installdir=$folder" > /dev/null 2>&1; then
  fail "verify still matches after uninstall"
fi
report "unicode paths: install / verify / verify --against / uninstall with installdir \"$folder\": server path read back as given"
