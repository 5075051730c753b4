#!/bin/bash
# libdocpipe exports exactly core/libdocpipe.map, which covers every function
# of the public headers (docs/abi.md); the check itself finds a missing symbol.
. "$top_srcdir/tests/lib.sh"
: "${top_builddir:?top_builddir is not set}"
lib="$top_builddir/core/.libs/libdocpipe.so"
map="$top_srcdir/core/libdocpipe.map"
headers="$top_srcdir/core/include/docpipe"
run python3 "$top_srcdir/tests/abi_check.py" "$map" "$lib" "$headers"
expect_rc "the library exports its map, and the map covers the public headers" 0
[ "$RC" -eq 0 ] || printf '%s\n' "$OUT" | head -20
run python3 "$top_srcdir/tests/abi_check.py" --self-test "$map" "$lib" "$headers"
expect_rc "the check finds a disappeared, an unlisted and an unexported public symbol" 0
run readelf -d "$lib"
expect_out "the SONAME is libdocpipe.so.2 (docs/abi.md)" "SONAME.*\[libdocpipe\.so\.2\]"
run nm -D --defined-only "$lib"
if printf '%s\n' "$OUT" | awk '{print $3}' | grep -v '^dp_' | grep -v '^LIBDOCPIPE_' | grep -q .; then
  fail "only dp_ symbols are exported" "$(printf '%s\n' "$OUT" | awk '{print $3}' | grep -v '^dp_\|^LIBDOCPIPE_' | head -5)"
else
  ok "only dp_ symbols are exported"
fi
finish
