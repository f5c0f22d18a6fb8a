#!/usr/bin/env bash
# comreg audit end to end where a case folder cannot say it: SARIF from audit and lint validated
# against the SARIF 2.1.0 JSON schema (tests/data/sarif, OASIS), every rule of the corpus found
# in one run over all the planted files, and offline hives as sources (a SOFTWARE hive written by
# install --hive, a UsrClass.dat with a planted per-user hijack merged in by hivexregedit),
# told apart by their keys and merged into one view.
# Usage: audit_test.sh <comreg> <source tree> <work folder>
set -euo pipefail
comreg=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
data=$src/tests/data/audit
schema=$src/tests/data/sarif/sarif-schema-2.1.0.json

validate() {  # validate FILE: the SARIF log against the schema (status 0: valid)
  python3 - "$schema" "$1" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
log = json.load(open(sys.argv[2]))
validator = jsonschema.Draft4Validator(schema)
errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
for e in errors[:5]:
    print("%s: %s" % ("/".join(map(str, e.path)), e.message), file=sys.stderr)
sys.exit(1 if errors else 0)
PY
}

# The validator itself must refuse a broken log, or passing proves nothing.
echo '{"version":"2.1.0","runs":[{"tool":{"driver":{}}}]}' > "$work/broken.sarif"
if validate "$work/broken.sarif" 2>/dev/null; then fail "the schema accepted a driver without a name"; fi

# Every planted file at once: every rule is found, and the log is valid SARIF.
planted=()
for f in "$data"/rules/AUD[0-9][0-9][0-9].reg; do planted+=("$f"); done
set +e
"$comreg" audit "$data/machine.reg" "${planted[@]}" --root "$data/drive_c" --format sarif \
  > "$work/audit.sarif"
rc=$?
set -e
[[ $rc -eq 1 ]] || fail "audit of the planted corpus exited $rc, not 1"
validate "$work/audit.sarif" || fail "audit's log is not valid SARIF 2.1.0"
for f in "${planted[@]}"; do
  id=$(basename "$f" .reg)
  grep -q "\"ruleId\": \"$id\"" "$work/audit.sarif" || fail "$id not found in the planted corpus"
done

# lint's SARIF: physical locations (file:line:col), valid too.
cat > "$work/risky.json" <<'JSON'
{
  "comreg": 1,
  "assembly": { "name": "Contoso.Risky", "version": "1.0.0.0", "arch": "amd64" },
  "servers": [
    { "kind": "inproc", "path": "C:\\Users\\Public\\risky.dll",
      "classes": [ { "clsid": "{6B8E1C2A-3D4F-4A5B-9C6D-7E8F9A0B1C2D}", "threading": "Apartment" } ] }
  ]
}
JSON
set +e
"$comreg" lint "$work/risky.json" --scope machine --format sarif > "$work/lint.sarif"
rc=$?
set -e
[[ $rc -eq 1 ]] || fail "lint of a risky description exited $rc, not 1"
validate "$work/lint.sarif" || fail "lint's log is not valid SARIF 2.1.0"
grep -q '"ruleId": "COM103"' "$work/lint.sarif" || fail "lint SARIF lacks COM103"
grep -q '"startLine": ' "$work/lint.sarif" || fail "lint SARIF has no region"

# Offline hives: a SOFTWARE hive and a UsrClass.dat, audited together.
if command -v hivexregedit > /dev/null; then
  def='installdir=C:\Program Files\Contoso'
  "$comreg" install "$src/samples/contoso-widgets.json" -D "$def" --scope machine \
    --hive "$work/SOFTWARE" --create > /dev/null
  "$comreg" install "$src/samples/local-server.json" -D "$def" --scope user \
    --hive "$work/UsrClass.dat" --create > /dev/null
  "$comreg" audit "hive:$work/SOFTWARE" "hive:$work/UsrClass.dat" > "$work/hive-clean.txt" \
    || fail "clean hives: $(cat "$work/hive-clean.txt")"
  # Plant a per-user server for a class the SOFTWARE hive registers.
  clsid=$(hivexregedit --export "$work/SOFTWARE" '\Classes\CLSID' | sed -n 's/^\[\\Classes\\CLSID\\\({[^}\\]*}\)\]$/\1/p' | head -1)
  [[ -n $clsid ]] || fail "no CLSID in the SOFTWARE hive"
  # hivexregedit creates a key only below one that exists: the CLSID key comes first.
  printf 'Windows Registry Editor Version 5.00\n\n[\\CLSID\\%s]\n\n[\\CLSID\\%s\\InprocServer32]\n@="C:\\\\Users\\\\alice\\\\evil.dll"\n' \
    "$clsid" "$clsid" > "$work/plant.reg"
  hivexregedit --merge "$work/UsrClass.dat" "$work/plant.reg"
  set +e
  "$comreg" audit "hive:$work/SOFTWARE" "hive:$work/UsrClass.dat" > "$work/hive.txt"
  rc=$?
  set -e
  [[ $rc -eq 1 ]] || fail "planted hive: exit $rc"
  grep -q "^HKEY_CURRENT_USER\\\\Software\\\\Classes\\\\CLSID\\\\$clsid\\\\InprocServer32: warning: \[AUD101\]" "$work/hive.txt" \
    || fail "AUD101 not found in the hives: $(cat "$work/hive.txt")"
fi

# A dirty hive Windows wrote (tests/data/hives, its logs beside it): audited in its replayed
# state, and the warning that says so printed once, although the hive is opened twice (once to
# tell what kind of hive it is).
if command -v xz > /dev/null; then
  for f in UsrClass.dat UsrClass.dat.LOG1 UsrClass.dat.LOG2; do
    xz -dc "$src/tests/data/hives/$f.xz" > "$work/$f"
  done
  set +e
  "$comreg" audit "hive:$work/UsrClass.dat" > /dev/null 2> "$work/dirty.err"
  rc=$?
  set -e
  [[ $rc -le 1 ]] || fail "dirty hive: exit $rc: $(cat "$work/dirty.err")"
  n=$(grep -c 'warning: the hive .* is dirty' "$work/dirty.err" || true)
  [[ $n -eq 1 ]] || fail "dirty hive: $n dirty warnings, not 1: $(cat "$work/dirty.err")"
fi

# A source that cannot be read: exit 2, the file named.
set +e
"$comreg" audit "$work/none.reg" > /dev/null 2> "$work/err"
rc=$?
set -e
[[ $rc -eq 2 ]] || fail "unreadable source exited $rc, not 2"
grep -q "none.reg" "$work/err" || fail "unreadable source not named: $(cat "$work/err")"
echo "audit: ok"
