#!/usr/bin/env bash
# The bash completion, sourced and driven as bash drives it: COMP_WORDS and COMP_CWORD set,
# _comreg called, COMPREPLY checked.
#   completion_test.sh <comreg> <comreg.bash> <folder with sample descriptions>
set -uo pipefail
comreg=$1 script=$2 samples=$3
source "$script"

failures=0
# expect "EXPECTED WORDS" WORD...: completes the last WORD; COMPREPLY, sorted, must equal
# EXPECTED WORDS.
expect() {
  local want=$1
  shift
  COMP_WORDS=("$comreg" "$@")
  COMP_CWORD=$#
  COMPREPLY=()
  _comreg
  local got
  got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | xargs)
  if [[ $got != "$want" ]]; then
    echo "FAIL: comreg $* -> '$got', expected '$want'"
    failures=$((failures + 1))
  else
    echo "ok: comreg $* -> $got"
  fi
}
# expect_has WORD-EXPECTED WORD...: COMPREPLY must hold WORD-EXPECTED (among others).
expect_has() {
  local want=$1
  shift
  COMP_WORDS=("$comreg" "$@")
  COMP_CWORD=$#
  COMPREPLY=()
  _comreg
  # A loop, not `printf | grep -q`: under pipefail, grep leaving at the first match can end
  # printf with SIGPIPE and fail a list that holds the word (seen under the sanitizers).
  local word
  for word in "${COMPREPLY[@]}"; do
    if [[ $word == "$want" ]]; then
      echo "ok: comreg $* -> has $want"
      return
    fi
  done
  echo "FAIL: comreg $* -> '${COMPREPLY[*]}' lacks '$want'"
  failures=$((failures + 1))
}

for cmd in validate plan reg manifest install uninstall verify guid new; do
  expect_has "$cmd" ""
done
expect "validate verify" "v"
expect "--help --version" "--"
expect "--format" validate --fo
expect "github json text" validate x.json --format ""
expect "machine" reg x.json --scope m
expect "32 64" plan x.json --view ""
expect "inproc local surrogate" new --kind ""
expect "struct" guid --format s
expect "--count" guid --co
expect "--dry-run" install x.json --dr
expect "--application" manifest x.json --app
expect "permonitor permonitorv2" manifest x.json --application a.exe --dpi-aware perm
expect "asInvoker" manifest x.json --application a.exe --execution-level as
expect "--long-path-aware" manifest x.json --long
expect_has "--output" new -
expect_has "--regedit4" reg x.json -
# FILE: descriptions, not other files.
expect_has "$samples/contoso-widgets.json" validate "$samples/contoso-"
expect "" validate "$samples/no-such-"
((failures == 0)) || { echo "$failures completion cases failed"; exit 1; }
