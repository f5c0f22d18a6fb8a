#!/usr/bin/env bash
# Under Wine: `comreg import` of .rgs scripts judged by ATL's registrar (CLSID_Registrar,
# atl.dll). comreg did not write these scripts:
#   1. the test server's classes in scripts written the way Visual Studio's ATL Simple Object
#      wizard writes them (tests/com/atl_wizard_server.rgs for the DLL, atl_wizard_localserver.rgs
#      for the EXE with its AppID; see the note below), applied with IRegistrar::FileRegister
#      (tests/com/atl_registrar.cpp) with MODULE the module's Windows path, as ATL's
#      UpdateRegistryFromResource gives it (in quotes for an EXE, MODULE_RAW without);
#      the Linux `comreg import` of the same script with the same --define values; `comreg reg`
#      of that description; `comreg.exe verify` of it against the live registry (exit 0); the
#      client activates every class by CLSID and ProgID. Then FileUnregister, and the .reg files
#      of the imports, imported with `wine reg import`, register the same: verify exit 0 and
#      every class activates again.
#   2. three scripts of tests/data/corpus/rgs (Windows-classic-samples) applied the same way with
#      a MODULE (and APPID) define, imported, and `comreg.exe verify` of each import against the
#      live registry: no difference but the keys the import lists as imported without (a
#      TypeLib, AppID or ProgIDs these samples' scripts name and do not register). Their servers do not
#      exist here: nothing is activated.
# The wizard scripts imitate the ATL Object Wizard's output (tests/com/README.md says how and
# from which documentation); the wizard leaves the type library to RegisterTypeLib
# (DllRegisterServer(TRUE)) and the test server has none, so each script ends with the TypeLib
# keys RegisterTypeLib writes (win64, FLAGS, HELPDIR) for the LIBID its classes name.
# Wine 8's registrar knows only the types s, d and b, and not the '' escape: none is used.
# Usage: atl_import_e2e.sh <linux comreg> <comreg.exe> <folder of the test binaries> <work folder>
set -euo pipefail
comreg=$1 comreg_exe=$2 binaries=$3 work=$4
com_dir="$(cd "$(dirname "$0")/../com" && pwd)"
corpus_dir="$(cd "$(dirname "$0")/../data/corpus/rgs" && pwd)"
mkdir -p "$work"
source "$(dirname "$0")/wine_env.sh" "$work/prefix"
timeout 10 wineserver -p30  # one wineserver for the whole test

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "--- $*"; }
stage_atl_binaries "$binaries"
appid='{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B64}'
dll="$installdir\\comreg_testsrv.dll"
exe="$installdir\\comreg_testexe.exe"

# registrar_run register|unregister SCRIPT MODULE [NAME=VALUE]...: Wine's ATL registrar.
registrar_run() {
  local action=$1 script=$2 module=$3
  shift 3
  w "$registrar" "$action" "$(winpath "$script")" "$module" "$@" > "$work/registrar.txt" \
    || { cat "$work/registrar.txt"; fail "the ATL registrar's $action of $(basename "$script") failed"; }
  report "$(basename "$script"): $(tail -1 "$work/registrar.txt")"
}
# import_script SCRIPT NAME [--define NAME=VALUE]...: the Linux comreg's import to NAME.json,
# and its .reg file NAME.reg.
import_script() {
  local script=$1 name=$2
  shift 2
  "$comreg" import "$script" --from rgs --scope machine "$@" -o "$work/$name.json" > "$work/$name.import.txt" \
    || { cat "$work/$name.import.txt"; fail "comreg import of $(basename "$script") exited $?"; }
  "$comreg" reg "$work/$name.json" --scope machine -o "$work/$name.reg" \
    || fail "comreg reg of the import of $(basename "$script")"
  report "$(basename "$script"): imported $(grep -c '"clsid"' "$work/$name.json") classes, $(grep -c '^unmapped: ' "$work/$name.import.txt" || true) unmapped"
}
# verify_live NAME: comreg.exe verify of NAME.json against the live registry; prints the number
# of differences the import explained (keys it lists as imported without), fails on any other.
verify_live() {
  local name=$1 explained=0 line key
  if w "$comreg_exe" verify "$(winpath "$work/$name.json")" --scope machine > "$work/$name.verify.txt"; then
    echo 0
    return 0
  fi
  while IFS= read -r line; do
    case $line in
      "  unexpected key: "* | "  unexpected value: "*)
        key=${line#  unexpected * }
        key=${key%% \"*}
        grep -iF "unmapped: $key" "$work/$name.import.txt" | grep -q 'is imported without' \
          || fail "$name: comreg.exe verify: $line (not listed as unmapped by the import)"
        explained=$((explained + 1)) ;;
      "  warning: "* | "    "*) ;;  # same for Windows: not a difference
      "  "*) fail "$name: comreg.exe verify: $line" ;;
    esac
  done < "$work/$name.verify.txt"
  (( explained > 0 )) || fail "$name: comreg.exe verify failed: $(head -5 "$work/$name.verify.txt")"
  echo "$explained"
}
activate() {  # activate WHEN: every class by CLSID and by both ProgIDs
  wait_server_gone comreg_testexe.exe
  w "$client" --version-independent > "$work/client.txt" || { cat "$work/client.txt"; fail "activation $1"; }
  grep -q "activated 3 classes (8 activations" "$work/client.txt" || fail "not every class activated $1"
  report "$1: $(tail -1 "$work/client.txt")"
}

