#!/usr/bin/env bash
# Under Wine: comreg's WiX v3 fragment (`comreg wix --wix 3`) built into MSIs with msitools'
# wixl, installed and removed with Wine's msiexec.
#   1. One product: the test server (tests/com) and comreg's fragment of comreg_test.json in a
#      small product .wxs; msiinfo shows its Registry rows; `msiexec /i`: the client activates
#      every class by CLSID and ProgID, `comreg.exe verify` matches; `msiexec /x`: every
#      activation is refused as not registered, verify reports the classes missing.
#   2. Two products sharing keys: the in-process classes (product A) and the local server
#      (product B), each with the AppID and the interface, which comreg puts in components of
#      their own with content-derived GUIDs. Both installed, A removed: the shared keys stay
#      (Windows Installer counts the two clients of each component), B still activates and
#      verifies; B removed: the shared keys are gone.
# wixl 0.101 drops RegistryKey's ForceCreateOnInstall and ForceDeleteOnUninstall (a warning
# each): the product wrapper adds the Registry rows they stand for ("+", "-", "*") with msibuild,
# so the MSI is what WiX 3 builds from the same fragment. The test server's description has
# only REG_SZ values, which wixl writes as WiX 3 does.
# Usage: msi_e2e.sh <linux comreg> <comreg.exe> <folder of the test binaries> <work folder>
set -euo pipefail
comreg=$1 comreg_exe=$2 binaries=$3 work=$4
description="$(cd "$(dirname "$0")/../com" && pwd)/comreg_test.json"
for tool in wixl msiinfo msibuild; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (tools/install-deps.sh test installs wixl and msitools)" >&2; exit 1; }
done
mkdir -p "$work"
source "$(dirname "$0")/wine_env.sh" "$work/prefix"
timeout 10 wineserver -p30  # one wineserver for the whole test

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "--- $*"; }
client_dir="$WINEPREFIX/drive_c/comreg msi client"
mkdir -p "$client_dir"
cp "$binaries"/comreg_testclient.exe "$client_dir/"
client='C:\comreg msi client\comreg_testclient.exe'
# wixl takes File sources relative to the folder it runs in (an absolute one is not found).
mkdir -p "$work/files"
cp "$binaries"/comreg_testsrv.dll "$binaries"/comreg_testexe.exe "$work/files/"
has_key() { w reg query "HKLM\\Software\\Classes\\$1" >/dev/null 2>&1; }

# fragment DESCRIPTION OUT.wxs: comreg's WiX v3 fragment, the install folder as [INSTALLFOLDER].
fragment() {
  "$comreg" wix "$1" --wix 3 --scope machine --property installdir=INSTALLFOLDER -o "$2"
}

# product NAME UPGRADE_CODE FRAGMENT_GROUP FILE... > product.wxs (FILE relative to $work): a per-machine x64 product that
# installs FILE... (one component each, its GUID the upgrade code's with the first digit the
# file's number) in "C:\Program Files\NAME" and references the group.
product() {
  local name=$1 upgrade=$2 group=$3; shift 3
  local i=0 components="" refs=""
  for f in "$@"; do
    i=$((i + 1))
    components+="          <Component Id=\"File$i\" Guid=\"{$i${upgrade:2}\" Win64=\"yes\">
            <File Id=\"File$i\" Source=\"$f\" KeyPath=\"yes\"/>
          </Component>
"
    refs+="      <ComponentRef Id=\"File$i\"/>
"
  done
  cat <<EOF
<?xml version="1.0" encoding="utf-8"?>
<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">
  <Product Id="*" Name="$name" Language="1033" Version="1.0.0" Manufacturer="comreg tests"
           UpgradeCode="$upgrade">
    <Package InstallerVersion="500" Compressed="yes" InstallScope="perMachine"/>
    <Media Id="1" Cabinet="product.cab" EmbedCab="yes"/>
    <Directory Id="TARGETDIR" Name="SourceDir">
      <Directory Id="ProgramFiles64Folder">
        <Directory Id="INSTALLFOLDER" Name="$name">
$components        </Directory>
      </Directory>
    </Directory>
    <Feature Id="Main" Level="1">
$refs      <ComponentGroupRef Id="$group"/>
    </Feature>
  </Product>
</Wix>
EOF
}

