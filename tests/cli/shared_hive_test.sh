#!/usr/bin/env bash
# The shared-registration cases of issue 13 on offline hives, through the CLI: for each pair of
# descriptions in tests/data/shared (README.md there), `comreg install --hive` of A then B, then
# uninstall in both orders. After each step the hive is read back twice, with hivex's own
# hivexregedit and with `comreg verify --against hive:`:
#   - both installed: the one installed last verifies;
#   - one uninstalled: the one left verifies, the one gone does not, and the hive's classes
#     root is exactly what the one left makes when installed alone (hivexregedit exports equal);
#   - both uninstalled: the whole hive, comreg's records included, exports as it did before.
# Every hive written is also read with libregf's regfexport, which must agree with hivex
# (second_reader, hive_readers.sh).
# One line per case and order; the last line says whether the hive files were byte-identical.
# Usage: shared_hive_test.sh <comreg> <folder of the shared descriptions> <work folder>
set -euo pipefail
comreg=$1 data=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
source "$(dirname "$0")/hive_readers.sh"

# An empty SOFTWARE hive: --create, then the uninstall takes everything out again.
empty=$work/EMPTY
"$comreg" install "$data/appid-a.json" --scope machine --hive "$empty" --create >/dev/null
"$comreg" uninstall "$data/appid-a.json" --scope machine --hive "$empty" >/dev/null
second_reader "$empty"

