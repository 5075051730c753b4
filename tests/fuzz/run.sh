#!/bin/bash
# shellcheck disable=SC2086,SC2046  # compiler-flag strings are split on purpose
# Build every libFuzzer target of tests/fuzz and run each for a bounded time.
#
#   tests/fuzz/run.sh BUILD_DIR SECONDS        (default: build-fuzz 20)
#
# Per target prints "fuzz NAME: ok (N runs)", or the crash (sanitizer report,
# stack, reproducer path).  Exits 1 when a target crashes or does not build;
# 0 with a message when clang is missing.  Environment:
#   FUZZ_PLUGIN_PATH  plugins folder of a built tree for fuzz_config (default:
#                     a plain build of the tree in BUILD_DIR/tree)
#   FUZZ_TARGETS      names to run (default: every tests/fuzz/fuzz_*.c)
#   FUZZ_JOBS         targets run at once (default: number of CPUs)
# Reproduce a crash:  BUILD_DIR/bin/fuzz_NAME BUILD_DIR/crashes/NAME-crash-…
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build-fuzz}
secs=${2:-20}
CC=${CC:-clang}

if ! command -v "$CC" >/dev/null 2>&1; then
  echo "fuzz: $CC not found; skipping the fuzz targets (install clang to run them)"
  exit 0
fi
for m in libconfig libutf8proc; do
  pkg-config --exists "$m" || { echo "fuzz: pkg-config does not know $m"; exit 1; }
done
mkdir -p "$build" || exit 1
build=$(cd "$build" && pwd)
mkdir -p "$build/obj" "$build/bin" "$build/corpus" "$build/crashes" "$build/logs"

CFLAGS="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -std=c11 -D_GNU_SOURCE"
CFLAGS="$CFLAGS -I$top/core/include -I$top/core/src"
# shellcheck disable=SC2207
BASE_LIBS=($(pkg-config --cflags --libs libconfig libutf8proc) -lltdl -lm -pthread)
status=0

