#!/bin/bash
# Scanner vs PCRE2 for the dates recognizer, measured in one run.
#   plugins/recognizer_dates/bench/run.sh BUILD_DIR [FILES…]   (default: samples/*.txt)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
build=$(cd "${1:-$top/build}" && pwd); shift || true
files=("$@"); [ ${#files[@]} -gt 0 ] || files=("$top"/samples/*.txt)
out=$(mktemp -d)
cc -O2 -std=c11 -D_GNU_SOURCE -I"$top/core/include" -I"$top/plugins/lib" "$here/scanner_vs_pcre2.c" \
   "$here/../recognizer_dates.c" "$top/plugins/lib/vi/vi_date.c" \
   $(pkg-config --cflags --libs libpcre2-8) -L"$build/core/.libs" -Wl,-rpath,"$build/core/.libs" -ldocpipe -o "$out/bench"
"$out/bench" "${files[@]}"
rm -rf "$out"
