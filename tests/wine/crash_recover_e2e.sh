#!/usr/bin/env bash
# Under Wine: comreg.exe killed in the middle of an install or uninstall leaves the registry
# recoverable to exactly what it was.
#   1. install with the test-only COMREG_TEST_DIE_AFTER_WRITES=k (the process ends hard after
#      k registry writes) for the first, a middle and the last write; `comreg.exe recover` puts
#      the classes root back byte for byte (`wine reg export`, compared before and after);
#   2. an uninstall killed halfway: verify reports it and changes nothing; recover rolls it back;
#   3. a corrupt journal: recover and install refuse, the registry is untouched;
#   4. Wine's kernel transaction manager is a stub: comreg says so and uses the journal;
#   5. afterwards install works (0 changes the second time) and uninstall gives back the
#      CurVer another server had set, leaving the classes root exactly as it was.
# Usage: crash_recover_e2e.sh <comreg.exe> <sample.json> <work folder>
set -euo pipefail
comreg_exe=$1 sample=$2 work=$3
mkdir -p "$work"
source "$(dirname "$0")/wine_env.sh" "$work/prefix"
# One wineserver for the whole test (it would exit and restart between every two calls).
timeout 10 wineserver -p30

installdir='C:\Program Files\Fabrikam Test'
desc=$(winpath "$sample")
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "--- $*"; }
last_line() { tail -1 "$1" | tr -d '\r'; }
journal="$WINEPREFIX/drive_c/ProgramData/comreg/journal/machine-64.journal"
comreg() { w "$comreg_exe" "$@" -D "installdir=$installdir" --scope machine; }

# snapshot NAME: HKLM\Software (the machine classes root and comreg's records), as UTF-8.
snapshot() {
  rm -f "$work/export.reg"
  w reg export 'HKLM\Software' "$(winpath "$work/export.reg")" /y >/dev/null 2>&1 || fail "reg export"
  iconv -f UTF-16 -t UTF-8 "$work/export.reg" | tr -d '\r' > "$work/$1.txt"
}
same() { cmp -s "$work/$1.txt" "$work/$2.txt" || { diff "$work/$1.txt" "$work/$2.txt" | head -20; fail "$3"; }; }

step "another server registered the version-independent ProgID first"
w reg add 'HKLM\Software\Classes\Fabrikam.ImageDecoder' /ve /d 'Old decoder' /f >/dev/null 2>&1
w reg add 'HKLM\Software\Classes\Fabrikam.ImageDecoder\CurVer' /ve /d 'Fabrikam.ImageDecoder.2' /f >/dev/null 2>&1
snapshot before
comreg install "$desc" --dry-run > "$work/dry.txt"
writes=$(last_line "$work/dry.txt" | grep -o '^[0-9]*')
[[ $writes -gt 50 ]] || fail "expected a realistic plan, got $writes writes"
snapshot after-dry
same before after-dry "the dry run changed the registry"

for k in 1 $((writes / 2)) "$writes"; do
  step "install killed after write $k of $writes, then comreg.exe recover"
  rc=0
  COMREG_TEST_DIE_AFTER_WRITES=$k comreg install "$desc" > "$work/killed.txt" 2>&1 || rc=$?
  [[ $rc -eq 99 ]] || { cat "$work/killed.txt"; fail "install was not killed (exit $rc)"; }
  [[ -f "$journal" ]] || fail "no journal left by the killed install"
  w "$comreg_exe" recover --scope machine > "$work/recover.txt" || { cat "$work/recover.txt"; fail "recover failed"; }
  grep -q "^rolled back the unfinished install on machine-64" "$work/recover.txt" || fail "recover did not say what it did"
  [[ ! -f "$journal" ]] || fail "the journal is still there after recover"
  snapshot "after-kill-$k"
  same before "after-kill-$k" "the registry differs after recovering an install killed at write $k"
done
w "$comreg_exe" recover --scope machine > "$work/recover.txt"
grep -q "nothing to recover" "$work/recover.txt" || fail "a second recover found something"
report "install killed after write 1, $((writes / 2)), $writes of $writes: recover restores the classes root byte for byte"

