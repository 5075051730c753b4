#!/bin/bash
# CLI tests of the glossary translator: a real pipeline over the project's samples.
. "$top_srcdir/tests/lib.sh"

# Entities come from the core's example recognizer, so this test needs no other team's plugin.
cfg="$TMP/glossary.cfg"
cat >"$cfg" <<CFG
plugin_path = [ "$top_builddir/plugins" ];
data_path = [ "$top_srcdir/data" ];
threads = 2;
source = { plugin = "text"; paths = [ "$top_srcdir/samples" ]; include = [ "*.txt" ]; };
chain = (
  { plugin = "example"; name = "orgs"; type = "ORG";
    words = [ "Bộ Quốc phòng Hàn Quốc", "Cục Gìn giữ hòa bình Việt Nam", "Học viện Quốc phòng" ]; },
  { plugin = "example"; name = "events"; type = "EVENT";
    words = [ "Hội nghị Tham vấn hợp tác gìn giữ hòa bình Việt Nam – Hàn Quốc lần thứ 3" ]; },
  { plugin = "example"; name = "places"; type = "LOC"; words = [ "Hàn Quốc", "Biển Đông" ]; },
  { plugin = "glossary"; },
  { plugin = "jsonl"; name = "out"; path = "$TMP/out.jsonl"; }
);
CFG

run "$DOCPIPE" plugins glossary
expect_rc "plugins glossary exits 0" 0
expect_out "plugins glossary documents rank_convention" "rank_convention"
expect_out "plugins glossary documents spelling" "british"

run "$DOCPIPE" check -c "$cfg"
expect_rc "check accepts the pipeline" 0

run "$DOCPIPE" run -c "$cfg"
expect_rc "run over samples exits 0" 0
expect_file "ministry with country adjective" "$TMP/out.jsonl" "South Korean Ministry of National Defence"
expect_file "country rendered" "$TMP/out.jsonl" '"South Korea"'
expect_file "event composed with ordinal" "$TMP/out.jsonl" "3rd Vietnam-South Korea Peacekeeping Cooperation Consultation"
expect_file "gazetteer name" "$TMP/out.jsonl" "Vietnam Department of Peacekeeping Operations"
expect_file "rule recorded" "$TMP/out.jsonl" "english\\.rule"
expect_file "title field translated" "$TMP/out.jsonl" "\"title\""

# American spelling through the config
sed 's/plugin = "glossary";/plugin = "glossary"; spelling = "american";/' "$cfg" >"$TMP/am.cfg"
sed -i "s|$TMP/out.jsonl|$TMP/am.jsonl|" "$TMP/am.cfg"
run "$DOCPIPE" run -c "$TMP/am.cfg"
expect_rc "american run exits 0" 0
expect_file "american spelling" "$TMP/am.jsonl" "South Korean Ministry of National Defense"

# configuration errors
sed 's/plugin = "glossary";/plugin = "glossary"; rank_convention = "army";/' "$cfg" >"$TMP/bad.cfg"
run "$DOCPIPE" check -c "$TMP/bad.cfg"
expect_rc "bad enum is a config error" 78
expect_err "bad enum names the option" "rank_convention"

sed 's|plugin = "glossary";|plugin = "glossary"; ranks = "nowhere/ranks.tsv";|' "$cfg" >"$TMP/nodata.cfg"
run "$DOCPIPE" run -c "$TMP/nodata.cfg"
expect_rc "a missing data file is a config error" 78
expect_err "missing data names the file and every place searched" "no data file 'nowhere/ranks.tsv'; searched .*$top_srcdir/data/nowhere/ranks.tsv"

# The recognizers of the default chain, when they are built: every entity gets a rendering.
if [ -e "$top_builddir/plugins/recognizer_gazetteer/.libs/recognizer_gazetteer.so" ] &&
   [ -e "$top_builddir/plugins/source_news/.libs/source_news.so" ]; then
  cat >"$TMP/full.cfg" <<CFG
plugin_path = [ "$top_builddir/plugins" ];
data_path = [ "$top_srcdir/data" ];
source = { plugin = "news"; paths = [ "$top_srcdir/samples" ]; include = [ "*.txt" ]; };
chain = (
  { plugin = "gazetteer";
    lists = [ "$top_srcdir/data/vi/countries.tsv", "$top_srcdir/data/vi/orgs.tsv",
              "$top_srcdir/data/vi/places.tsv", "$top_srcdir/data/vi/misc.tsv" ]; },
  { plugin = "glossary"; },
  { plugin = "jsonl"; name = "out"; path = "$TMP/full.jsonl"; }
);
CFG
  run "$DOCPIPE" run -c "$TMP/full.cfg"
  expect_rc "gazetteer + glossary over samples: exit 0" 0
  expect_file "gazetteer + glossary: Ministry of National Defence" "$TMP/full.jsonl" "Ministry of National Defence"
fi

finish
