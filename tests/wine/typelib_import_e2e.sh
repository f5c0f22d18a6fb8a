#!/usr/bin/env bash
# `comreg import --typelib` end to end under Wine: the description comes from the type library
# alone (read out of comreg_tlsrv.dll's TYPELIB resource), and what it registers must make
# real COM work:
#   1. nothing registered: the client's activations fail as "not registered";
#   2. import --typelib -> validate -> reg --scope machine -> wine reg import: the client, in
#      the MTA, activates both Apartment coclasses by CLSID and ProgID and calls them through
#      proxies (the dual interfaces marshaled by the automation marshaler the Interface keys
#      name) and through IDispatch by name (the server loads the *registered* type library);
#   3. the uninstall .reg: activation fails again.
# Usage: typelib_import_e2e.sh <linux comreg> <folder of the Windows test binaries> <work folder>
set -euo pipefail
comreg=$1 binaries=$2 work=$3
for f in comreg_tlsrv.dll comreg_tlclient.exe; do
  [ -f "$binaries/$f" ] || { echo "FAIL: $binaries/$f was not built (widl missing?)" >&2; exit 1; }
done
mkdir -p "$work"
source "$(dirname "$0")/wine_env.sh" "$work/prefix"

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "--- $*"; }
installdir='C:\comreg typelib test'
unix_dir="$WINEPREFIX/drive_c/comreg typelib test"
mkdir -p "$unix_dir"
cp "$binaries/comreg_tlsrv.dll" "$binaries/comreg_tlclient.exe" "$unix_dir/"
client="$installdir\\comreg_tlclient.exe"

step "nothing registered yet"
w "$client" --expect-fail > "$work/client.txt" || { cat "$work/client.txt"; fail "a class is registered before the import"; }
report "before import: $(tail -1 "$work/client.txt")"

step "comreg import --typelib comreg_tlsrv.dll"
"$comreg" import --typelib "$binaries/comreg_tlsrv.dll" --path '${installdir}\comreg_tlsrv.dll' \
  --progid 'ComregTlTest.{coclass}.1' -o "$work/imported.json" 2> "$work/import-warnings.txt"
grep -q "IRawBuffer .*needs-proxy-stub" "$work/import-warnings.txt" || fail "the custom interface was not reported"
"$comreg" validate "$work/imported.json" > "$work/validate.txt" || { cat "$work/validate.txt"; fail "validate"; }
grep -q "ok (1 server, 3 classes, 0 AppIDs, 1 type library, 6 interfaces)" "$work/validate.txt" || { cat "$work/validate.txt"; fail "unexpected description"; }
report "import: $(cat "$work/validate.txt")"

"$comreg" reg "$work/imported.json" -D "installdir=$installdir" --scope machine -o "$work/install.reg"
"$comreg" reg "$work/imported.json" -D "installdir=$installdir" --scope machine --uninstall -o "$work/uninstall.reg"
w reg import "$(winpath "$work/install.reg")" > /dev/null 2>&1 || fail "wine reg import"
timeout 60 wineserver -w

step "the client activates the imported classes"
w "$client" > "$work/client.txt" || { cat "$work/client.txt"; fail "activation failed"; }
cat "$work/client.txt"
grep -q "activated 2 classes, 2 through proxies" "$work/client.txt" || fail "not both classes activated through proxies"
report "after wine reg import: $(tail -1 "$work/client.txt")"

step "the uninstall .reg"
w reg import "$(winpath "$work/uninstall.reg")" > /dev/null 2>&1 || fail "wine reg import (uninstall)"
timeout 60 wineserver -w
w "$client" --expect-fail > "$work/client.txt" || { cat "$work/client.txt"; fail "a class is still registered"; }
report "after the uninstall .reg: $(tail -1 "$work/client.txt")"
report "typelib import e2e: passed"
