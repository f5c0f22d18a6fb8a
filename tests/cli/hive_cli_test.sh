#!/usr/bin/env bash
# comreg install/uninstall --hive and verify/import hive: on a real hive file, read back with
# hivex's own tools (hivexget, hivexregedit): what comreg wrote is what hivex reads, and
# uninstall leaves the hive as it was. Every hive written is also read with libregf's
# regfexport (hive_readers.sh), which must agree with hivex. A hive locked by another process is
# refused for writing, and two runs started together on one hive lose nothing.
# Usage: hive_cli_test.sh <comreg> <samples folder> <work folder>
set -euo pipefail
comreg=$1 samples=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
hive=$work/SOFTWARE
fail() { echo "FAIL: $*" >&2; exit 1; }
def='installdir=C:\Program Files\Fabrikam'
source "$(dirname "$0")/hive_readers.sh"

# A missing hive is a clear error; --create starts an empty one that hivexsh opens.
if "$comreg" install "$samples/local-server.json" -D "$def" --scope machine --hive "$hive" 2> "$work/err"; then
  fail "install into a missing hive succeeded"
fi
grep -q "does not exist (add --create" "$work/err" || fail "unclear error: $(cat "$work/err")"
"$comreg" install "$samples/contoso-widgets.json" -D "$def" --scope machine --hive "$hive" --create >/dev/null
second_reader "$hive"
hivexregedit --export --prefix 'HKEY_LOCAL_MACHINE\SOFTWARE' "$hive" '\' > "$work/before.reg"

"$comreg" install "$samples/local-server.json" -D "$def" --scope machine --hive "$hive" > "$work/install.txt"
tail -1 "$work/install.txt" | grep -Eq '^[0-9]+ changes$' || fail "install: $(tail -1 "$work/install.txt")"
second_reader "$hive"
server=$(hivexget "$hive" '\Classes\CLSID\{4D1ABCD8-CCE1-435D-9A75-3729FE50DF16}\LocalServer32' '@')
[[ $server == '"C:\Program Files\Fabrikam\Report Server\reportsvc.exe"'* ]] \
  || fail "hivexget read LocalServer32 = $server"
# Read whole before grep: `hivexregedit | grep -q` fails under pipefail when grep's early exit
# ends the export with SIGPIPE.
appids=$(hivexregedit --export "$hive" '\Classes\AppID')
grep -q '^"LaunchPermission"=hex(3):01,00,04,80' <<<"$appids" \
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
second_reader "$hive"
# Uninstall removes what install made, the containers it created included: the hive is as before.
diff "$work/before.reg" "$work/after.reg" > "$work/diff.txt" || fail "uninstall left the hive changed: $(head "$work/diff.txt")"
if "$comreg" verify "$samples/local-server.json" -D "$def" --scope machine --against "hive:$hive" >/dev/null; then
  fail "verify still matches after uninstall"
fi

# Another process holding the hive's lock (flock, as comreg takes it): install is refused,
# exit 2, and the hive is unchanged; readers are not blocked.
cp "$hive" "$work/copy"
# The holder runs until the test creates "release" (nothing left running after the test).
flock "$hive" -c "touch '$work/held'; while [ ! -e '$work/release' ]; do sleep 0.1; done" > /dev/null 2>&1 &
holder=$!
trap 'touch "$work/release"' EXIT  # a failing check below must not leave it running
for _ in $(seq 100); do [[ -e $work/held ]] && break; sleep 0.1; done
[[ -e $work/held ]] || fail "the test could not take the lock"
code=0
"$comreg" install "$samples/local-server.json" -D "$def" --scope machine --hive "$hive" > /dev/null 2> "$work/err" || code=$?
"$comreg" list --scope machine --hive "$hive" > /dev/null || fail "list was blocked by the lock"
touch "$work/release"; wait "$holder"
[[ $code == 2 ]] || fail "install of a locked hive: exit $code"
grep -qF "cannot write the hive $hive: $hive is locked by another process" "$work/err" \
  || fail "unclear lock error: $(cat "$work/err")"
