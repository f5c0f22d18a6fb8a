#!/usr/bin/env bash
# Under Wine: ATL's registrar (CLSID_Registrar, atl.dll) as the judge of `comreg rgs`. The test
# server's script, rooted at HKCR as ATL projects' are, with %MODULE% for the DLL and
# %INSTALLDIR% for the folder, is applied with IRegistrar::FileRegister by a small client
# (tests/com/atl_registrar.cpp), as an ATL server's DllRegisterServer would:
#   1. register: `comreg.exe verify` matches, the client activates every class by CLSID and
#      ProgID;
#   2. unregister (FileUnregister): every activation is refused, verify reports the classes
#      missing, and what is left is listed key by key and compared with what the script asks
#      for: the ForceRemove trees (each class's CLSID key, the versioned ProgIDs) gone; the
#      NoRemove keys (the version-independent ProgIDs, the AppID and its executable's key, the
#      interface: trees another product may register too) kept with their default values.
#      ATL's own registrar (statreg.h) deletes the named `val` values of a NoRemove key on
#      unregister; Wine's keeps them: the test reports which one it saw.
# Usage: atl_registrar_e2e.sh <linux comreg> <comreg.exe> <folder of the test binaries> <work folder>
set -euo pipefail
comreg=$1 comreg_exe=$2 binaries=$3 work=$4
description="$(cd "$(dirname "$0")/../com" && pwd)/comreg_test.json"
mkdir -p "$work"
source "$(dirname "$0")/wine_env.sh" "$work/prefix"
timeout 10 wineserver -p30  # one wineserver for the whole test

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "--- $*"; }
stage_atl_binaries "$binaries"
desc=$(winpath "$description")
has_key() { w reg query "HKLM\\Software\\Classes\\$1" >/dev/null 2>&1; }

start=$SECONDS
step "comreg rgs (HKCR, %MODULE%, %INSTALLDIR%)"
"$comreg" rgs "$description" --module comreg_testsrv.dll --variable installdir=INSTALLDIR -o "$work/server.rgs"
head -1 "$work/server.rgs" | grep -qx HKCR || fail "the script is not rooted at HKCR"
grep -q "InprocServer32 = s '%MODULE%'" "$work/server.rgs" || fail "no %MODULE% in the script"
grep -q "%INSTALLDIR%\\\\comreg_testexe.exe" "$work/server.rgs" || fail "no %INSTALLDIR% in the script"
report "server.rgs: $(wc -l < "$work/server.rgs") lines, root $(head -1 "$work/server.rgs")"
script=$(winpath "$work/server.rgs")
registrar_run() {  # registrar_run register|unregister
  w "$registrar" "$1" "$script" "$installdir\\comreg_testsrv.dll" "INSTALLDIR=$installdir" > "$work/registrar.txt" \
    || { cat "$work/registrar.txt"; fail "the ATL registrar's $1 failed"; }
  report "$1: $(tail -1 "$work/registrar.txt")"
}

step "nothing registered yet"
w "$client" --expect-fail > "$work/client.txt" || { cat "$work/client.txt"; fail "a class is registered before the registrar ran"; }

step "IRegistrar::FileRegister"
registrar_run register
w "$comreg_exe" verify "$desc" -D "installdir=$installdir" --scope machine > "$work/verify.txt" \
  || { cat "$work/verify.txt"; fail "verify after FileRegister"; }
report "verify after FileRegister: exit 0, $(tail -1 "$work/verify.txt")"
wait_server_gone comreg_testexe.exe
w "$client" > "$work/client.txt" || { cat "$work/client.txt"; fail "activation after FileRegister"; }
grep -q "activated 3 classes (6 activations" "$work/client.txt" || fail "not every class activated"
report "after FileRegister: $(tail -1 "$work/client.txt")"

step "IRegistrar::FileUnregister"
registrar_run unregister
wait_server_gone comreg_testexe.exe
w "$client" --expect-fail > "$work/client.txt" || { cat "$work/client.txt"; fail "a class is still registered after FileUnregister"; }
report "after FileUnregister: $(tail -1 "$work/client.txt")"
if w "$comreg_exe" verify "$desc" -D "installdir=$installdir" --scope machine > "$work/verify.txt"; then
  fail "verify passes after FileUnregister"
fi
report "verify after FileUnregister: exit 1, $(grep -c '^class {' "$work/verify.txt") classes reported"

# What is left, against the script's flags.
gone=('CLSID\{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B61}' 'CLSID\{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B62}'
      'CLSID\{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B63}' 'ComregTest.ApartmentCalc.1' 'ComregTest.BothCalc'
      'ComregTest.LocalCalc.1')
kept=('ComregTest.ApartmentCalc' 'ComregTest.ApartmentCalc\CLSID' 'ComregTest.ApartmentCalc\CurVer'
      'ComregTest.LocalCalc' 'ComregTest.LocalCalc\CLSID' 'ComregTest.LocalCalc\CurVer'
      'AppID\{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B64}' 'AppID\comreg_testexe.exe'
      'Interface\{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B60}' 'Interface\{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B60}\NumMethods')
for key in "${gone[@]}"; do
  grep -qF "ForceRemove ${key##*\\}" "$work/server.rgs" || fail "$key is not ForceRemove in the script"
  if has_key "$key"; then fail "$key (ForceRemove) is left after FileUnregister"; fi
done
report "gone after FileUnregister (ForceRemove): ${gone[*]}"
for key in "${kept[@]}"; do
  grep -qF "NoRemove ${key##*\\}" "$work/server.rgs" || fail "$key is not NoRemove in the script"
  has_key "$key" || fail "$key (NoRemove) went with FileUnregister"
  w reg query "HKLM\\Software\\Classes\\$key" | grep -E '^ +' | while read -r line; do report "    $key: $line"; done
done
report "kept after FileUnregister (NoRemove): ${#kept[@]} keys"
# The one named value the script sets in a NoRemove key: ATL deletes it, Wine keeps it.
if w reg query 'HKLM\Software\Classes\AppID\comreg_testexe.exe' /v AppID >/dev/null 2>&1; then
  report "AppID\\comreg_testexe.exe: its 'val AppID' was kept (Wine's registrar; ATL's deletes it)"
else
  report "AppID\\comreg_testexe.exe: its 'val AppID' was deleted (as ATL's statreg.h does)"
fi
report "wine:atl-registrar passed in $((SECONDS - start)) s"
