#!/bin/sh
# Times every comreg command as users run it (the real binary, one process per run) on the
# synthetic descriptions of make_description, and prints one row per command and size: CPU time
# (user + system) per class, the median of REPS runs, and peak RSS against input + output MB.
# A row is "linear" when its µs per class at the largest size is within 2× that at 1,000, and
# its peak within 2× of input + output (the notes column says which rule a row breaks).
# Usage: bench/commands.sh BUILD [SIZES="100 1000 10000 100000"] [REPS=3] [HIVE_MAX=10000]
# (COMREG=path and MAKE_DESCRIPTION=path override the programs taken from BUILD; ONLY=REGEX
# times only the commands whose row name matches the extended regular expression, e.g.
# ONLY='^(lint|gpp|wix)$'.)
# Hive rows stop at HIVE_MAX classes because they are the slowest (8 s of CPU to install 10,000
# classes, linear since comreg writes hives itself); raise it to time them at 100,000 too.
set -eu
build=$1
sizes=${2:-100 1000 10000 100000}
reps=${3:-3}
hive_max=${4:-10000}
comreg=${COMREG:-$build/cli/comreg}
make_description=${MAKE_DESCRIPTION:-$build/bench/make_description}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
def='installdir=C:\Program Files\Synthetic'

# run NAME SIZE INPUT_BYTES OUTPUT_FILE COMMAND…: times COMMAND REPS times (stdout to
# OUTPUT_FILE, or /dev/null when OUTPUT_FILE is -o's), prints the row.
run() {
  name=$1 size=$2 in_bytes=$3 out=$4
  shift 4
  if [ -n "${ONLY:-}" ] && ! printf '%s\n' "$name" | grep -Eq -- "$ONLY"; then return 0; fi
  : > "$work/times"
  i=0
  while [ "$i" -lt "$reps" ]; do
    [ -n "${BENCH_BEFORE_EACH:-}" ] && eval "$BENCH_BEFORE_EACH"
    rc=0
    /usr/bin/time -f '%U %S %M' -o "$work/time1" "$@" > "$work/stdout" 2> "$work/stderr" || rc=$?
    # lint and verify exit 1 on findings: a verdict, not a failed run.
    if [ "$rc" -gt 1 ]; then
      echo "$name $size failed ($rc):" >&2
      cat "$work/stderr" >&2
      exit 1
    fi
    tail -n 1 "$work/time1" >> "$work/times"
    i=$((i + 1))
  done
  [ "$out" = "-" ] && out_bytes=$(wc -c < "$work/stdout") || out_bytes=$(wc -c < "$out")
  mid=$(((reps + 1) / 2))
  cpu=$(awk '{ print $1 + $2 }' "$work/times" | sort -g | sed -n "${mid}p")
  rss=$(awk '{ print $3 }' "$work/times" | sort -n | sed -n "${mid}p")
  awk -v name="$name" -v size="$size" -v in_b="$in_bytes" -v out_b="$out_bytes" -v m="$cpu" \
    -v rss="$rss" 'BEGIN {
      peak = rss / 1024; io = (in_b + out_b) / 1e6
      note = peak > 2 * io && peak > 16 ? "memory > 2x i/o" : ""
      printf "%-22s %7d %10.2f %9.1f %9.1f %8.2f %9.2f  %s\n", name, size, m * 1e6 / size,
             m * 1e3, peak, io, peak / (io > 0 ? io : 1), note
    }'
}

printf '%-22s %7s %10s %9s %9s %8s %9s\n' command classes "us/class" "cpu ms" "peak MB" \
  "i/o MB" "peak/io"
for n in $sizes; do
  d=$work/d$n.json
  "$make_description" "$n" "$d"
  din=$(wc -c < "$d")
  "$comreg" reg "$d" -D "$def" -o "$work/d$n.reg"
  regin=$(wc -c < "$work/d$n.reg")
  run validate "$n" "$din" - "$comreg" validate "$d" -D "$def"
  run "plan (text)" "$n" "$din" - "$comreg" plan "$d" -D "$def"
  run "plan --format json" "$n" "$din" - "$comreg" plan "$d" -D "$def" --format json
  run reg "$n" "$din" "$work/out" "$comreg" reg "$d" -D "$def" -o "$work/out"
  run manifest "$n" "$din" "$work/out" "$comreg" manifest "$d" -o "$work/out"
  run wix "$n" "$din" - "$comreg" wix "$d" --property installdir=INSTALLFOLDER
  run rgs "$n" "$din" - "$comreg" rgs "$d" --module server.dll --variable installdir=INSTALLDIR
  run inno "$n" "$din" - "$comreg" inno "$d" --constant installdir=app
  run gpp "$n" "$din" - "$comreg" gpp "$d" -D "$def"
  run selfreg "$n" "$din" "$work/out" "$comreg" selfreg "$d" -o "$work/out"
  run lint "$n" "$din" - "$comreg" lint "$d" -D "$def"
  run "verify --against .reg" "$n" $((din + regin)) - "$comreg" verify "$d" -D "$def" \
    --against "$work/d$n.reg"
  run "import .reg" "$n" "$regin" "$work/out" "$comreg" import "$work/d$n.reg" --scope user \
    -o "$work/out"
  if [ "$n" -le "$hive_max" ]; then
    hive=$work/h$n
    # Every install starts from a new empty hive; uninstall from a hive holding the classes.
    BENCH_BEFORE_EACH="rm -f '$hive'"
    run "install --hive" "$n" "$din" "$hive" "$comreg" install "$d" -D "$def" --hive "$hive" \
      --create
    BENCH_BEFORE_EACH=
    hin=$(wc -c < "$hive")
    run "verify --against hive" "$n" $((din + hin)) - "$comreg" verify "$d" -D "$def" \
      --against "hive:$hive"
    run "import hive" "$n" "$hin" "$work/out" "$comreg" import "hive:$hive" --scope user \
      -o "$work/out"
    cp "$hive" "$work/installed"
    BENCH_BEFORE_EACH="cp '$work/installed' '$hive'"
    run "uninstall --hive" "$n" $((din + hin)) "$hive" "$comreg" uninstall "$d" -D "$def" \
      --hive "$hive"
    BENCH_BEFORE_EACH=
  fi
done
echo "load: $(uptime)"
