#!/bin/bash
# The lossless round trip: a record of the jsonl writer read back by the jsonl
# source is the same record, with every recognizer and translator on; and
# `docpipe run A.cfg | docpipe run B.cfg` gives the records of one run of A's
# and B's chains.  The "source" member names the input file, which differs by
# construction (a file, then standard input), so it is the one member compared
# apart.
. "$top_srcdir/tests/lib.sh"

MODEL="$top_builddir/plugins/recognizer_tagger/vi-ner.dpm"
TAGGER=""
if [ -f "$MODEL" ]; then
  TAGGER="{ plugin = \"tagger\"; model = \"$MODEL\"; min_confidence = 0.5; },"
else
  echo "# no trained tagger model: the round trip runs without the tagger"
fi
RECOGNIZERS="
  { plugin = \"gazetteer\";
    lists = [ \"$top_srcdir/data/vi/countries.tsv\", \"$top_srcdir/data/vi/provinces.tsv\",
              \"$top_srcdir/data/vi/places.tsv\", \"$top_srcdir/data/vi/orgs.tsv\", \"$top_srcdir/data/vi/misc.tsv\" ]; },
  { plugin = \"names\"; },
  { plugin = \"dates\"; numbers = true; money = true; urls = true; emails = true; },
  { plugin = \"example\"; words = [ \"Biển Đông\", \"ASEAN\" ]; type = \"MISC\"; },
  $TAGGER"
TRANSLATORS="
  { plugin = \"glossary\"; },
  { plugin = \"ascii\"; slug = true; },"
NEWS="source = { plugin = \"news\"; paths = [ \"$top_srcdir/samples\" ]; include = [ \"*.txt\" ]; };"
STDIN="source = { plugin = \"jsonl\"; paths = [ \"-\" ]; };"

# the plugins' default data (vi/ranks.tsv …) is found on the config's data_path
mkdir -p "$TMP/c"
cfg() { # NAME SOURCE CHAIN OUTPUT
  printf 'plugin_path = [ "%s/plugins" ];\ndata_path = [ "%s/data" ];\nthreads = 2;\n%s\nchain = (%s\n  { plugin = "jsonl"; name = "out"; path = "%s"; }\n);\n' \
    "$top_builddir" "$top_srcdir" "$2" "$3" "$4" >"$TMP/c/$1.cfg"
}
strip_source() { sed -E 's/"source":"[^"]*",//' "$1"; }

# one run of everything
cfg all "$NEWS" "$RECOGNIZERS $TRANSLATORS" "$TMP/all.jsonl"
run "$DOCPIPE" run -c "$TMP/c/all.cfg"
expect_rc "the whole chain in one run exits 0" 0
expect_file "it has entities with attributes" "$TMP/all.jsonl" '"attrs":\{"[a-z]'
expect_file "it has entity translations" "$TMP/all.jsonl" '"translations":\{"en":'
expect_file "it has entities with a value" "$TMP/all.jsonl" '"value":"[0-9]{4}-'
expect_file "it has confidences below 1" "$TMP/all.jsonl" '"confidence":0\.'

# read back and written again: the same records
cfg back "source = { plugin = \"jsonl\"; paths = [ \"$TMP/all.jsonl\" ]; };" "" "$TMP/back.jsonl"
run "$DOCPIPE" run -c "$TMP/c/back.cfg"
expect_rc "reading the records back exits 0" 0
strip_source "$TMP/all.jsonl" >"$TMP/a"
strip_source "$TMP/back.jsonl" >"$TMP/b"
expect_same "read back and written again, every record is the same" "$TMP/a" "$TMP/b"

# split between recognizers and translators, through a pipe
cfg recognize "$NEWS" "$RECOGNIZERS" "-"
cfg translate "$STDIN" "$TRANSLATORS" "$TMP/split.jsonl"
"$DOCPIPE" run -q -c "$TMP/c/recognize.cfg" | "$DOCPIPE" run -q -c "$TMP/c/translate.cfg" --stdin-jsonl 2>"$TMP/pipe.err"
if [ "${PIPESTATUS[0]}${PIPESTATUS[1]}" = "00" ]; then ok "recognize | translate exits 0"; else fail "recognize | translate exits 0" "$(head -5 "$TMP/pipe.err")"; fi
strip_source "$TMP/split.jsonl" >"$TMP/s"
expect_same "recognize | translate gives the records of one run" "$TMP/a" "$TMP/s"

# split inside the recognizers: A's entities keep their instances and lose to nothing of B's they beat in one run
cfg first "$NEWS" "$(printf '%s\n' "$RECOGNIZERS" | sed -n '1,5p')" "-"
cfg rest "$STDIN" "$(printf '%s\n' "$RECOGNIZERS" | sed -n '6,$p') $TRANSLATORS" "$TMP/split2.jsonl"
"$DOCPIPE" run -q -c "$TMP/c/first.cfg" | "$DOCPIPE" run -q -c "$TMP/c/rest.cfg" --stdin-jsonl 2>"$TMP/pipe2.err"
if [ "${PIPESTATUS[0]}${PIPESTATUS[1]}" = "00" ]; then ok "gazetteer | the rest exits 0"; else fail "gazetteer | the rest exits 0" "$(head -5 "$TMP/pipe2.err")"; fi
strip_source "$TMP/split2.jsonl" >"$TMP/d"
expect_same "gazetteer | the rest gives the records of one run" "$TMP/a" "$TMP/d"

# other offset units read back to the same record
for unit in utf16 byte; do
  cat >"$TMP/c/$unit.cfg" <<CFG
plugin_path = [ "$top_builddir/plugins" ];
source = { plugin = "jsonl"; paths = [ "$TMP/all.jsonl" ]; };
chain = ( { plugin = "jsonl"; name = "out"; path = "$TMP/$unit.jsonl"; offset_unit = "$unit"; } );
CFG
  run "$DOCPIPE" run -c "$TMP/c/$unit.cfg"
  cfg "back-$unit" "source = { plugin = \"jsonl\"; paths = [ \"$TMP/$unit.jsonl\" ]; };" "" "$TMP/back-$unit.jsonl"
  run "$DOCPIPE" run -c "$TMP/c/back-$unit.cfg"
  expect_rc "records in $unit offsets read back" 0
  strip_source "$TMP/back-$unit.jsonl" >"$TMP/e"
  expect_same "records in $unit offsets read back to the same records" "$TMP/a" "$TMP/e"
done

# a record whose entity points beyond its text is refused with a message
mkdir -p "$TMP/bad"
printf '%s\n' '{"id":"x","text":"Hà Nội","segments":[],"entities":[{"start":0,"end":9,"type":"LOC"}]}' >"$TMP/bad/x.jsonl"
cfg bad "source = { plugin = \"jsonl\"; paths = [ \"$TMP/bad\" ]; };" "" "$TMP/bad.jsonl"
run "$DOCPIPE" run -c "$TMP/c/bad.cfg" --dead-letter "$TMP/dead.jsonl"
expect_rc "an entity beyond the text fails the record" 65
expect_err "the message says where" "entity 0: \[0, 9\) is beyond the text \(6 codepoints\)"

finish