# force_rows FRAGMENT: the Registry rows (IDT) of the fragment's ForceCreateOnInstall ("+"),
# ForceDeleteOnUninstall ("-") and both ("*"), which wixl drops.
force_rows() {
  awk '
    /<Component / { match($0, /Id="[^"]*"/); component = substr($0, RSTART + 4, RLENGTH - 5) }
    /<RegistryKey / {
      create = index($0, "ForceCreateOnInstall=\"yes\"") > 0
      remove = index($0, "ForceDeleteOnUninstall=\"yes\"") > 0
      if (!create && !remove) next
      match($0, /Root="[^"]*"/); root = substr($0, RSTART + 6, RLENGTH - 7) == "HKLM" ? 2 : 1
      match($0, /Key="[^"]*"/); key = substr($0, RSTART + 5, RLENGTH - 6)
      gsub(/&quot;/, "\"", key); gsub(/&apos;/, "'\''", key); gsub(/&lt;/, "<", key)
      gsub(/&gt;/, ">", key); gsub(/&amp;/, "\\&", key)
      printf "comreg_force%d\t%d\t%s\t%s\t\t%s\n", ++n, root, key, create && remove ? "*" : create ? "+" : "-", component
    }' "$1"
}

# build NAME: $work/NAME.wxs + $work/NAME.fragment.wxs -> $work/NAME.msi, with the rows wixl drops.
build() {
  local name=$1
  (cd "$work" && wixl -a x64 -o "$name.msi" "$name.wxs" "$name.fragment.wxs") 2> "$work/$name.wixl.txt" \
    || { cat "$work/$name.wixl.txt"; fail "wixl could not build $name.msi"; }
  # What wixl said, without GLib's decoration; only the attributes known to be dropped.
  sed -n "s/.*has no property named '\\([A-Za-z]*\\)'.*/\\1/p" "$work/$name.wixl.txt" | sort | uniq -c \
    | sed "s/^ */    wixl ignored (times, attribute): /" | tee -a "$SUMMARY"
  if grep -v -e '^$' -e "no property named 'Force\\(Create\\|Delete\\)On\\(Install\\|Uninstall\\)'" \
       "$work/$name.wixl.txt" | grep -q .; then
    cat "$work/$name.wixl.txt"; fail "wixl said something unexpected about $name"
  fi
  local rows; rows=$(force_rows "$work/$name.fragment.wxs")
  if [[ -n $rows ]]; then
    msiinfo export "$work/$name.msi" Registry > "$work/$name.Registry.idt"
    printf '%s\n' "$rows" >> "$work/$name.Registry.idt"
    msibuild "$work/$name.msi" -i "$work/$name.Registry.idt" || fail "msibuild could not add the rows to $name.msi"
    report "    $name.msi: $(wc -l <<<"$rows") Registry rows added for ForceCreateOnInstall/ForceDeleteOnUninstall"
  fi
}

# registry_rows NAME: the Registry table of NAME.msi (Root, Key, Name, Value, Component), sorted.
registry_rows() {
  msiinfo export "$work/$1.msi" Registry | tail -n +4 | cut -f2- | tr -d '\r' | sort
}

msiexec() {  # msiexec /i|/x NAME
  w msiexec "$1" "$(winpath "$work/$2.msi")" /qn > "$work/msiexec.txt" 2>&1 \
    || { cat "$work/msiexec.txt"; fail "msiexec $1 $2.msi failed"; }
}

# client LABEL [FLAGS]: runs the client; its output in $work/client.txt, its exit code returned.
client() {
  wait_server_gone comreg_testexe.exe
  local rc=0
  w "$client" "${@:2}" > "$work/client.txt" || rc=$?
  report "$1: $(tail -1 "$work/client.txt")"
  return $rc
}

verify() {  # verify DESCRIPTION FOLDER > report
  w "$comreg_exe" verify "$(winpath "$1")" -D "installdir=$2" --scope machine
}

start=$SECONDS
step "one product: the test server and comreg's v3 fragment"
folder='C:\Program Files\Comreg MSI Test'
fragment "$description" "$work/single.fragment.wxs"
grep -q 'xmlns="http://schemas.microsoft.com/wix/2006/wi"' "$work/single.fragment.wxs" || fail "not a v3 fragment"
product "Comreg MSI Test" '{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5C00}' Comreg.TestServer.Registration \
  files/comreg_testsrv.dll files/comreg_testexe.exe > "$work/single.wxs"
build single
registry_rows single > "$work/single.rows.txt"
report "msiinfo export single.msi Registry: $(wc -l < "$work/single.rows.txt") rows"
sed 's/^/    /' "$work/single.rows.txt" | tee -a "$SUMMARY"
for key in 'CLSID\{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B61}\InprocServer32' \
           'CLSID\{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B63}\LocalServer32' \
           'ComregTest.ApartmentCalc.1\CLSID' 'ComregTest.LocalCalc\CurVer' \
           'AppID\{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B64}' 'Interface\{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B60}'; do
  grep -qF "Software\\Classes\\$key" "$work/single.rows.txt" || fail "no Registry row for $key"
done
# wixl ends every Key with a backslash (WiX 3 does not); Windows Installer ignores it.
grep -qF "$(printf 'InprocServer32\\\t\t[INSTALLFOLDER]comreg_testsrv.dll')" "$work/single.rows.txt" \
  || fail "the InprocServer32 row does not name [INSTALLFOLDER]comreg_testsrv.dll"

client "before install" --expect-fail || fail "a class is registered before the install"
msiexec /i single
[[ -f "$WINEPREFIX/drive_c/Program Files/Comreg MSI Test/comreg_testsrv.dll" ]] || fail "msiexec did not install the DLL"
client "after msiexec /i" || { cat "$work/client.txt"; fail "activation after msiexec /i"; }
grep -q "activated 3 classes (6 activations" "$work/client.txt" || fail "not every class activated"
sed 's/^/    /' "$work/client.txt" | head -n -1 | tee -a "$SUMMARY"
verify "$description" "$folder" > "$work/verify.txt" || { cat "$work/verify.txt"; fail "verify after msiexec /i"; }
report "verify after msiexec /i: exit 0, $(tail -1 "$work/verify.txt")"

msiexec /x single
client "after msiexec /x" --expect-fail || { cat "$work/client.txt"; fail "a class is still registered after msiexec /x"; }
grep -q "not registered, as expected: 3 classes" "$work/client.txt" || fail "expected 3 unregistered classes"
if verify "$description" "$folder" > "$work/verify.txt"; then fail "verify passes after msiexec /x"; fi
for clsid in 6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B61 6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B62 6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B63; do
  grep -q "^class {$clsid}" "$work/verify.txt" || { cat "$work/verify.txt"; fail "verify does not report class {$clsid}"; }
done
report "verify after msiexec /x: exit 1, $(grep -c '^class {' "$work/verify.txt") classes reported, $(tail -1 "$work/verify.txt")"
for key in 'CLSID\{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B61}' 'ComregTest.LocalCalc' \
           'AppID\{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B64}' 'Interface\{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B60}'; do
  if has_key "$key"; then fail "$key is still there after msiexec /x"; fi
done

step "two products sharing the AppID and the interface"
# A: the in-process server; B: the local server. Each with the AppID and the interface.
shared_elements=$(sed -n '/"appids"/,$p' "$description")
sed -n '1,/"servers"/p' "$description" | sed 's/Comreg.TestServer/Comreg.TestInproc/' > "$work/a.json"
sed -n '/"kind": "inproc"/,/^    }/p' "$description" | sed -e '1s/^/    {\n/' -e '$s/},/}/' >> "$work/a.json"
printf '  ],\n%s\n' "$shared_elements" >> "$work/a.json"
sed -n '1,/"servers"/p' "$description" | sed 's/Comreg.TestServer/Comreg.TestLocal/' > "$work/b.json"
sed -n '/"kind": "local"/,/^    }/p' "$description" | sed '1s/^/    {\n/' >> "$work/b.json"
printf '  ],\n%s\n' "$shared_elements" >> "$work/b.json"
declare -A folder=([a]='C:\Program Files\Comreg MSI A' [b]='C:\Program Files\Comreg MSI B')
fragment "$work/a.json" "$work/a.fragment.wxs"
fragment "$work/b.json" "$work/b.fragment.wxs"
product "Comreg MSI A" '{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5C0A}' Comreg.TestInproc.Registration \
  files/comreg_testsrv.dll > "$work/a.wxs"
product "Comreg MSI B" '{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5C0B}' Comreg.TestLocal.Registration \
  files/comreg_testexe.exe > "$work/b.wxs"
build a
build b
# The shared trees: the same component GUID in both packages (from the Component table).
component_guids() { msiinfo export "$work/$1.msi" Component | tail -n +4 | cut -f2 | tr -d '\r' | sort; }
shared=$(comm -12 <(component_guids a) <(component_guids b))
report "component GUIDs in both a.msi and b.msi: $(wc -l <<<"$shared") ($(tr '\n' ' ' <<<"$shared"))"
[[ $(wc -l <<<"$shared") -eq 3 ]] || fail "expected 3 shared components (AppID, AppID\\exe, interface)"

for first in a b; do
  second=$([[ $first == a ]] && echo b || echo a)
  step "install a and b, remove $first, then $second"
  msiexec /i a
  msiexec /i b
  client "a and b installed" || { cat "$work/client.txt"; fail "activation with both installed"; }
  verify "$work/a.json" "${folder[a]}" > /dev/null || fail "a does not verify"
  verify "$work/b.json" "${folder[b]}" > /dev/null || fail "b does not verify"
  msiexec /x "$first"
  # The shared keys stay, with their values: the one left verifies (AppID and interface too).
  verify "$work/$second.json" "${folder[$second]}" > "$work/verify.txt" \
    || { cat "$work/verify.txt"; fail "$second does not verify after $first was removed"; }
  report "$first removed: verify $second exit 0 ($(tail -1 "$work/verify.txt"))"
  for key in 'AppID\{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B64}' 'AppID\comreg_testexe.exe' \
             'Interface\{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B60}\NumMethods'; do
    has_key "$key" || fail "$key went with $first"
  done
  if verify "$work/$first.json" "${folder[$first]}" > /dev/null; then fail "$first still verifies after its removal"; fi
  client "$first removed" || true
  if [[ $first == a ]]; then
    grep -q "^LocalCalc by CLSID: 0x00000000 as expected" "$work/client.txt" || fail "the local server does not activate after a was removed"
    grep -q "^ApartmentCalc by CLSID: 0x80040154" "$work/client.txt" || fail "the in-process class is still registered after a was removed"
  else
    grep -q "^ApartmentCalc by CLSID: 0x00000000 as expected" "$work/client.txt" || fail "the in-process class does not activate after b was removed"
    grep -q "^LocalCalc by CLSID: 0x80040154" "$work/client.txt" || fail "the local server is still registered after b was removed"
  fi
  # 0x80040154 (REGDB_E_CLASSNOTREG, "UNEXPECTED" to the client) for the removed product's classes.
  grep -E "^[A-Za-z]+ by CLSID:" "$work/client.txt" | sed 's/^/    /' | tee -a "$SUMMARY"
  msiexec /x "$second"
  client "both removed" --expect-fail || { cat "$work/client.txt"; fail "a class is still registered after both were removed"; }
  for key in 'AppID\{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B64}' 'AppID\comreg_testexe.exe' \
             'Interface\{6A3B1C9E-2F4D-4E8A-9B7C-1D2E3F4A5B60}'; do
    if has_key "$key"; then fail "$key is still there after both products were removed"; fi
  done
  report "both removed: AppID, AppID\\comreg_testexe.exe and the interface gone"
done
report "wine:msi passed in $((SECONDS - start)) s"
