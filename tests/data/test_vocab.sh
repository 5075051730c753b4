#!/bin/bash
# Tests of data/scripts/check_vocab.py: the glossary files in data/vi-en pass it,
# and every rule fires on a fixture built to break it (fixtures/vocab-broken).
. "$top_srcdir/tests/lib.sh"
C="$top_srcdir/data/scripts/check_vocab.py"
F="$top_srcdir/tests/data/fixtures"

run python3 "$C"
expect_rc "data/vi-en passes" 0
expect_out "reports the files it read" "^ok: [0-9]+ files"

run python3 "$C" --gazetteers "$F/vocab-gazetteers" "$F/vocab-good"
expect_rc "a second English with note=, countries= rows and a context= name pass" 0

run python3 "$C" --gazetteers "$F/vocab-gazetteers" "$F/vocab-broken"
expect_rc "broken fixture fails" 1
expect_out "column count" "a-broken.tsv:2: 2 columns"
expect_out "unknown kind" "a-broken.tsv:3: unknown kind 'heading'"
expect_out "NFC" "a-broken.tsv:4: not NFC"
expect_out "leading space" "a-broken.tsv:5: leading or trailing space in vi"
expect_out "empty English" "a-broken.tsv:6: empty en"
expect_out "same phrase and kind, other English, no note" "a-broken.tsv:8: 'y tế' \(term\) is 'Health'"
expect_out "unknown note key" "a-broken.tsv:9: note: unknown key 'colour'"
expect_out "note key twice" "a-broken.tsv:10: note: key 'as' twice"
expect_out "extended kind on the wrong kind" "a-broken.tsv:11: as=document needs kind head_keep"
expect_out "Vietnamese left in the English" "a-broken.tsv:12: Vietnamese letters in the English"
expect_out "exact repeat" "a-broken.tsv:14: repeats .*a-broken.tsv:13"
expect_out "countries= not alone" "a-broken.tsv:15: note: countries= must be the only key"
expect_out "bad valid=" "a-broken.tsv:16: valid=2030"
expect_out "blank line" "a-broken.tsv:17: blank line"
expect_out "term row loads before its head row" "a-broken.tsv:18: term row loads before the head row at .*b-heads.tsv:2"
expect_out "known name without source" "known-names.tsv:2: known name without source="
expect_out "known name the gazetteer lists" "known-names.tsv:3: 'Liên hợp quốc' is already in countries.tsv"
expect_out "id prefix of the type" "known-names.tsv:4: id=org:cn:li-qiang: a PER id starts with 'per:'"
expect_out "known name of another kind" "known-names.tsv:5: known names are kind name"
expect_out "abbreviation without alone=" "abbreviations.tsv:2: abbreviation without alone="
expect_out "entity abbreviation without type" "abbreviations.tsv:3: alone=entity needs type="
expect_out "variant of a missing row" "abbreviations.tsv:4: variant_of=GDĐT: no such row"
expect_out "counts the problems" "^23 problems in 4 files$"

run python3 "$C" "$TMP/missing"
expect_rc "a missing path is a usage error" 2

finish
