#!/usr/bin/env bash
# The per-user flow on the per-user classes hive (UsrClass.dat, mounted at
# HKEY_CURRENT_USER\Software\Classes, the default for --scope user): create, install, list,
# verify, import, uninstall, with comreg's records inside the hive; an NTUSER.DAT refused with
# the message naming the right file; a dirty hive refused with the file and its logs unchanged;
# a failed --create leaving no file. Every hive written is read with hivexregedit and, when
# installed, libregf's regfexport too: both must list the same keys, and the same values with the
# same types and sizes.
# Usage: usrclass_test.sh <comreg> <samples folder> <work folder>
set -euo pipefail
comreg=$1 samples=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
def='installdir=C:\Program Files\Fabrikam'
sample=$samples/contoso-widgets.json
hive=$work/UsrClass.dat

# hivex_keys, regf_keys, hivex_values, regf_values, second_reader HIVE.
source "$(dirname "$0")/hive_readers.sh"

# Rewrites the base block's checksum (offset 508: XOR of the 127 dwords before it).
reseal() {
  local x=0 d
  for d in $(od -An -v -tu4 -N508 "$1"); do x=$((x ^ d)); done
  printf "$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' $((x & 255)) $((x >> 8 & 255)) \
    $((x >> 16 & 255)) $((x >> 24 & 255)))" | dd of="$1" bs=1 seek=508 conv=notrunc status=none
}

# 1. The per-user flow: no --hive-mount needed.
"$comreg" install "$sample" -D "$def" --scope user --hive "$hive" --create > "$work/install.txt"
grep -q 'changes$' "$work/install.txt" || fail "install: $(cat "$work/install.txt")"
keys=$(hivex_keys "$hive")
grep -qx 'CLSID' <<<"$keys" || fail "no CLSID at the root of UsrClass.dat: $keys"
grep -qx 'comreg-records\\Registrations\\64\\Contoso\.Widgets [0-9.]*' <<<"$keys" \
  || fail "the record is not inside the hive: $keys"
grep -qix 'Software.*' <<<"$keys" && fail "a Software key was written into UsrClass.dat: $keys"
second_reader "$hive"
[[ $("$comreg" list --scope user --hive "$hive" | tail -1) == "1 registration in $hive" ]] \
  || fail "list: $("$comreg" list --scope user --hive "$hive")"
"$comreg" verify "$sample" -D "$def" --scope user --against "hive:$hive" > /dev/null \
  || fail "verify after install"
"$comreg" verify "$sample" -D "$def" --scope user --against "hive:$hive" \
  --hive-mount 'HKCU\Software\Classes' > /dev/null || fail "verify with --hive-mount"
"$comreg" import "hive:$hive" --scope user -o "$work/imported.json" > "$work/import.txt" 2>&1 \
  || fail "import: $(cat "$work/import.txt")"
grep -q 'comreg-records' "$work/import.txt" && fail "import reported comreg's records: $(cat "$work/import.txt")"
"$comreg" verify "$work/imported.json" --scope user --against "hive:$hive" > /dev/null \
  || fail "the import does not verify"
"$comreg" install "$sample" -D "$def" --scope user --hive "$hive" | tail -1 | grep -qx '0 changes' \
  || fail "a second install changed something"
"$comreg" uninstall "$sample" -D "$def" --scope user --hive "$hive" > /dev/null
[[ $("$comreg" list --scope user --hive "$hive" | tail -1) == "0 registrations in $hive" ]] \
  || fail "list after uninstall"
grep -q 'comreg-records' <(hivex_keys "$hive") && fail "the records stayed: $(hivex_keys "$hive")"
second_reader "$hive"

# 2. An NTUSER.DAT given for --scope user without a mount: refused, nothing changed.
ntuser=$work/NTUSER.DAT
"$comreg" install "$sample" -D "$def" --scope user --hive "$ntuser" --create \
  --hive-mount HKEY_CURRENT_USER > /dev/null
grep -qx 'Software\\comreg\\Registrations\\64\\Contoso\.Widgets [0-9.]*' <<<"$(hivex_keys "$ntuser")" \
  || fail "an NTUSER.DAT keeps its records under Software\\comreg: $(hivex_keys "$ntuser")"