cmp -s "$hive" "$work/copy" || fail "the refused install changed the hive"

# Two runs started together on one hive: each succeeds or is refused for the lock, and what
# succeeded is in the hive (nothing lost to a writer that renamed its copy over the other's).
race=$work/RACE
"$comreg" install "$samples/contoso-widgets.json" -D "$def" --scope machine --hive "$race" --create >/dev/null
for i in 1 2 3; do
  "$comreg" install "$samples/local-server.json" -D "$def" --scope machine --hive "$race" > /dev/null 2> "$work/race1" &
  p1=$!
  "$comreg" install "$samples/contoso-widgets.json" -D "$def" --scope machine --view 32 --hive "$race" > /dev/null 2> "$work/race2" &
  p2=$!
  c1=0; wait "$p1" || c1=$?
  c2=0; wait "$p2" || c2=$?
  for pair in "1 $c1 local-server.json 64" "2 $c2 contoso-widgets.json 32"; do
    read -r n c file view <<< "$pair"
    if [[ $c == 0 ]]; then
      "$comreg" verify "$samples/$file" -D "$def" --scope machine --view "$view" --against "hive:$race" >/dev/null \
        || fail "race $i: run $n succeeded but its registration is not in the hive"
    else
      [[ $c == 2 ]] && grep -q "is locked by another process" "$work/race$n" \
        || fail "race $i: run $n failed otherwise (exit $c): $(cat "$work/race$n")"
    fi
  done
done
second_reader "$race"

# Three registrations that share keys in one hive: version 1 in both views, version 2 in the
# 64-bit view. list shows them and what they share; uninstalled in any order, the hive is back.
shared=$work/SHARED
v2=$work/contoso-v2.json
sed 's/"version": "1.2.0.0"/"version": "2.0.0.0"/' "$samples/contoso-widgets.json" > "$v2"
grep -q '"2.0.0.0"' "$v2" || fail "could not make version 2 of the sample"
"$comreg" list --scope machine --hive "$shared" 2> "$work/err" && fail "list of a missing hive succeeded"
"$comreg" install "$samples/contoso-widgets.json" -D "$def" --scope machine --hive "$shared" --create >/dev/null
hivexregedit --export --prefix 'HKEY_LOCAL_MACHINE\SOFTWARE' "$shared" '\' > /dev/null
"$comreg" uninstall "$samples/contoso-widgets.json" -D "$def" --scope machine --hive "$shared" >/dev/null
hivexregedit --export --prefix 'HKEY_LOCAL_MACHINE\SOFTWARE' "$shared" '\' > "$work/empty.reg"
"$comreg" install "$samples/contoso-widgets.json" -D "$def" --scope machine --hive "$shared" >/dev/null
"$comreg" install "$samples/contoso-widgets.json" -D "$def" --scope machine --view 32 --hive "$shared" >/dev/null
"$comreg" install "$v2" -D "$def" --scope machine --hive "$shared" >/dev/null
second_reader "$shared"
"$comreg" list --scope machine --hive "$shared" > "$work/list.txt"
cat "$work/list.txt"
[[ $(tail -1 "$work/list.txt") == "3 registrations in $shared" ]] || fail "list: $(tail -1 "$work/list.txt")"
grep -q '^Contoso.Widgets 1.2.0.0 (machine, view 32): ' "$work/list.txt" || fail "list: no 32-bit registration"
grep -Eq '^  shares [0-9]+ keys with Contoso.Widgets 2.0.0.0 \(view 64\):.* Contoso.Widget( |$)' "$work/list.txt" \
  || fail "list: the shared version-independent ProgID is not shown"
"$comreg" list --scope machine --view 32 --hive "$shared" --format json > "$work/list.json"
grep -q '"view": "32"' "$work/list.json" && ! grep -q '"name": "Contoso.Widgets 2.0.0.0"' "$work/list.json" \
  || fail "list --view 32 --format json: $(head -c 300 "$work/list.json")"
