#!/usr/bin/env bash
# comreg install/uninstall --hive and verify/import hive: on a real hive file, read back with
# hivex's own tools (hivexget, hivexregedit): what comreg wrote is what hivex reads, and
# uninstall leaves the hive as it was.
# Usage: hive_cli_test.sh <comreg> <samples folder> <work folder>
set -euo pipefail
comreg=$1 samples=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
hive=$work/SOFTWARE
fail() { echo "FAIL: $*" >&2; exit 1; }
def='installdir=C:\Program Files\Fabrikam'

# A missing hive is a clear error; --create starts an empty one that hivexsh opens.
if "$comreg" install "$samples/local-server.json" -D "$def" --scope machine --hive "$hive" 2> "$work/err"; then
  fail "install into a missing hive succeeded"
fi
grep -q "does not exist (add --create" "$work/err" || fail "unclear error: $(cat "$work/err")"
"$comreg" install "$samples/contoso-widgets.json" -D "$def" --scope machine --hive "$hive" --create >/dev/null
hivexregedit --export --prefix 'HKEY_LOCAL_MACHINE\SOFTWARE' "$hive" '\' > "$work/before.reg"

"$comreg" install "$samples/local-server.json" -D "$def" --scope machine --hive "$hive" > "$work/install.txt"
tail -1 "$work/install.txt" | grep -Eq '^[0-9]+ changes$' || fail "install: $(tail -1 "$work/install.txt")"
server=$(hivexget "$hive" '\Classes\CLSID\{4D1ABCD8-CCE1-435D-9A75-3729FE50DF16}\LocalServer32' '@')
[[ $server == '"C:\Program Files\Fabrikam\Report Server\reportsvc.exe"'* ]] \
  || fail "hivexget read LocalServer32 = $server"
hivexregedit --export "$hive" '\Classes\AppID' | grep -q '^"LaunchPermission"=hex(3):01,00,04,80' \
  || fail "LaunchPermission is not the REG_BINARY security descriptor in the hive"

"$comreg" verify "$samples/local-server.json" -D "$def" --scope machine --against "hive:$hive" >/dev/null \
  || fail "verify --against hive: after install"
"$comreg" import "hive:$hive" --scope machine -o "$work/imported.json" > "$work/import.txt"
"$comreg" verify "$work/imported.json" --scope machine --against "hive:$hive" >/dev/null \
  || fail "the import of the hive does not verify against it"

cp "$hive" "$work/copy"
"$comreg" uninstall "$samples/local-server.json" -D "$def" --scope machine --hive "$hive" --dry-run >/dev/null
cmp -s "$hive" "$work/copy" || fail "--dry-run changed the hive"
"$comreg" uninstall "$samples/local-server.json" -D "$def" --scope machine --hive "$hive" >/dev/null
hivexregedit --export --prefix 'HKEY_LOCAL_MACHINE\SOFTWARE' "$hive" '\' > "$work/after.reg"
# Uninstall keeps the containers (and may keep the shared TypeLib\{libid} key: other versions live
# there), empty; nothing else may differ.
libid=$(grep -o '"libid": "{[^}]*}"' "$samples/local-server.json" | grep -o '{[^}]*}')
libid_re=${libid//[\{\}]/.}
kept='^\[HKEY_LOCAL_MACHINE\\SOFTWARE\\Classes\\(Interface|TypeLib|TypeLib\\'"$libid_re"')\]$'
grep -Evx '' "$work/before.reg" > "$work/before.keys"
grep -Evx '' "$work/after.reg" | grep -Ev "$kept" > "$work/after.keys"
[[ $(grep -Ec "$kept" "$work/after.reg") -ge 2 ]] || fail "the kept containers are not there"
diff "$work/before.keys" "$work/after.keys" > "$work/diff.txt" || fail "uninstall left the hive changed: $(head "$work/diff.txt")"
if "$comreg" verify "$samples/local-server.json" -D "$def" --scope machine --against "hive:$hive" >/dev/null; then
  fail "verify still matches after uninstall"
fi
echo "hive: install, hivexget, verify, import, uninstall: ok"