export_all() { hivexregedit --export --prefix 'HKEY_LOCAL_MACHINE\SOFTWARE' "$1" '\'; }
export_classes() { hivexregedit --export --prefix 'HKEY_LOCAL_MACHINE\SOFTWARE' "$1" '\Classes'; }
same() {  # same FILE1 FILE2 WHAT
  diff "$1" "$2" > "$work/diff.txt" || { head -30 "$work/diff.txt" >&2; fail "$3"; }
}
verifies() {  # verifies HIVE FILE [--view 32]: exit 0 when the registration matches the hive
  "$comreg" verify "$2" --scope machine "${@:3}" --against "hive:$1" > "$work/verify.txt" 2>&1
}
# records EXPORT: how many ownership records (registrations) an export holds.
records() { grep -cE '^\[HKEY_LOCAL_MACHINE\\SOFTWARE\\comreg\\Registrations\\[0-9]+\\[^\\]+\]$' "$1" || true; }
# value HIVE KEY NAME: a value as hivexget prints it ('@' is the default value).
value() { hivexget "$1" "$2" "$3"; }

identical_files=0 cases_run=0
# run_case LABEL FILE_A "OPTIONS_A" FILE_B "OPTIONS_B" [CHECK [repair]]: CHECK (a function) is
# called as CHECK HIVE GONE(A|B) after the first uninstall, and CHECK HIVE none after both.
# "repair": A is installed again after B (a repair of the older one), which puts it on top.
run_case() {
  local label=$1 file_a=$data/$2 file_b=$data/$4 check=${6:-} repair=${7:-}
  local -a opts_a opts_b
  read -r -a opts_a <<< "$3"
  read -r -a opts_b <<< "$5"
  local first hive tag gone_file left_file
  local -a gone_opts left_opts
  for first in A B; do
    tag=$(echo "$label-$first" | tr -c 'A-Za-z0-9\n' '-')
    hive=$work/$tag
    cp "$empty" "$hive"
    [[ $label != "foreign value" ]] || hivexregedit --merge --prefix 'HKEY_LOCAL_MACHINE\SOFTWARE' "$hive" "$data/foreign.reg"
    cp "$hive" "$hive.before"
    export_all "$hive" > "$hive.before.reg"
    "$comreg" install "$file_a" --scope machine "${opts_a[@]}" --hive "$hive" >/dev/null
    "$comreg" install "$file_b" --scope machine "${opts_b[@]}" --hive "$hive" >/dev/null
    local top=B
    if [[ -n $repair ]]; then
      "$comreg" install "$file_a" --scope machine "${opts_a[@]}" --hive "$hive" >/dev/null
      top=A
    fi
    # The one installed last is on top (the other's paths may be overwritten). With two LCIDs of
    # one type library version, the other LCID's key is the other registration's (its record).
    if [[ $top == A ]]; then
      verifies "$hive" "$file_a" "${opts_a[@]}" || { cat "$work/verify.txt"; fail "$label: A does not verify after its repair"; }
    else
      verifies "$hive" "$file_b" "${opts_b[@]}" || { cat "$work/verify.txt"; fail "$label: B does not verify after both installs"; }
    fi
    second_reader "$hive"
    export_all "$hive" > "$hive.both.reg"
    [[ $(records "$hive.both.reg") == 2 ]] || fail "$label: hivexregedit does not read two ownership records"
    if [[ $first == A ]]; then
      gone_file=$file_a gone_opts=("${opts_a[@]}") left_file=$file_b left_opts=("${opts_b[@]}")
    else
      gone_file=$file_b gone_opts=("${opts_b[@]}") left_file=$file_a left_opts=("${opts_a[@]}")
    fi
    "$comreg" uninstall "$gone_file" --scope machine "${gone_opts[@]}" --hive "$hive" >/dev/null
    second_reader "$hive"
    export_all "$hive" > "$hive.one.reg"
    [[ $(records "$hive.one.reg") == 1 && $("$comreg" list --scope machine --hive "$hive" | tail -1) == "1 registration in $hive" ]] \
      || fail "$label, $first uninstalled first: not exactly one registration recorded"
    verifies "$hive" "$left_file" "${left_opts[@]}" || { cat "$work/verify.txt"; fail "$label, $first uninstalled first: the one left does not verify"; }
    verifies "$hive" "$gone_file" "${gone_opts[@]}" && fail "$label, $first uninstalled first: the one gone still verifies"
    # What the one left makes alone, on the same starting hive.
    cp "$hive.before" "$hive.alone"
    "$comreg" install "$left_file" --scope machine "${left_opts[@]}" --hive "$hive.alone" >/dev/null
    second_reader "$hive.alone"
    export_classes "$hive.alone" > "$hive.alone.reg"
    export_classes "$hive" > "$hive.left.reg"
    same "$hive.alone.reg" "$hive.left.reg" "$label, $first uninstalled first: the classes root is not what the one left makes alone"
    [[ -z $check ]] || $check "$hive" "$first"
    "$comreg" uninstall "$left_file" --scope machine "${left_opts[@]}" --hive "$hive" >/dev/null
    verifies "$hive" "$left_file" "${left_opts[@]}" && fail "$label: the last one still verifies after its uninstall"
    [[ -z $check ]] || $check "$hive" none
    second_reader "$hive"
    export_all "$hive" > "$hive.after.reg"
    same "$hive.before.reg" "$hive.after.reg" "$label, $first uninstalled first: the hive is not as it was before"
    [[ $("$comreg" list --scope machine --hive "$hive" | tail -1) == "0 registrations in $hive" ]] \
      || fail "$label: registrations are still listed after both uninstalls"
    local files=differ
    if cmp -s "$hive.before" "$hive"; then files=identical; identical_files=$((identical_files + 1)); fi
    cases_run=$((cases_run + 1))
    local second=B; [[ $first == A ]] || second=A
    echo "$label, $first then $second: ok (hive file bytes $files)"
  done
}

# The checks each case adds: what the shared keys hold while one is left, and after both.
classes='\Classes'
check_appid() {
  local key="$classes\\AppID\\{7C2E5A10-4B3D-4F6E-9A8B-1C2D3E4F5010}"
  if [[ $2 == none ]]; then
    hivexget "$1" "$key" >/dev/null 2>&1 && fail "shared AppID: the AppID is left after both"
  else
    [[ $(value "$1" "$key" DllSurrogate) == "" && $(value "$1" "$key" '@') == "Contoso shared surrogate" ]] \
      || fail "shared AppID: the AppID changed while one registration holds it"
  fi
  return 0
}
check_interface() {
  local key="$classes\\Interface\\{7C2E5A10-4B3D-4F6E-9A8B-1C2D3E4F5021}\\ProxyStubClsid32"
  local ps="$classes\\CLSID\\{7C2E5A10-4B3D-4F6E-9A8B-1C2D3E4F5020}\\InprocServer32"
  if [[ $2 == none ]]; then
    hivexget "$1" "$key" >/dev/null 2>&1 && fail "shared interface: left after both"
  else
    [[ $(value "$1" "$key" '@') == "{7C2E5A10-4B3D-4F6E-9A8B-1C2D3E4F5020}" ]] || fail "shared interface: ProxyStubClsid32"
    [[ $(value "$1" "$ps" '@') == 'C:\Program Files\Common Files\Contoso\contoso_ps.dll' ]] || fail "shared interface: the proxy/stub class"
  fi
  return 0
}
check_category() {
  local key="$classes\\Component Categories\\{7C2E5A10-4B3D-4F6E-9A8B-1C2D3E4F5030}"
  if [[ $2 == none ]]; then
    hivexget "$1" "$key" >/dev/null 2>&1 && fail "shared category: left after both"
  else
    [[ $(value "$1" "$key" 409) == "Contoso Gadgets" ]] || fail "shared category: its description"
  fi
  return 0
}
check_lcid() {
  local v="$classes\\TypeLib\\{7C2E5A10-4B3D-4F6E-9A8B-1C2D3E4F5040}\\1.0"
  case $2 in
    A) hivexget "$1" "$v\\409\\win64" '@' >/dev/null && ! hivexget "$1" "$v\\0" >/dev/null 2>&1 ;;
    B) hivexget "$1" "$v\\0\\win64" '@' >/dev/null && ! hivexget "$1" "$v\\409" >/dev/null 2>&1 ;;
    none) ! hivexget "$1" "$v" >/dev/null 2>&1 ;;
  esac || fail "type library under two LCIDs: the wrong LCIDs are left ($2 gone)"
}
check_versions() {
  local lib="$classes\\TypeLib\\{7C2E5A10-4B3D-4F6E-9A8B-1C2D3E4F5050}"
  case $2 in
    A) hivexget "$1" "$lib\\2.0" '@' >/dev/null && ! hivexget "$1" "$lib\\1.0" >/dev/null 2>&1 ;;
    B) hivexget "$1" "$lib\\1.0" '@' >/dev/null && ! hivexget "$1" "$lib\\2.0" >/dev/null 2>&1 ;;
    none) ! hivexget "$1" "$lib" >/dev/null 2>&1 ;;
  esac || fail "two type library versions: the wrong version is left ($2 gone)"
}
check_foreign() {
  local key="$classes\\CLSID\\{7C2E5A10-4B3D-4F6E-9A8B-1C2D3E4F5060}\\InprocServer32" want
  case $2 in
    A) want='C:\Program Files\Contoso B\shared.dll' ;;  # B's, which it set over A's
    B) want='C:\Program Files\Contoso A\shared.dll' ;;  # A's again
    none) want='C:\Foreign\old.dll' ;;                  # the foreign bytes
  esac
  [[ $(value "$1" "$key" '@') == "$want" ]] || fail "foreign value ($2 gone): InprocServer32 is $(value "$1" "$key" '@'), expected $want"
  if [[ $2 == none ]]; then
    [[ $(value "$1" "$key" ThreadingModel) == Apartment ]] || fail "foreign value: ThreadingModel not given back"
  fi
}
check_curver() {
  local key="$classes\\Contoso.Gizmo\\CurVer" want
  case $2 in
    A) want=Contoso.Gizmo.2 ;;
    B) want=Contoso.Gizmo.1 ;;
    none) ! hivexget "$1" "$classes\\Contoso.Gizmo" >/dev/null 2>&1 || fail "version-independent ProgID left after both"; return 0 ;;
  esac
  [[ $(value "$1" "$key" '@') == "$want" ]] || fail "CurVer with $2 gone: $(value "$1" "$key" '@'), expected $want"
}
check_views() {
  [[ $2 == none ]] && return 0
  [[ $(value "$1" "$classes\\Contoso.Gizmo.1\\CLSID" '@') == "{7C2E5A10-4B3D-4F6E-9A8B-1C2D3E4F5071}" ]] \
    || fail "both views: the shared ProgID is gone with one view"
}

start=$SECONDS
run_case "shared AppID" appid-a.json "" appid-b.json "" check_appid
run_case "shared interface and proxy/stub" interface-a.json "" interface-b.json "" check_interface
run_case "shared component category" category-a.json "" category-b.json "" check_category
run_case "type library 1.0 under LCIDs 0 and 409" typelib-lcid-0.json "" typelib-lcid-409.json "" check_lcid
run_case "type library versions 1.0 and 2.0" typelib-1.0.json "" typelib-2.0.json "" check_versions
run_case "foreign value" foreign-a.json "" foreign-b.json "" check_foreign
run_case "version-independent ProgID, versions 1 and 2" progid-1.json "" progid-2.json "" check_curver
run_case "version 1 repaired after version 2" progid-1.json "" progid-2.json "" check_curver repair
run_case "both views of one server" progid-1.json "--view 64" progid-1.json "--view 32" check_views
echo "shared hive: $cases_run case orders passed in $((SECONDS - start)) s; hive files byte-identical to before in $identical_files of $cases_run (the hivexregedit exports are identical in all)"
