# Reading a hive with two independent readers: hivex (hivexregedit) and libregf (regfexport,
# Debian libregf-utils). Sourced by the CLI hive tests; they define fail() and $work.
# second_reader HIVE: both must list the same keys, and the same values with the same types
# and sizes (regfexport does not replay transaction logs: pass clean hives).

# The key paths of a hive, below its root, one a line, sorted without case.
hivex_keys() {
  hivexregedit --export "$1" '\' | sed -n 's/^\[\\\(.*\)\]$/\1/p' | grep -v '^$' | LC_ALL=C sort -f
}
regf_keys() {
  # regfexport prints "Key path: ROOT\A\B" per key, starting with the root key's own name.
  regfexport "$1" | sed -n 's/^Key path: [^\\]*\\\(.*\)$/\1/p' | LC_ALL=C sort -f
}
# Every value of a hive as "key<TAB>name<TAB>type<TAB>size", sorted; the unnamed one is
# "(default)". From hivexregedit's export (hex(N):bytes, hex:bytes, dword:…) …
hivex_values() {
  hivexregedit --export "$1" '\' | awk '
    function hexval(h,   i, v) { v = 0; h = tolower(h)
      for (i = 1; i <= length(h); i++) v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
      return v }
    /^\[/ { key = substr($0, 3, length($0) - 3); next }
    /^@=/ { name = "(default)"; rest = substr($0, 3) }
    /^"/ { if (!match($0, /^"([^"\\]|\\.)*"=/)) next
           name = substr($0, 2, RLENGTH - 3); rest = substr($0, RLENGTH + 1)
           gsub(/\\"/, "\"", name); gsub(/\\\\/, "\\", name) }
    /^(@|")/ {
      if (match(rest, /^hex\([0-9a-fA-F]+\):/)) { type = hexval(substr(rest, 5, RLENGTH - 6)); data = substr(rest, RLENGTH + 1) }
      else if (rest ~ /^hex:/) { type = 3; data = substr(rest, 5) }
      else if (rest ~ /^dword:/) { print key "\t" name "\t4\t4"; next }
      else { print key "\t" name "\t?\t?"; next }
      print key "\t" name "\t" type "\t" (data == "" ? 0 : gsub(/,/, ",", data) + 1) }' \
    | LC_ALL=C sort -f
}
# … and from regfexport's (Value: i name, Type: … (REG_…), Data size: N).
regf_values() {
  regfexport "$1" | awk '
    BEGIN { split("REG_NONE 0 REG_SZ 1 REG_EXPAND_SZ 2 REG_BINARY 3 REG_DWORD 4 " \
                  "REG_DWORD_LITTLE_ENDIAN 4 REG_DWORD_BIG_ENDIAN 5 REG_LINK 6 REG_MULTI_SZ 7 " \
                  "REG_RESOURCE_LIST 8 REG_FULL_RESOURCE_DESCRIPTOR 9 " \
                  "REG_RESOURCE_REQUIREMENTS_LIST 10 REG_QWORD 11 REG_QWORD_LITTLE_ENDIAN 11", f, " ")
            for (i = 1; i < 30; i += 2) if (f[i] != "") code[f[i]] = f[i + 1] }
    /^Key path: / { p = substr($0, 11); i = index(p, "\\"); key = i ? substr(p, i + 1) : ""; next }
    /^Value: / { name = substr($0, 8); sub(/^[0-9]+ /, "", name); next }
    /^Type: / { t = $0; sub(/.*\(/, "", t); sub(/\).*/, "", t); type = (t in code) ? code[t] : t; next }
    /^Data size: / { print key "\t" name "\t" type "\t" substr($0, 12) }' \
    | LC_ALL=C sort -f
}

second_reader() {
  command -v regfexport >/dev/null || return 0
  diff <(hivex_keys "$1") <(regf_keys "$1") > "$work/readers.diff" \
    || fail "regfexport and hivexregedit disagree on $1: $(head -20 "$work/readers.diff")"
  diff <(hivex_values "$1") <(regf_values "$1") > "$work/readers.diff" \
    || fail "regfexport and hivexregedit disagree on the values of $1: $(head -20 "$work/readers.diff")"
}