"$comreg" uninstall "$samples/contoso-widgets.json" -D "$def" --scope machine --hive "$shared" >/dev/null
"$comreg" verify "$v2" -D "$def" --scope machine --against "hive:$shared" >/dev/null \
  || fail "version 2 no longer verifies after version 1 (64) was uninstalled"
"$comreg" verify "$samples/contoso-widgets.json" -D "$def" --scope machine --view 32 --against "hive:$shared" >/dev/null \
  || fail "version 1 (32) no longer verifies after version 1 (64) was uninstalled"
"$comreg" uninstall "$v2" -D "$def" --scope machine --hive "$shared" >/dev/null
"$comreg" uninstall "$samples/contoso-widgets.json" -D "$def" --scope machine --view 32 --hive "$shared" >/dev/null
hivexregedit --export --prefix 'HKEY_LOCAL_MACHINE\SOFTWARE' "$shared" '\' > "$work/end.reg"
second_reader "$shared"
diff "$work/empty.reg" "$work/end.reg" > "$work/diff.txt" || fail "three installs and uninstalls left the hive changed: $(head "$work/diff.txt")"
[[ $("$comreg" list --scope machine --hive "$shared" | tail -1) == "0 registrations in $shared" ]] || fail "list after all uninstalls"
# A small change to a big hive is written into the same file, by its changed pages (after a
# transaction log beside it held them, which is gone afterwards): the inode stays, hivex and
# regfexport read the result, and the rest of the hive is untouched.
big=$work/BIG
"$comreg" install "$samples/contoso-widgets.json" -D "$def" --scope machine --hive "$big" --create >/dev/null
{
  printf 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Vendor]\r\n\r\n'
  for i in $(seq 2000); do
    printf '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Vendor\\Product%d]\r\n"Path"="C:\\\\Program Files\\\\Product %d"\r\n\r\n' "$i" "$i"
  done
} > "$work/vendor.reg"
hivexregedit --merge --prefix 'HKEY_LOCAL_MACHINE\SOFTWARE' "$big" "$work/vendor.reg"
# hivex leaves the file full of old subkey lists: comreg's next commit writes it whole, compact.
"$comreg" install "$samples/contoso-widgets.json" -D "$def" --scope machine --view 32 --hive "$big" >/dev/null
hivexregedit --export --prefix 'HKEY_LOCAL_MACHINE\SOFTWARE' "$big" '\' > "$work/big-before.reg"
grep -q 'Product2000\]' "$work/big-before.reg" || fail "hivexregedit --merge did not fill the big hive"
inode=$(stat -c %i "$big")
"$comreg" install "$samples/local-server.json" -D "$def" --scope machine --hive "$big" >/dev/null
[[ $(stat -c %i "$big") == "$inode" ]] || fail "the install into the big hive replaced the file"
[[ -z $(find "$work" -maxdepth 1 -iname 'BIG.*') ]] || fail "left beside the big hive: $(find "$work" -maxdepth 1 -iname 'BIG.*')"
second_reader "$big"
"$comreg" verify "$samples/local-server.json" -D "$def" --scope machine --against "hive:$big" >/dev/null \
  || fail "verify --against the big hive after the install in place"
[[ $(hivexget "$big" '\Vendor\Product1234' Path) == 'C:\Program Files\Product 1234' ]] \
  || fail "the big hive's own keys changed"
"$comreg" uninstall "$samples/local-server.json" -D "$def" --scope machine --hive "$big" >/dev/null
[[ $(stat -c %i "$big") == "$inode" ]] || fail "the uninstall from the big hive replaced the file"
second_reader "$big"
hivexregedit --export --prefix 'HKEY_LOCAL_MACHINE\SOFTWARE' "$big" '\' > "$work/big-after.reg"
diff "$work/big-before.reg" "$work/big-after.reg" > "$work/diff.txt" \
  || fail "install and uninstall in place left the big hive changed: $(head "$work/diff.txt")"

echo "hive: install, hivexget, verify, import, uninstall, three shared registrations, list, in place: ok"
