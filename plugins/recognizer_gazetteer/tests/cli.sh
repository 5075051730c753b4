#!/bin/bash
# CLI tests of the gazetteer over the project's samples and data lists.
. "$top_srcdir/tests/lib.sh"

D="$top_srcdir/data/vi"
LISTS="\"$D/countries.tsv\", \"$D/provinces.tsv\", \"$D/places.tsv\", \"$D/orgs.tsv\", \"$D/misc.tsv\""
mkcfg() {  # FILE THREADS EXTRA-OPTIONS OUT [TOP-LEVEL SETTING]
  cat >"$1" <<CFG
plugin_path = [ "$top_builddir/plugins" ];
threads = $2;
${5:-}
source = { plugin = "text"; paths = [ "$top_srcdir/samples" ]; include = [ "*.txt" ]; };
chain = (
  { plugin = "gazetteer"; lists = [ $LISTS ]; $3 },
  { plugin = "jsonl"; name = "out"; path = "$4"; }
);
CFG
}

run "$DOCPIPE" plugins gazetteer
expect_rc "plugins gazetteer exits 0" 0
expect_out "documents case_sensitive_acronyms" "case_sensitive_acronyms"
expect_out "documents overlap choices" "longest\|all|longest"

mkcfg "$TMP/g1.cfg" 1 "" "$TMP/g1.jsonl"
run "$DOCPIPE" run -c "$TMP/g1.cfg"
expect_rc "run over samples exits 0" 0
expect_file "country found" "$TMP/g1.jsonl" '"surface":"Hàn Quốc","value":"loc:country:kr"'
expect_file "acronym with its attributes" "$TMP/g1.jsonl" '"surface":"ADMM\+","value":"org:asean:admm-plus"'
expect_file "language, not the UK, in tiếng Anh" "$TMP/g1.jsonl" '"surface":"tiếng Anh","value":"misc:lang:en"'
expect_file "longest: Thành phố Hồ Chí Minh" "$TMP/g1.jsonl" '"surface":"Thành phố Hồ Chí Minh"'
expect_file "Mỹ as a country" "$TMP/g1.jsonl" '"surface":"Mỹ","value":"loc:country:us"'
expect_file "english translation" "$TMP/g1.jsonl" '"translations":\{"en":"South Korea"\}'
if grep -q '"surface":"Nga"' "$TMP/g1.jsonl"; then fail "bà Vũ Thị Nga is not Russia"; else ok "bà Vũ Thị Nga is not Russia"; fi
if grep '"id":"06_' "$TMP/g1.jsonl" | grep -q '"surface":"Anh"'; then fail "byline Quân Anh is not the UK"; else ok "byline Quân Anh is not the UK"; fi

# Every entity's code-point offsets slice the text to exactly its surface.
run python3 - "$TMP/g1.jsonl" <<'PY'
import json, sys
n = bad = 0
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    for e in d["entities"]:
        n += 1
        if d["text"][e["start"]:e["end"]] != e["surface"]:
            bad += 1
            print("bad span", d["id"], e)
print(n, "entities", bad, "bad")
sys.exit(1 if bad or n < 50 else 0)
PY
expect_rc "offsets slice to the surface" 0

# Same output with 4 threads.
mkcfg "$TMP/g4.cfg" 4 "" "$TMP/g4.jsonl"
run "$DOCPIPE" run -c "$TMP/g4.cfg"
expect_rc "4 threads exits 0" 0
expect_same "1 and 4 threads give identical output" "$TMP/g1.jsonl" "$TMP/g4.jsonl"

# The compiled cache: written on the first run, used on the second, same output.
mkcfg "$TMP/gc.cfg" 2 "cache = \"$TMP/gaz.cache\";" "$TMP/gc.jsonl"
run "$DOCPIPE" run -c "$TMP/gc.cfg"
expect_rc "run with cache exits 0" 0
if [ -s "$TMP/gaz.cache" ]; then ok "cache written"; else fail "cache written"; fi
expect_same "cache run output" "$TMP/g1.jsonl" "$TMP/gc.jsonl"
run "$DOCPIPE" run -c "$TMP/gc.cfg"
expect_rc "run from cache exits 0" 0
expect_same "output from the cache" "$TMP/g1.jsonl" "$TMP/gc.jsonl"

# overlap = all reports nested names too (the core keeps them with overlaps = "all").
mkcfg "$TMP/ga.cfg" 1 'overlap = "all";' "$TMP/ga.jsonl" 'overlaps = "all";'
run "$DOCPIPE" run -c "$TMP/ga.cfg"
expect_rc "overlap all exits 0" 0
if [ "$(grep -o '"entities":\[.*' "$TMP/ga.jsonl" | grep -o '"start"' | wc -l)" -gt \
     "$(grep -o '"entities":\[.*' "$TMP/g1.jsonl" | grep -o '"start"' | wc -l)" ]; then
  ok "overlap all gives more entities"; else fail "overlap all gives more entities"; fi
expect_file "nested ASEAN inside a long form" "$TMP/ga.jsonl" '"surface":"Hội nghị Quan chức Quốc phòng cấp cao các nước ASEAN".*"surface":"ASEAN"'

# A malformed list: the run stops before any document, naming file:line.
printf 'Lào\tLOC\tloc:la\tLaos\nViệt Nam\tLOC\n' >"$TMP/bad.tsv"
cat >"$TMP/bad.cfg" <<CFG
plugin_path = [ "$top_builddir/plugins" ];
source = { plugin = "text"; paths = [ "$top_srcdir/samples" ]; include = [ "*.txt" ]; };
chain = ( { plugin = "gazetteer"; lists = [ "bad.tsv" ]; },
          { plugin = "jsonl"; path = "$TMP/bad.jsonl"; } );
CFG
run "$DOCPIPE" run -c "$TMP/bad.cfg"
expect_rc "malformed list exits 78" 78
expect_err "error names file:line" "bad.tsv:2: expected 4 or 5"

# docpipe try with options.
run "$DOCPIPE" try gazetteer -o "lists=$D/countries.tsv" -o types=LOC "$top_srcdir/samples/05_hop-bao-bo-ngoai-giao.txt"
expect_rc "try exits 0" 0
expect_out "try finds Hoa Kỳ" '"surface":"Hoa Kỳ"'

finish
