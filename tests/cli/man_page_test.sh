#!/usr/bin/env bash
# Keeps docs/comreg.1 in step with the CLI: every command that "comreg --help" lists must have
# its ".SS comreg COMMAND" section, and every long option that "comreg COMMAND --help" lists
# must appear in the page. The failure names exactly what is missing.
#   man_page_test.sh <comreg> <comreg.1>
set -euo pipefail
comreg=$1 page=$2
# The page as text to search: roff's \- is a plain hyphen.
text="$(sed 's/\\-/-/g' "$page")"

commands() { "$comreg" --help | awk '/^Subcommands:/{on=1; next} on && /^$/{exit} on && /^  [a-z]/{print $1}'; }
long_options() { "$@" --help | grep -E '^  -' | grep -oE -- '--[a-z0-9][a-z0-9-]*' | sort -u; }

missing=()
list="$(commands)"
[[ -n "$list" ]] || { echo "FAIL: 'comreg --help' lists no commands"; exit 1; }
for option in $(long_options "$comreg"); do
  grep -qF -- "$option" <<<"$text" || missing+=("option $option of 'comreg'")
done
count=0
for cmd in $list; do
  count=$((count + 1))
  grep -qE "^\.SS \"comreg $cmd( |\")" <<<"$text" ||
    missing+=("command '$cmd': no .SS \"comreg $cmd ...\" section")
  for option in $(long_options "$comreg" "$cmd"); do
    grep -qF -- "$option" <<<"$text" || missing+=("option $option of 'comreg $cmd'")
  done
done
if ((${#missing[@]})); then
  echo "FAIL: $page does not describe:"
  printf '  %s\n' "${missing[@]}"
  exit 1
fi
echo "ok: $count commands and their options are in $page"
