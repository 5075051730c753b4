#!/bin/bash
# CLI tests of the ascii translator over the project's samples.
. "$top_srcdir/tests/lib.sh"

cat >"$TMP/ascii.cfg" <<CFG
plugin_path = [ "$top_builddir/plugins" ];
source = { plugin = "news"; paths = [ "$top_srcdir/samples" ]; include = [ "*.txt" ]; };
chain = (
  { plugin = "gazetteer"; lists = [ "$top_srcdir/data/vi/countries.tsv", "$top_srcdir/data/vi/provinces.tsv" ]; },
  { plugin = "ascii"; slug = true; },
  { plugin = "jsonl"; name = "out"; path = "$TMP/out.jsonl"; }
);
CFG

run "$DOCPIPE" plugins ascii
expect_rc "plugins ascii exits 0" 0
expect_out "plugins ascii documents slug" "slug_max"

run "$DOCPIPE" run -c "$TMP/ascii.cfg"
expect_rc "run exits 0" 0
expect_file "slug of the first sample's title" "$TMP/out.jsonl" "viet-nam-va-han-quoc-mo-rong-hop-tac"
expect_file "folded country" "$TMP/out.jsonl" "\"Han Quoc\""
expect_file "folded title translation" "$TMP/out.jsonl" "Viet Nam va Han Quoc mo rong hop tac"

finish
