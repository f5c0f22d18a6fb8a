# Bash completion for comreg. Commands, options and option values are read from comreg's own
# help ("comreg --help", "comreg COMMAND --help"), so a new command or option completes without
# a change here. Installed as share/bash-completion/completions/comreg; or: source comreg.bash

# _comreg_options HELP-TEXT: every option name of the help's option lines.
_comreg_options() {
  local line names
  while IFS= read -r line; do
    [[ $line =~ ^\ \ (-[^ ]+) ]] || continue
    names=${BASH_REMATCH[1]}
    printf '%s\n' ${names//,/ }
  done <<<"$1"
}

# _comreg_option_kind HELP-TEXT OPTION: "flag", "value", or the "{a,b,c}" choices of OPTION.
_comreg_option_kind() {
  local line names spec
  while IFS= read -r line; do
    [[ $line =~ ^\ \ (-[^ ]+)(\ +([^ ]+))? ]] || continue
    names=",${BASH_REMATCH[1]},"
    [[ $names == *",$2,"* ]] || continue
    spec=${BASH_REMATCH[3]}
    if [[ $spec =~ \{([^}]*)\} ]]; then
      printf '%s\n' "${BASH_REMATCH[1]//,/ }"
    elif [[ -z $spec || $spec == Excludes: || $spec == Needs: ]]; then
      echo flag
    else
      echo value
    fi
    return
  done <<<"$1"
  echo flag
}

_comreg() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
  local program=${COMP_WORDS[0]} command="" i
  COMPREPLY=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    if [[ ${COMP_WORDS[i]} != -* ]]; then
      command=${COMP_WORDS[i]}
      break
    fi
  done

  local help
  if [[ -z $command ]]; then
    help=$("$program" --help 2>/dev/null)
    if [[ $cur == -* ]]; then
      COMPREPLY=($(compgen -W "$(_comreg_options "$help")" -- "$cur"))
    else
      local commands
      commands=$(awk '/^Subcommands:/{on=1; next} on && /^$/{exit} on && /^  [a-z]/{print $1}' \
        <<<"$help")
      COMPREPLY=($(compgen -W "$commands" -- "$cur"))
    fi
    return 0
  fi

  help=$("$program" "$command" --help 2>/dev/null)
  if [[ $prev == -* ]]; then
    local kind
    kind=$(_comreg_option_kind "$help" "$prev")
    if [[ $kind == value ]]; then
      compopt -o filenames 2>/dev/null
      COMPREPLY=($(compgen -f -- "$cur"))
      return 0
    elif [[ $kind != flag ]]; then
      COMPREPLY=($(compgen -W "$kind" -- "$cur"))
      return 0
    fi
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_comreg_options "$help")" -- "$cur"))
  else
    # The description: JSON files and the folders on the way to them.
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X '!*.json' -- "$cur"))
  fi
  return 0
}
complete -F _comreg comreg