# ---- the core, compiled once -------------------------------------------------
echo "fuzz: building the core and the targets in $build"
objs=()
for src in "$top"/core/src/*.c; do
  o="$build/obj/$(basename "${src%.c}").o"
  objs+=("$o")
  # -DDOCPIPE_PLUGINDIR: never pick up installed plugins
  $CC $CFLAGS -DDOCPIPE_VERSION='"fuzz"' -DDOCPIPE_PLUGINDIR='"/nonexistent/docpipe-plugins"' \
    $(pkg-config --cflags libconfig libutf8proc) -c "$src" -o "$o" 2>>"$build/logs/core.log" &
done
wait
for o in "${objs[@]}"; do
  [ -f "$o" ] || { echo "fuzz: the core did not build:"; tail -30 "$build/logs/core.log"; exit 1; }
done
rm -f "$build/obj/libcore.a"
ar rcs "$build/obj/libcore.a" "${objs[@]}" || exit 1

# ---- targets: name, plugin folder (its top-level *.c are linked), pkg-config modules
targets=(
  "news|plugins/source_news|"
  "html|plugins/source_html|libxml-2.0"
  "jsonl|plugins/source_jsonl|jansson"
  "gazetteer_tsv|plugins/recognizer_gazetteer|"
  "glossary_tsv|plugins/translator_glossary|"
  "config||"
  "decode||"
)
want=" ${FUZZ_TARGETS:-} "

built=()
for t in "${targets[@]}"; do
  IFS='|' read -r name pdir mods <<<"$t"
  [ -f "$top/tests/fuzz/fuzz_$name.c" ] || continue
  [ "$want" = "  " ] || [[ "$want" == *" $name "* ]] || continue
  if [ -n "$mods" ] && ! pkg-config --exists $mods; then
    echo "fuzz $name: skipped ($mods not installed)"
    continue
  fi
  # every target links the code plugins share (plugins/lib: the language libraries)
  # (not their tests; the JSON record reader only where jansson is linked)
  srcs=()
  for f in "$top"/plugins/lib/*.c "$top"/plugins/lib/vi/*.c; do
    case "$f" in */doc_json_read.c) [[ "$mods" == *jansson* ]] || continue ;; esac
    srcs+=("$f")
  done
  inc=(-I"$top/plugins/lib")
  if [ -n "$pdir" ]; then
    srcs+=("$top/$pdir"/*.c)
    inc+=(-I"$top/$pdir")
  fi
  extra=()
  [ -n "$mods" ] && read -r -a extra <<<"$(pkg-config --cflags --libs $mods)"
  if $CC $CFLAGS "${inc[@]}" "$top/tests/fuzz/fuzz_$name.c" "${srcs[@]}" "$build/obj/libcore.a" \
      "${extra[@]}" "${BASE_LIBS[@]}" -o "$build/bin/fuzz_$name" >"$build/logs/build-$name.log" 2>&1; then
    built+=("$name")
  else
    echo "fuzz $name: BUILD FAILED"
    tail -20 "$build/logs/build-$name.log"
    status=1
  fi
done

# ---- plugins for fuzz_config -------------------------------------------------
plugin_path=${FUZZ_PLUGIN_PATH:-}
if [[ " ${built[*]} " == *" config "* ]] && [ -z "$plugin_path" ]; then
  if [ -x "$top/configure" ]; then
    echo "fuzz: building the plugins for fuzz_config in $build/tree"
    mkdir -p "$build/tree"
    if ( cd "$build/tree" && { [ -f Makefile ] || "$top/configure" --quiet; } &&
         make -j"$(nproc)" --quiet ) >"$build/logs/tree.log" 2>&1; then
      plugin_path="$build/tree/plugins"
    else
      echo "fuzz: the tree did not build (see $build/logs/tree.log); fuzz_config runs without plugins"
    fi
  else
    echo "fuzz: no configure script (run ./autogen.sh); fuzz_config runs without plugins"
  fi
fi

# ---- run ---------------------------------------------------------------------
run_one() {  # name
  local name=$1 corpus="$build/corpus/$1" log="$build/logs/run-$1.log"
  mkdir -p "$corpus"
  if [ -d "$top/tests/fuzz/corpus/$name" ]; then
    cp -n "$top/tests/fuzz/corpus/$name"/* "$corpus"/ 2>/dev/null
  elif [ "$name" = gazetteer_tsv ]; then
    cp -n "$top"/data/vi/*.tsv "$corpus"/ 2>/dev/null   # its seeds: the project's lists
  fi
  rm -f "$build/crashes/$name"-*
  # run from an empty folder: nothing a target does lands in the tree
  mkdir -p "$build/runs/$name"
  ( cd "$build/runs/$name" &&
    FUZZ_PLUGIN_PATH="$plugin_path" \
    ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:${ASAN_OPTIONS:-}" \
    LSAN_OPTIONS="suppressions=$top/tests/lsan.supp:print_suppressions=0" \
    UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
    "$build/bin/fuzz_$name" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=25 \
      -print_final_stats=1 -artifact_prefix="$build/crashes/$name-" "$corpus" ) >"$log" 2>&1
  echo $? >"$build/logs/rc-$name"
}

jobs_max=${FUZZ_JOBS:-$(nproc)}
for name in "${built[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do wait -n; done
  run_one "$name" &
done
wait

for name in "${built[@]}"; do
  log="$build/logs/run-$name.log"
  rc=$(cat "$build/logs/rc-$name" 2>/dev/null || echo 1)
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [ "$rc" -eq 0 ]; then
    echo "fuzz $name: ok (${runs:-?} runs)"
  else
    status=1
    echo "fuzz $name: CRASH (exit $rc, ${runs:-?} runs; log $log)"
    # the sanitizer's report and stack, then where libFuzzer saved the input
    awk '/^==[0-9]+==ERROR|runtime error:|^==[0-9]+== ?ERROR: libFuzzer|deadly signal|Sanitizer/ {p=1}
         p && n < 60 {print "  " $0; n++}' "$log"
    for a in "$build/crashes/$name"-*; do
      [ -f "$a" ] && echo "  reproduce: $build/bin/fuzz_$name $a"
    done
  fi
done
exit $status
