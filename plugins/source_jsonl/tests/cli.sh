#!/bin/bash
# CLI tests of the jsonl source: samples/jsonl, a malformed line, and the round trip
# news -> jsonl writer -> jsonl source -> jsonl writer.
. "$top_srcdir/tests/lib.sh"

cat >"$TMP/jsonl.cfg" <<CFG
plugin_path = [ "$top_builddir/plugins" ];
source = { plugin = "jsonl"; paths = [ "$top_srcdir/samples/jsonl" ]; include = [ "*.jsonl" ]; };
chain = ( { plugin = "jsonl"; name = "out"; path = "$TMP/out.jsonl"; } );
CFG
run "$DOCPIPE" run -c "$TMP/jsonl.cfg"
expect_rc "run over samples/jsonl exits 0" 0
if [ "$(wc -l <"$TMP/out.jsonl")" -eq 4 ]; then ok "four records"; else fail "four records"; fi
expect_file "id kept" "$TMP/out.jsonl" '"id":"jsonl-003"'
expect_file "title field" "$TMP/out.jsonl" '"title":"Cần Thơ đón đoàn học viên quân sự Campuchia"'
expect_file "month date field" "$TMP/out.jsonl" '"date":"2025-01"'
expect_file "title segment" "$TMP/out.jsonl" '"kind":"title"'

# a malformed line is dead-lettered with file:line and the JSON column; the others go on
mkdir -p "$TMP/bad"
printf '%s\n' '{"id":"ok1","text":"Một."}' '{"id":"bad","text":' '{"id":"ok2","text":"Hai."}' >"$TMP/bad/x.jsonl"
cat >"$TMP/bad.cfg" <<CFG
plugin_path = [ "$top_builddir/plugins" ];
source = { plugin = "jsonl"; paths = [ "$TMP/bad" ]; };
chain = ( { plugin = "jsonl"; name = "out"; path = "$TMP/bad.jsonl"; } );
CFG
run "$DOCPIPE" run -c "$TMP/bad.cfg" --dead-letter "$TMP/dead.jsonl"
expect_rc "a failed line makes the run exit 65" 65
expect_file "good lines written" "$TMP/bad.jsonl" '"id":"ok2"'
expect_err "the message names the file and line" "x.jsonl:2"
expect_err "the message names the JSON column" "column"

# round trip: the news source's output read back gives the same records
cat >"$TMP/news.cfg" <<CFG
plugin_path = [ "$top_builddir/plugins" ];
source = { plugin = "news"; paths = [ "$top_srcdir/samples" ]; include = [ "*.txt" ]; };
chain = ( { plugin = "jsonl"; name = "out"; path = "$TMP/rt1.jsonl"; } );
CFG
cat >"$TMP/back.cfg" <<CFG
plugin_path = [ "$top_builddir/plugins" ];
source = { plugin = "jsonl"; paths = [ "$TMP/rt1.jsonl" ]; };
chain = ( { plugin = "jsonl"; name = "out"; path = "$TMP/rt2.jsonl"; } );
CFG
run "$DOCPIPE" run -c "$TMP/news.cfg"
expect_rc "news run exits 0" 0
run "$DOCPIPE" run -c "$TMP/back.cfg"
expect_rc "read-back run exits 0" 0
# the "source" (input path) differs by construction; everything else must be identical
sed -E 's/"source":"[^"]*",//' "$TMP/rt1.jsonl" >"$TMP/a"
sed -E 's/"source":"[^"]*",//' "$TMP/rt2.jsonl" >"$TMP/b"
expect_same "round trip preserves id, fields, text and segments" "$TMP/a" "$TMP/b"
expect_file "round trip kept a related segment" "$TMP/b" '"kind":"related"'

finish
