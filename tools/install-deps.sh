#!/usr/bin/env bash
# Installs what comreg needs from Debian's packages, only what is missing.
#   tools/install-deps.sh          build dependencies
#   tools/install-deps.sh test     build dependencies + what the full test suite uses
#                                  (Wine and mingw-w64 for the end-to-end tests)
#   tools/install-deps.sh windows  build dependencies + mingw-w64 for `cmake --preset windows`
set -euo pipefail

packages=(cmake ninja-build g++ pkg-config nlohmann-json3-dev libcli11-dev libtinyxml2-dev catch2 libhivex-dev)
case "${1:-}" in
  test)  # the Wine end-to-end tests cross-build comreg.exe and run it under Wine; hivex's own
         # tools and libregf's regfexport (a second, independent reader) read back the hives
         # comreg writes; xz unpacks the Windows-written sample hives (tests/data/hives); clang
         # builds the sanitized suite and fuzzers; python3-jsonschema validates the SARIF logs
         # of audit and lint against the SARIF 2.1.0 schema; wixl and msitools (msiinfo,
         # msibuild) build and read the MSIs of wine:msi
    packages+=(wine64 wine g++-mingw-w64-x86-64-win32 mingw-w64-tools gcc-mingw-w64-i686-win32
               libhivex-bin libwin-hivex-perl libregf-utils xz-utils clang libclang-rt-14-dev
               python3-jsonschema wixl msitools) ;;
  windows)
    packages+=(g++-mingw-w64-x86-64-win32) ;;
esac

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
echo "install-deps: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