step "a complete install; Wine's KTM is a stub, so the journal is used"
comreg install "$desc" > "$work/install.txt" 2> "$work/install.err"
grep -q "no kernel transactions here" "$work/install.err" || { cat "$work/install.err"; fail "no word on the KTM fallback"; }
report "KTM: $(head -1 "$work/install.err")"
snapshot installed

step "uninstall killed halfway: verify only reports it (it never writes); recover rolls it back"
comreg uninstall "$desc" --dry-run > "$work/udry.txt"
# Its writes: one per change, but for a key listed right below the tree deleted just before it
# (it went with that tree, and comreg does not ask again).
uwrites=$(tr -d '\r' < "$work/udry.txt" | awk '
  /^[-+~] / {
    key = ($1 == "-" && $2 == "key") ? substr($0, index($0, $3)) : ""
    if (key != "" && tree != "" && index(tolower(key), tolower(tree) "\\") == 1) next
    tree = key; n++
  }
  END { print n + 0 }')
[[ $uwrites -ge 2 ]] || fail "the uninstall's dry run shows $uwrites writes"
rc=0
COMREG_TEST_DIE_AFTER_WRITES=$(( (uwrites + 1) / 2 )) comreg uninstall "$desc" > /dev/null 2>&1 || rc=$?
[[ $rc -eq 99 ]] || fail "uninstall was not killed (exit $rc)"
snapshot killed-uninstall
rc=0; comreg verify "$desc" > "$work/verify.txt" 2> "$work/verify.err" || rc=$?
[[ $rc -eq 1 ]] || { cat "$work/verify.txt" "$work/verify.err"; fail "verify of a half-uninstalled registry: exit $rc, expected 1 (drift)"; }
grep -q "a run that did not finish left its journal .*comreg recover" "$work/verify.err" || { cat "$work/verify.err"; fail "verify did not report the unfinished run"; }
[[ -f "$journal" ]] || fail "verify removed the journal"
snapshot after-verify
same killed-uninstall after-verify "verify changed the registry"
w "$comreg_exe" recover --scope machine > "$work/recover.txt" || { cat "$work/recover.txt"; fail "recover failed"; }
snapshot after-uninstall-kill
same installed after-uninstall-kill "the registry differs after rolling back a killed uninstall"
report "uninstall killed after write $(( (uwrites + 1) / 2 )) of $uwrites: verify reports it (exit 1, registry untouched), recover rolls it back"

step "a corrupt journal: nothing is touched"
printf 'comreg journal 1\n{"operation":"install"' > "$journal"
rc=0; w "$comreg_exe" recover --scope machine > /dev/null 2> "$work/corrupt.err" || rc=$?
[[ $rc -eq 2 ]] || fail "recover of a corrupt journal: exit $rc"
grep -q "is unreadable" "$work/corrupt.err" || fail "no clear error for a corrupt journal"
rc=0; comreg uninstall "$desc" > /dev/null 2>&1 || rc=$?
[[ $rc -eq 2 ]] || fail "uninstall went ahead despite a corrupt journal"
snapshot after-corrupt
same installed after-corrupt "a corrupt journal changed the registry"
rm -f "$journal"
report "corrupt journal: recover and uninstall exit 2, registry untouched"

step "install again: 0 changes; uninstall: the classes root is as it was, CurVer given back"
comreg install "$desc" > "$work/install2.txt" 2>/dev/null
[[ "$(last_line "$work/install2.txt")" == "0 changes" ]] || fail "second install: $(last_line "$work/install2.txt")"
comreg uninstall "$desc" > "$work/uninstall.txt" 2>/dev/null
grep -q 'CurVer @ = REG_SZ "Fabrikam.ImageDecoder.2"' "$work/uninstall.txt" || { cat "$work/uninstall.txt"; fail "CurVer not given back"; }
snapshot uninstalled
# Nothing stays, not even the containers of comreg's records (Software\comreg).
grep -q '^\[HKEY_LOCAL_MACHINE\\Software\\comreg' "$work/uninstalled.txt" \
  && fail "comreg's bookkeeping is left after the last uninstall"
same before uninstalled "install then uninstall did not leave HKLM\\Software as it was"
report "second install: 0 changes; uninstall gives CurVer back; HKLM\\Software byte for byte as before"
report "crash/recover e2e: passed"
