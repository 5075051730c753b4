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

# Depth (issue #11, case 9): libxml2 stops at 256 levels.  A page within it is read whole; a deeper one is
# dead-lettered with the reason, never written with its body cut off (it used to be "ok" with 1 character).
mkdir -p "$TMP/deep"
for n in 250 300; do
  python3 -c 'import sys; n = int(sys.argv[1]); print("<html><body>" + "<div>" * n + "<p>Hà Nội và ASEAN họp.</p>" + "</div>" * n + "</body></html>")' $n > "$TMP/deep/d$n.html"
done
cat >"$TMP/deep.cfg" <<CFG
plugin_path = [ "$top_builddir/plugins" ];
source = { plugin = "html"; paths = [ "$TMP/deep" ]; };
dead_letter = "$TMP/deep-dl.jsonl";
chain = ( { plugin = "jsonl"; name = "out"; path = "$TMP/deep.jsonl"; segments = false; } );
CFG
run "$DOCPIPE" run -c "$TMP/deep.cfg" -q
expect_rc "a page nested deeper than 256: exit 65" 65
expect_file "a page 250 deep is read whole" "$TMP/deep.jsonl" '"id":"d250".*"text":"Hà Nội và ASEAN họp."'
[ "$(wc -l < "$TMP/deep.jsonl")" -eq 1 ] && ok "the deeper page is not written" || fail "the deeper page is not written" "$(cat "$TMP/deep.jsonl")"
expect_file "it is dead-lettered, the reason named" "$TMP/deep-dl.jsonl" '"id":"d300".*nest deeper than libxml2.s limit of 256 levels'

finish