start=$SECONDS
step "nothing registered yet"
w "$client" --expect-fail > "$work/client.txt" || { cat "$work/client.txt"; fail "a class is registered before the registrar ran"; }

step "the wizard-style scripts: IRegistrar::FileRegister"
server_rgs="$com_dir/atl_wizard_server.rgs"
local_rgs="$com_dir/atl_wizard_localserver.rgs"
registrar_run register "$server_rgs" "$dll" "MODULEDIR=$installdir"
registrar_run register "$local_rgs" "\"$exe\"" "MODULE_RAW=$exe" "APPID=$appid" "MODULEDIR=$installdir"

step "comreg import of the same scripts, comreg reg of the imports"
import_script "$server_rgs" server --define "MODULE=$dll" --define "MODULEDIR=$installdir"
import_script "$local_rgs" localserver --define "MODULE=\"$exe\"" --define "MODULE_RAW=$exe" \
  --define "APPID=$appid" --define "MODULEDIR=$installdir"
for name in server localserver; do
  grep -q '^unmapped: ' "$work/$name.import.txt" && { cat "$work/$name.import.txt"; fail "$name: the import left keys out"; }
done

step "comreg.exe verify of the imports against the registry Wine's registrar wrote"
for name in server localserver; do
  w "$comreg_exe" verify "$(winpath "$work/$name.json")" --scope machine > "$work/$name.verify.txt" \
    || { cat "$work/$name.verify.txt"; fail "comreg.exe verify of the $name import"; }
  report "verify $name import: exit 0, $(tail -1 "$work/$name.verify.txt")"
done
activate "after FileRegister"

step "FileUnregister, then the imports' .reg files with wine reg import"
registrar_run unregister "$server_rgs" "$dll" "MODULEDIR=$installdir"
registrar_run unregister "$local_rgs" "\"$exe\"" "MODULE_RAW=$exe" "APPID=$appid" "MODULEDIR=$installdir"
wait_server_gone comreg_testexe.exe
# The CLSID keys are ForceRemove: gone. (What an unregister leaves of plain keys is the
# registrar's business, which wine:atl-registrar looks at.)
for clsid in 61 62 63; do
  ! w reg query "HKLM\\Software\\Classes\\CLSID\\{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B$clsid}" >/dev/null 2>&1 \
    || fail "CLSID {6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B$clsid} is still registered after FileUnregister"
done
for name in server localserver; do
  w reg import "$(winpath "$work/$name.reg")" > /dev/null 2>&1 || fail "wine reg import $name.reg"
done
timeout 60 wineserver -w
for name in server localserver; do
  w "$comreg_exe" verify "$(winpath "$work/$name.json")" --scope machine > "$work/$name.verify.txt" \
    || { cat "$work/$name.verify.txt"; fail "comreg.exe verify of the $name import after its .reg"; }
done
activate "after wine reg import of the imports' .reg files"

step "corpus scripts (Windows-classic-samples): FileRegister, import, verify"
corpus=(UPnPDimmerService_cpp_DimmerDeviceDCO.rgs
        multimedia_mediafoundation_topoedit_tedutil_tedtestsink.rgs
        netds_messagequeuing_mqpers_graphobj_Point.Rgs)
corpus_appid='{6A3F4E0B-1C55-4E0E-9B57-3C0F7E2D9A11}'
for file in "${corpus[@]}"; do
  stem=${file%.*}
  module="C:\\Corpus\\$stem.dll"
  registrar_run register "$corpus_dir/$file" "$module" "APPID=$corpus_appid"
  import_script "$corpus_dir/$file" "$stem" --define "MODULE=$module" --define "APPID=$corpus_appid"
  explained=$(verify_live "$stem")
  report "$file: comreg.exe verify: 0 unexplained differences, $explained listed by the import as imported without"
done
report "corpus: the servers of these samples do not exist here: no activation"
report "wine:atl-import passed in $((SECONDS - start)) s"
