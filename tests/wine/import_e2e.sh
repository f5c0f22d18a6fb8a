#!/usr/bin/env bash
# End to end with a real registry: the classes of a fresh Wine prefix (Wine's own COM servers)
#   1. exported with `wine reg export HKLM\Software\Classes`, then `comreg import` -> exit 0,
#      unmapped keys listed;
#      Windows' own identities among them (protected-identity);
#   2. the description validates with warnings only, all of them for the ProgIDs Wine names
#      against the rules (kept with legacyNames), among them 'htmlfile_FullWindowEmbed';
#   3. `comreg verify --against` the same export: it matches.
#   4. a sample registered with `wine reg import` comes back in the import of a new export.
# Usage: import_e2e.sh <linux comreg> <sample.json (local-server)> <work folder>
set -euo pipefail
comreg=$1 sample=$2 work=$3
mkdir -p "$work"
source "$(dirname "$0")/wine_env.sh" "$work/prefix"

fail() { echo "FAIL: $*" >&2; exit 1; }
export_classes() {  # export_classes FILE
  w reg export 'HKLM\Software\Classes' "$(winpath "$1")" /y >/dev/null 2>&1 || fail "wine reg export"
}

export_classes "$work/classes.reg"
"$comreg" import "$work/classes.reg" --scope machine -o "$work/wine.json" > "$work/report.txt" \
  || fail "comreg import exited $?"
unmapped=$(grep -c '^unmapped: ' "$work/report.txt" || true)
summary=$(tail -1 "$work/report.txt")
echo "$summary"

# Windows' own identities (docs/protected-identities.md) are left out, each listed with the
# reason: this also checks the curated list against the prefix's registry on every run.
for id in '{0D43FE01-F093-11CF-8940-00A0C9054228}' '{72C24DD5-D70A-438B-8A42-98424B88AFB8}' \
          '{13709620-C279-11CE-A49E-444553540000}'; do
  grep -qi "^unmapped: .*$id.*\[protected-identity\]" "$work/report.txt" \
    || fail "$id was not left out as a protected identity"
  grep -qi "$id" "$work/wine.json" && fail "$id, Windows' own, is in the imported description"
done
protected=$(grep -c '\[protected-identity\]' "$work/report.txt" || true)

"$comreg" validate "$work/wine.json" 2> "$work/validate.txt" || fail "the import does not validate"
grep -q ': error: ' "$work/validate.txt" && fail "validation errors: $(grep ': error: ' "$work/validate.txt" | head -3)"
warnings=$(grep -c ': warning: ' "$work/validate.txt" || true)
progid_warnings=$(grep -c ': warning: .*(kept: the class has legacyNames.*) \[\(bad\|reserved\|same\)-progid\]' "$work/validate.txt" || true)
[[ $warnings -gt 0 && $warnings -eq $progid_warnings ]] \
  || fail "$warnings warnings, of which $progid_warnings for legacy ProgIDs"
grep -q "ProgID 'htmlfile_FullWindowEmbed' contains '_'" "$work/validate.txt" || fail "the legacy ProgID 'htmlfile_FullWindowEmbed' was not kept"
# Wine's one ProgID named CLSID belongs to ClassMoniker, whose CLSID is OLE's own: left out.
grep -qi '^unmapped: .*{0000031A-0000-0000-C000-000000000046}.*\[protected-identity\]' "$work/report.txt" \
  || fail "ClassMoniker was not left out as a protected identity"

# verify_import JSON REG REPORT WHAT: the import verifies against its source. A class kept without
# a dangling TypeLib or ProgID reference (the source names a library it does not register, or a
# ProgID that does not name the class) still has that key in the source: verify may find exactly
# those, each listed by the import (REPORT) as unmapped with the class imported without it.
verify_import() {
  "$comreg" verify "$1" --scope machine --against "$2" > "$work/verify.txt" && return 0
  local dangling=0 line key
  while IFS= read -r line; do
    case $line in
      "  unexpected key: "*)
        key=${line#  unexpected key: }
        grep -iF "unmapped: $key: " "$3" | grep -q 'is imported without' \
          || fail "$4 does not verify against its source: $line (not listed as unmapped)"
        dangling=$((dangling + 1)) ;;
      "  unexpected value: "*)
        # A value COM ignores (ThreadingModel under LocalServer32): listed, its class kept.
        key=${line#  unexpected value: }
        key=${key%% \"*}
        grep -iF "unmapped: $key \"" "$3" | grep -q 'is imported without' \
          || fail "$4 does not verify against its source: $line (not listed as unmapped)"
        dangling=$((dangling + 1)) ;;
      "  "*) fail "$4 does not verify against its source: $line" ;;
    esac
  done < "$work/verify.txt"
  [[ $dangling -gt 0 ]] || fail "$4 does not verify against its source: $(head -5 "$work/verify.txt")"
  echo "$4: verify finds $dangling keys of dangling references, each listed as unmapped"
}
verify_import "$work/wine.json" "$work/classes.reg" "$work/report.txt" "the import"

installdir='C:\Program Files\Fabrikam Test'
"$comreg" reg "$sample" -D "installdir=$installdir" --scope machine -o "$work/sample.reg"
w reg import "$(winpath "$work/sample.reg")" >/dev/null 2>&1 || fail "wine reg import"
timeout 60 wineserver -w
export_classes "$work/classes2.reg"
"$comreg" import "$work/classes2.reg" --scope machine -o "$work/wine2.json" > "$work/report2.txt" 2>&1 \
  || fail "second import"
for clsid in $(grep -o '"clsid": "{[^}]*}"' "$sample" | grep -o '{[^}]*}'); do
  grep -qi "$clsid" "$work/wine2.json" || fail "class $clsid registered by wine reg import was not imported"
done
verify_import "$work/wine2.json" "$work/classes2.reg" "$work/report2.txt" "the second import"

report "wine:import: $summary; $unmapped keys/values unmapped ($protected Windows identities left out as protected-identity); $progid_warnings legacy ProgID warnings, no other diagnostics; verify --against the export matches"
