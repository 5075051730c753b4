#!/bin/bash
# render_gold.py renders every gold surface through the glossary alone and scores the English:
# a tiny gold file whose renderings are known (a gazetteer name, a composed name) and one that
# no row covers.
. "$top_srcdir/tests/lib.sh"
R="$top_srcdir/tests/eval/render_gold.py"

printf 'doc\ttype\tsurface\tenglish\tnote\n' >"$TMP/gold.tsv"
printf 'a\tORG\tBộ Quốc phòng\tMinistry of National Defence\t\n' >>"$TMP/gold.tsv"
printf 'a\tORG\tTrung tâm Huấn luyện thực tế ảo\tVirtual Reality Training Centre\t\n' >>"$TMP/gold.tsv"
printf 'b\tORG\tHội Xyzâbc qưert\tQwert Xyzabc Society\t\n' >>"$TMP/gold.tsv"
printf 'b\tLOC\tHàn Quốc\tSouth Korea\t\n' >>"$TMP/gold.tsv"
printf 'b\tPER\tNguyễn Văn A\tNguyen Van A\t\n' >>"$TMP/gold.tsv"

run python3 "$R" --docpipe "$DOCPIPE" --plugins "$DOCPIPE_PLUGIN_PATH" --errors --out "$TMP/r.jsonl" "$TMP/gold.tsv"
expect_rc "render_gold exits 0" 0
expect_out "ORG: 2 of 3 right" "^ORG +3 +2 +0\\.667"
expect_out "LOC: 1 of 1" "^LOC +1 +1 +1\\.000"
expect_out "PER is not in the default types" "^overall +4 +3 "
expect_out "lists the miss" "^ORG	Hội Xyzâbc qưert	"
expect_file "keeps the run's JSON Lines" "$TMP/r.jsonl" "Virtual Reality Training Centre"

run python3 "$R" --docpipe "$DOCPIPE" --plugins "$DOCPIPE_PLUGIN_PATH" --types PER "$TMP/gold.tsv"
expect_out "--types PER" "^PER +1 +1 +1\\.000"

run python3 "$R" "$TMP/none.tsv"
expect_rc "a missing gold file exits 66" 66

finish
