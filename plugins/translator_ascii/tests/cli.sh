#!/bin/bash
# CLI tests of the ascii translator over the project's samples.
. "$top_srcdir/tests/lib.sh"

cat >"$TMP/ascii.cfg" <<CFG
plugin_path = [ "$top_builddir/plugins" ];
source = { plugin = "text"; paths = [ "$top_srcdir/samples" ]; include = [ "*.txt" ]; };
chain = (
  { plugin = "example"; type = "LOC"; words = [ "Hàn Quốc", "Đà Nẵng" ]; },
  { plugin = "ascii"; slug = true; },
  { plugin = "jsonl"; name = "out"; path = "$TMP/out.jsonl"; }
);
CFG

run "$DOCPIPE" plugins ascii
expect_rc "plugins ascii exits 0" 0
expect_out "plugins ascii documents slug" "slug_max"

run "$DOCPIPE" run -c "$TMP/ascii.cfg"
expect_rc "run exits 0" 0
expect_file "slug of a title" "$TMP/out.jsonl" "bo-ngoai-giao-tra-loi-cau-hoi"
expect_file "folded country" "$TMP/out.jsonl" "\"Han Quoc\""
expect_file "folded title translation" "$TMP/out.jsonl" "Bo Ngoai giao tra loi cau hoi"

finish