second_reader "$ntuser"
cp "$ntuser" "$work/ntuser.before"
code=0
"$comreg" uninstall "$sample" -D "$def" --scope user --hive "$ntuser" > /dev/null 2> "$work/err" || code=$?
[[ $code == 2 ]] || fail "NTUSER.DAT for --scope user: exit $code"
grep -qF 'UsrClass.dat' "$work/err" && grep -qF -- '--hive-mount HKEY_CURRENT_USER' "$work/err" \
  || fail "the message does not name UsrClass.dat and the override: $(cat "$work/err")"
cmp -s "$ntuser" "$work/ntuser.before" || fail "the refused NTUSER.DAT changed"
# import and list refuse it too; a dirty one as well, with the error rather than the warning.
mkdir -p "$work/dirty-ntuser" && cp "$ntuser" "$work/dirty-ntuser/NTUSER.DAT"
printf '\x09' | dd of="$work/dirty-ntuser/NTUSER.DAT" bs=1 seek=4 conv=notrunc status=none
reseal "$work/dirty-ntuser/NTUSER.DAT"
for source in "$ntuser" "$work/dirty-ntuser/NTUSER.DAT"; do
  code=0
  "$comreg" import "hive:$source" --scope user -o "$work/x.json" 2> "$work/err" || code=$?
  [[ $code == 2 ]] && grep -qF 'UsrClass.dat' "$work/err" \
    || fail "import of $source for --scope user: exit $code: $(cat "$work/err")"
  code=0
  "$comreg" list --scope user --hive "$source" > /dev/null 2> "$work/err" || code=$?
  [[ $code == 2 ]] && grep -qF 'UsrClass.dat' "$work/err" \
    || fail "list of $source for --scope user: exit $code: $(cat "$work/err")"
done
"$comreg" uninstall "$sample" -D "$def" --scope user --hive "$ntuser" \
  --hive-mount HKEY_CURRENT_USER > /dev/null || fail "uninstall with --hive-mount HKEY_CURRENT_USER"

# 3. A dirty hive (sequence numbers differ; a log beside it): install and uninstall refuse with
# the file and the logs byte for byte as they were; verify and list warn and read it.
dirty=$work/dirty/UsrClass.dat
mkdir -p "$work/dirty"
"$comreg" install "$sample" -D "$def" --scope user --hive "$dirty" --create > /dev/null
printf '\x07' | dd of="$dirty" bs=1 seek=4 conv=notrunc status=none  # primary sequence 7
reseal "$dirty"  # a valid checksum: hivex reads it, only the sequence numbers say it is dirty
head -c 8192 /dev/urandom > "$work/dirty/UsrClass.dat.LOG1"
cp "$dirty" "$work/dirty.before" && cp "$work/dirty/UsrClass.dat.LOG1" "$work/log1.before"
for action in install uninstall; do
  code=0
  "$comreg" "$action" "$sample" -D "$def" --scope user --hive "$dirty" > /dev/null 2> "$work/err" \
    || code=$?
  [[ $code == 2 ]] || fail "$action of a dirty hive: exit $code"
  grep -qF "cannot write the hive $dirty: it is dirty, its sequence numbers differ" "$work/err" \
    || fail "$action: the reason: $(cat "$work/err")"
  cmp -s "$dirty" "$work/dirty.before" || fail "$action changed the dirty hive"
  cmp -s "$work/dirty/UsrClass.dat.LOG1" "$work/log1.before" || fail "$action changed the log"
done
"$comreg" verify "$sample" -D "$def" --scope user --against "hive:$dirty" > /dev/null 2> "$work/err" \
  || fail "verify of a dirty hive: $(cat "$work/err")"
grep -qF 'is dirty' "$work/err" || fail "verify did not warn: $(cat "$work/err")"
"$comreg" list --scope user --hive "$dirty" > /dev/null 2> "$work/err"
grep -qF 'comreg: warning: the hive' "$work/err" || fail "list did not warn: $(cat "$work/err")"

# 4. A failed --create removes the file it made, and says so.
code=0
"$comreg" install "$sample" -D "$def" --scope machine --hive "$work/new.dat" --create \
  --hive-mount 'HKEY_CURRENT_USER\Software\Classes' > /dev/null 2> "$work/err" || code=$?
[[ $code == 2 ]] || fail "the failing --create: exit $code"
[[ ! -e $work/new.dat ]] || fail "a failed --create left $work/new.dat"
grep -qF "removed $work/new.dat, the new hive this run created" "$work/err" \
  || fail "the failed --create did not say it removed the file: $(cat "$work/err")"
echo "usrclass: ok"
