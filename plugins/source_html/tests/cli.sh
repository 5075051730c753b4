#!/bin/bash
# CLI tests of the html source: samples/html through the real docpipe and the jsonl writer.
. "$top_srcdir/tests/lib.sh"

cat >"$TMP/html.cfg" <<CFG
plugin_path = [ "$top_builddir/plugins" ];
source = { plugin = "html"; paths = [ "$top_srcdir/samples/html" ]; include = [ "*.html" ]; };
chain = ( { plugin = "jsonl"; name = "out"; path = "$TMP/out.jsonl"; } );
CFG

run "$DOCPIPE" plugins html
expect_rc "plugins html exits 0" 0
expect_out "plugins html lists container" "container"

run "$DOCPIPE" run -c "$TMP/html.cfg"
expect_rc "run exits 0" 0
expect_no_err "libxml2 prints nothing" "parser error|HTML parser"
expect_file "title" "$TMP/out.jsonl" '"title":"Tàu Hải quân Hoàng gia Úc thăm Đà Nẵng"'
expect_file "date" "$TMP/out.jsonl" '"date":"2024-03-12"'
expect_file "author" "$TMP/out.jsonl" '"author":"Hải Yến"'
expect_file "keywords" "$TMP/out.jsonl" '"keywords":"Hải quân, Úc, Đà Nẵng, hợp tác quốc phòng"'
expect_file "caption segment" "$TMP/out.jsonl" '"kind":"caption"'
if grep -q 'analytics\|Trang chủ\|&amp;' "$TMP/out.jsonl"; then fail "script, nav and raw references dropped"; else ok "script, nav and raw references dropped"; fi

finish
