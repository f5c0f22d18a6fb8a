#!/usr/bin/env bash
# Hives written by comreg's own regf writer, read back by two independent readers: hivex
# (hivexregedit --export: every data byte) and libregf (regfexport). Both must read the same
# keys and the same values — names, types and data (regf_readers.py renders both alike) —
# after installs into a new hive, into one holding others, and after uninstalls; and what they
# read is what comreg verifies against.
# Usage: regf_readback_test.sh <comreg> <samples folder> <work folder>
set -euo pipefail
comreg=$1 samples=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
def='installdir=C:\Program Files\Fabrikam'

same_in_both_readers() {
  python3 "$here/regf_readers.py" hivex "$1" > "$work/hivex.txt"
  python3 "$here/regf_readers.py" regf "$1" > "$work/regf.txt"
  [[ $(wc -l < "$work/hivex.txt") -gt 10 ]] || fail "hivex read almost nothing from $1"
  diff "$work/hivex.txt" "$work/regf.txt" > "$work/readers.diff" \
    || fail "hivex and libregf read $1 differently ($2): $(head -20 "$work/readers.diff")"
}

software=$work/SOFTWARE
"$comreg" install "$samples/contoso-widgets.json" -D "$def" --scope machine --hive "$software" \
  --create > /dev/null
same_in_both_readers "$software" "one install into a new hive"
for sample in local-server surrogate activex-control; do
  "$comreg" install "$samples/$sample.json" -D "$def" --scope machine --hive "$software" > /dev/null
  same_in_both_readers "$software" "after installing $sample"
  "$comreg" verify "$samples/$sample.json" -D "$def" --scope machine --against "hive:$software" \
    > /dev/null || fail "verify --against the hive after installing $sample"
done
grep -q 'LocalServer32	(default)	1	text "C:\\Program Files\\Fabrikam' "$work/hivex.txt" \
  || fail "the local server's path is not in the hive as hivex reads it"
"$comreg" install "$samples/inproc-typelib.json" -D "$def" --scope machine --view 32 \
  --hive "$software" > /dev/null
same_in_both_readers "$software" "a 32-bit view install (Wow6432Node)"
for sample in local-server contoso-widgets; do
  "$comreg" uninstall "$samples/$sample.json" -D "$def" --scope machine --hive "$software" > /dev/null
  same_in_both_readers "$software" "after uninstalling $sample"
done

usrclass=$work/UsrClass.dat
"$comreg" install "$samples/remote-client.json" -D "$def" --scope user --hive "$usrclass" \
  --create > /dev/null
"$comreg" install "$samples/activex-control.json" -D "$def" --scope user --hive "$usrclass" > /dev/null
same_in_both_readers "$usrclass" "a per-user classes hive"
echo "ok: hivex and libregf agree on every hive comreg wrote"
