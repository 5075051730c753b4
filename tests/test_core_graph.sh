#!/bin/bash
# The core has no dependency circle (tests/core_graph.py: includes and the
# symbols its objects use, per file), and the checker finds one when there is.
. "$top_srcdir/tests/lib.sh"
graph="$top_srcdir/tests/core_graph.py"
run python3 "$graph" --self-test
expect_rc "the checker finds a planted circle" 0
run python3 "$graph" "$top_srcdir/core" "$top_builddir/core"
expect_rc "no circle among the files of core/" 0
expect_out "the built objects were read" "[1-9][0-9]* objects, [1-9][0-9]* dependencies, 0 circles"
[ "$RC" -eq 0 ] || printf '%s\n' "$OUT"
finish
