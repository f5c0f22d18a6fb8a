#!/usr/bin/env bash
# comreg guid and comreg new through the command line: the GUIDs' form, version and variant,
# uniqueness, the C forms reading back as the same GUID, and starter descriptions that
# validate as written.
#   guid_new_test.sh <comreg> <scratch folder>
set -uo pipefail
comreg=$1 work=$2
rm -rf "$work" && mkdir -p "$work"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# registry form: canonical, version 4, variant 10xx, no repeats.
"$comreg" guid -n 2000 > "$work/guids.txt" || fail "guid -n 2000 exited $?"
[[ $(wc -l < "$work/guids.txt") -eq 2000 ]] || fail "guid -n 2000 printed $(wc -l < "$work/guids.txt") lines"
bad=$(grep -cvE '^\{[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}\}$' "$work/guids.txt")
[[ $bad -eq 0 ]] || fail "$bad GUIDs not canonical version 4: $(grep -vE '^\{[0-9A-F]{8}-[0-9A-F]{4}-4' "$work/guids.txt" | head -3)"
[[ $(sort -u "$work/guids.txt" | wc -l) -eq 2000 ]] || fail "repeated GUIDs"
# Each run is new: two runs share nothing.
"$comreg" guid -n 100 > "$work/again.txt"
[[ $(sort "$work/guids.txt" "$work/again.txt" | uniq -d | wc -l) -eq 0 ]] || fail "a second run repeated GUIDs"

# c and struct forms: the fields give back the GUID of the comment above them.
# from_fields D1 D2 D3 B0..B7 -> {D1-D2-D3-B0B1-B2..B7}
from_fields() {
  local f=(${*//0x/})
  echo "{${f[0]}-${f[1]}-${f[2]}-${f[3]}${f[4]}-${f[5]}${f[6]}${f[7]}${f[8]}${f[9]}${f[10]}}"
}
check_c_form() {
  local format=$1 line comment="" n=0 fields name
  while IFS= read -r line; do
    if [[ $line =~ ^//\ (\{.*\})$ ]]; then comment=${BASH_REMATCH[1]}; continue; fi
    if [[ $format == c && $line =~ ^DEFINE_GUID\(([A-Za-z_0-9]+),\ (.*)\)\;$ ]]; then
      name=${BASH_REMATCH[1]} fields=${BASH_REMATCH[2]//,/}
    elif [[ $format == struct && $line =~ ^static\ const\ GUID\ ([A-Za-z_0-9]+)\ =\ \{\ (.*)\ \}\;$ ]]; then
      name=${BASH_REMATCH[1]} fields=${BASH_REMATCH[2]//[,\{\}]/}
    else
      fail "--format $format: unexpected line '$line'"
      continue
    fi
    n=$((n + 1))
    [[ $name == CLSID_Widget_$n ]] || fail "--format $format: name $name, expected CLSID_Widget_$n"
    local back
    back=$(from_fields $fields)
    [[ $back == "$comment" ]] || fail "--format $format: fields give $back, the comment says $comment"
    # The registry parser of comreg accepts it: a description with this CLSID validates.
    [[ $back =~ ^\{[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB] ]] || fail "--format $format: $back is not version 4"
  done < <("$comreg" guid -n 20 --format "$format" --name CLSID_Widget)
  [[ $n -eq 20 ]] || fail "--format $format gave $n GUIDs, expected 20"
}
check_c_form c
check_c_form struct

# new: each kind validates as written, with fresh GUIDs each time.
for kind in inproc local surrogate; do
  out="$work/$kind.json"
  "$comreg" new --kind "$kind" --name Contoso.Widget -o "$out" || fail "new --kind $kind exited $?"
  grep -q "\"kind\": \"$kind\"" "$out" || fail "new --kind $kind: no \"kind\": \"$kind\" in $out"
  result=$("$comreg" validate "$out" 2>&1) || fail "new --kind $kind does not validate: $result"
  echo "$result"
  "$comreg" new --kind "$kind" > "$work/$kind-2.json"
  first=$(grep -oE '\{[0-9A-F-]{36}\}' "$out" | sort -u)
  second=$(grep -oE '\{[0-9A-F-]{36}\}' "$work/$kind-2.json" | sort -u)
  [[ -n $first && -z $(comm -12 <(echo "$first") <(echo "$second")) ]] || fail "new --kind $kind: GUIDs repeat across runs"
done
# The GUIDs the description uses must agree: the local server's class names its AppID.
appid=$(grep -oE '"appid": "\{[0-9A-F-]{36}\}"' "$work/local.json" | sort -u | wc -l)
[[ $appid -eq 1 ]] || fail "new --kind local: the class and the AppID entry name $appid different AppIDs"

# Usage errors: exit 2, and no file.
"$comreg" new --kind inproc --name "Contoso Widget" -o "$work/bad.json" 2> "$work/err.txt"
[[ $? -eq 2 && ! -e $work/bad.json ]] || fail "new with a bad --name: not exit 2, or a file was written"
grep -q "letters, digits and periods" "$work/err.txt" || fail "new with a bad --name: $(cat "$work/err.txt")"
"$comreg" new --kind exe 2>/dev/null; [[ $? -eq 2 ]] || fail "new --kind exe is not a usage error"
"$comreg" new 2>/dev/null; [[ $? -eq 2 ]] || fail "new without --kind is not a usage error"
"$comreg" new --kind local -o "$work/no/such/dir/x.json" 2>/dev/null; [[ $? -eq 2 ]] || fail "new to an unwritable file is not exit 2"
"$comreg" guid -n 0 2>/dev/null; [[ $? -eq 2 ]] || fail "guid -n 0 is not a usage error"
"$comreg" guid --format pascal 2>/dev/null; [[ $? -eq 2 ]] || fail "guid --format pascal is not a usage error"

((failures == 0)) || { echo "$failures guid/new checks failed"; exit 1; }
echo "ok: guid and new"
