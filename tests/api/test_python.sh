#!/bin/bash
# The Python binding (python/docpipe) against this build's library and plugins.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/api/asan_preload.sh"
: "${top_builddir:?top_builddir is not set}"
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }
export PYTHONPATH="$top_srcdir/python" DOCPIPE_LIBRARY="$top_builddir/core/.libs/libdocpipe.so.2"
run python3 "$top_srcdir/python/tests/test_binding.py"
printf '%s\n' "$ERR" | grep -E '^(test_|FAIL|ERROR|Ran|OK)' | head -40
expect_rc "the binding's unit tests pass" 0
finish
