#!/bin/sh
# Build the libFuzzer targets of the sources (needs clang).
#   tests/fuzz/build.sh [OUTDIR]          (run from anywhere; OUTDIR default: ./fuzz-out)
# Then, e.g.:  OUTDIR/fuzz_news -max_total_time=60 tests/fuzz/corpus/news
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-fuzz-out}
mkdir -p "$out"
CC=${CC:-clang}
CFLAGS="-g -O1 -std=c11 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined"
CORE="$top/core/src/*.c"
LIB="$(ls "$top"/plugins/lib/*.c "$top"/plugins/lib/vi/*.c | grep -v doc_json_read.c)"   # the code plugins share (not their tests)
DEPS="$(pkg-config --cflags --libs libconfig libutf8proc) -lltdl -lpthread -lm"
build() { # name plugin-sources extra-flags
  name=$1; shift
  srcs=$1; shift
  # shellcheck disable=SC2086
  $CC $CFLAGS -DDOCPIPE_VERSION='"fuzz"' -I"$top/core/include" -I"$top/core/src" -I"$top/plugins/lib" \
    $CORE $LIB $srcs "$top/tests/fuzz/$name.c" "$@" $DEPS -o "$out/$name"
  echo "built $out/$name"
}
build fuzz_news "$(ls "$top"/plugins/source_news/*.c)"
build fuzz_html "$top/plugins/source_html/source_html.c" $(pkg-config --cflags --libs libxml-2.0)
build fuzz_jsonl "$top/plugins/source_jsonl/source_jsonl.c $top/plugins/lib/doc_json_read.c" $(pkg-config --cflags --libs jansson)
