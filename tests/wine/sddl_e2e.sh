#!/usr/bin/env bash
# comreg's SDDL conversion against the Windows API's, under Wine: every SDDL string of the
# table goes through ConvertStringSecurityDescriptorToSecurityDescriptorW (sddl_win32.exe) and
# through comreg (sddl_compare), which compares the two descriptors.
#   sddl_e2e.sh <sddl_compare> <sddl_win32.exe> <sddl_table.txt> <work folder>
set -euo pipefail
compare=$1 win32=$2 table=$3 work=$4
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/wine_env.sh" "$work/prefix"

grep -v -e '^#' -e '^$' "$table" > "$work/sddl.txt"
w "$win32" "$(winpath "$work/sddl.txt")" > "$work/windows.txt"
"$compare" "$table" "$work/windows.txt" | tee "$work/compare.txt"
rc=${PIPESTATUS[0]}
report "sddl: $(grep -c '^same-bytes' "$work/compare.txt") same bytes," \
       "$(grep -c '^same-parts' "$work/compare.txt") same parts in Wine's layout," \
       "$(grep -c '^wine-lacks' "$work/compare.txt") Wine lacks," \
       "$(grep -c '^wine-differs' "$work/compare.txt") Wine differs," \
       "$(grep -c '^FAIL' "$work/compare.txt") failed"
exit "$rc"
