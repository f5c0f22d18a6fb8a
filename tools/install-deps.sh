#!/usr/bin/env bash
# Installs what comreg needs from Debian's packages, only what is missing.
#   tools/install-deps.sh          build dependencies
#   tools/install-deps.sh test     build dependencies + what the full test suite uses
set -euo pipefail

packages=(cmake ninja-build g++ pkg-config nlohmann-json3-dev libcli11-dev libtinyxml2-dev catch2)
if [[ "${1:-}" == "test" ]]; then
  packages+=(python3)
fi

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
