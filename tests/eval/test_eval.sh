#!/bin/bash
# Tests of the evaluator (dp_eval.py) on a tiny hand-made gold/prediction pair
# whose scores were worked out by hand (see fixtures/).
. "$top_srcdir/tests/lib.sh"
E="$top_srcdir/tests/eval/dp_eval.py"
F="$top_srcdir/tests/eval/fixtures"

# TSV gold vs JSONL: LOC gold 3 pred 4 tp 3; ORG 1/1/0; PER 1/1/0; DATE 1/1/1;
# overall gold 6 pred 7 tp 4 -> P 4/7, R 4/6, F1 8/13; English 3 of 4 found match
# ('south korea!' = 'South Korea'; 'Lao' != 'Laos').  doc3 has no gold: not scored.
run python3 "$E" tsv "$F/gold.tsv" "$F/pred.jsonl"
expect_rc "tsv exits 0" 0
expect_out "LOC row" "^LOC +3 +4 +3 +0\.750 +1\.000 +0\.857 +2/3 +0\.667$"
expect_out "ORG row" "^ORG +1 +1 +0 +0\.000 +0\.000 +0\.000"
expect_out "DATE row" "^DATE +1 +1 +1 +1\.000 +1\.000 +1\.000 +1/1"
expect_out "overall row" "^overall +6 +7 +4 +0\.571 +0\.667 +0\.615 +3/4 +0\.750$"
expect_out "unscored document reported" "1 predicted documents without gold not scored"

run python3 "$E" tsv --json --errors "$F/gold.tsv" "$F/pred.jsonl"
expect_rc "tsv --json exits 0" 0
expect_out "json overall f1" '"f1": 0.6154'
expect_out "json lists the partial PER as false" '"surface": "Nguyễn Chí"'

run python3 "$E" tsv --all-docs "$F/gold.tsv" "$F/pred.jsonl"
expect_out "--all-docs counts doc3" "^overall +6 +8 +4 +0\.500 +0\.667 +0\.571"

run python3 "$E" tsv --fail-under 0.9 "$F/gold.tsv" "$F/pred.jsonl"
expect_rc "--fail-under fails below the bar" 1
run python3 "$E" tsv --fail-under 0.6 "$F/gold.tsv" "$F/pred.jsonl"
expect_rc "--fail-under passes above it" 0

# --types: only PER, LOC, ORG of the same pair: DATE drops out (gold 5 pred 6 tp 3).
run python3 "$E" tsv --types PER,LOC,ORG "$F/gold.tsv" "$F/pred.jsonl"
expect_rc "--types exits 0" 0
expect_out "--types overall without DATE" "^overall +5 +6 +3 +0\.500 +0\.600 +0\.545"
if printf '%s\n' "$OUT" | grep -q '^DATE'; then fail "--types drops the DATE row"; else ok "--types drops the DATE row"; fi
run python3 "$E" tsv --types LOC "$F/gold.tsv" "$F/pred.jsonl"
expect_out "--types LOC alone" "^overall +3 +4 +3 +0\.750 +1\.000 +0\.857"
run python3 "$E" tsv --types , "$F/gold.tsv" "$F/pred.jsonl"
expect_rc "--types without a type is a usage error" 64

# --ignore-leading-lower on lower-gold.tsv / lower-pred.jsonl (three documents,
# two prefixes).  As written only 3 of 11 gold pairs match, and the prediction
# has 12 pairs; stripping leading lowercase words ('tỉnh', 'đội tuyển', 'năm',
# 'ông', 'đường', 'thủ đô') from both sides makes 8 match.  'thủ đô Hà Nội' and
# 'Hà Nội' become one pair (12 -> 11); 'HLV' (capitals), 'UBND tỉnh …' (capital
# first), 'iPhone 16' (a capital inside) keep their words, so 'HLV Kim Sang-sik'
# stays false and MISC 'iPhone 16' does not meet '16'; 'qdnd.vn' is not
# stripped to nothing.  P = R = 8/11.
run python3 "$E" tsv "$F/lower-gold.tsv" "$F/lower-pred.jsonl"
expect_out "as written: 3 of 11" "^overall +11 +12 +3 +0\.250 +0\.273 +0\.261"
run python3 "$E" tsv --ignore-leading-lower --errors "$F/lower-gold.tsv" "$F/lower-pred.jsonl"
expect_rc "--ignore-leading-lower exits 0" 0
expect_out "stripped: 8 of 11" "^overall +11 +11 +8 +0\.727 +0\.727 +0\.727"
expect_out "DATE 'năm 2024' meets '2024'" "^DATE +1 +1 +1 +1\.000"
expect_out "a capitalised title stays in the span" "false	PER	HLV Kim Sang-sik"
expect_out "'iPhone' is not a lowercase word" "missed	MISC	iPhone 16"
expect_out "one lowercase word is kept" "missed	ORG	qdnd\.vn"

# --by-prefix with --types PER,LOC,ORG: sports (2 docs) 4 of 5, local (1 doc) 3 of 4.
run python3 "$E" tsv --ignore-leading-lower --types PER,LOC,ORG --by-prefix "$F/lower-gold.tsv" "$F/lower-pred.jsonl"
expect_rc "--by-prefix exits 0" 0
expect_out "overall of the three types" "^overall +9 +9 +7 +0\.778 +0\.778 +0\.778"
expect_out "sports row" "^sports +2 +5 +5 +4 +0\.800 +0\.800 +0\.800"
expect_out "local row" "^local +1 +4 +4 +3 +0\.750 +0\.750 +0\.750"
run python3 "$E" tsv --json --ignore-leading-lower --by-prefix "$F/lower-gold.tsv" "$F/lower-pred.jsonl"
if printf '%s' "$OUT" | python3 -c '
import json, sys
r = json.load(sys.stdin)
s = r["by_prefix"]["sports"]
assert s["documents"] == 2 and s["scores"][-1]["tp"] == 5 and s["scores"][-1]["gold"] == 6, s
assert r["by_prefix"]["local"]["scores"][-1]["tp"] == 3 and r["ignore_leading_lower"] is True
'; then ok "--json holds the groups"; else fail "--json holds the groups"; fi

# CoNLL: gold spans ORG, LOC, PER, LOC; predicted ORG (too long), PER, LOC (I- start);
# tp 2 -> P 2/3, R 2/4, F1 4/7; token accuracy 8/11.
run python3 "$E" conll "$F/gold.conll" "$F/pred.conll"
expect_rc "conll exits 0" 0
expect_out "token accuracy" "token accuracy 0\.727"
expect_out "LOC span row" "^LOC +2 +1 +1 +1\.000 +0\.500 +0\.667$"
expect_out "conll overall" "^overall +4 +3 +2 +0\.667 +0\.500 +0\.571$"

# leftover on leftover.jsonl: 9 distinct ORG/EVENT/MISC renderings (the LOC, and the ORG without
# English, are not counted; 'Hiệp hội Vận tải' counts twice, once per English). Leftovers: 'tải' in
# 'Van tai Association' (unmarked) and 'xúc tiến' (marked partial); 'Nguyễn Du' is a name (capitals),
# 'qdnd.vn' an address, 'do' an English word too, and 'tỉnh' in 'Ha Tinh Provincial Police' is the
# syllable of 'Hà Tĩnh'.  Share 2/9.
run python3 "$E" leftover --errors "$F/leftover.jsonl"
expect_rc "leftover exits 0" 0
expect_out "leftover ORG row" "^ORG +7 +0 +1 +0\.143 +0/1"
expect_out "leftover EVENT row, marked" "^EVENT +1 +1 +1 +1\.000 +1/1"
expect_out "leftover overall" "^overall +9 +1 +2 +0\.222 +1/2"
expect_out "names the unmarked leftover" "Van tai Association	tải	UNMARKED"
if printf '%s\n' "$OUT" | grep -q 'qdnd'; then fail "an address is no leftover"; else ok "an address is no leftover"; fi
run python3 "$E" leftover --types LOC "$F/leftover.jsonl"
expect_out "leftover --types LOC" "^overall +1 +0 +1 +1\.000"
run python3 "$E" leftover --fail-over 0.2 "$F/leftover.jsonl"
expect_rc "leftover --fail-over fails above the share" 1
run python3 "$E" leftover --fail-over 0.3 --json "$F/leftover.jsonl"
expect_rc "leftover --fail-over passes below it" 0
expect_out "leftover --json share" '"leftover_share": 0.2222'

# Bad input.
printf 'a\tB-LOC\n' >"$TMP/short.conll"
run python3 "$E" conll "$F/gold.conll" "$TMP/short.conll"
expect_rc "misaligned conll exits 65" 65
expect_err "names the difference" "differ|sentences"
run python3 "$E" tsv "$F/gold.tsv" "$TMP/none.jsonl"
expect_rc "missing file exits 66" 66
printf 'doc1\tLOC\n' >"$TMP/bad.tsv"
run python3 "$E" tsv "$TMP/bad.tsv" "$F/pred.jsonl"
expect_rc "bad gold exits 65" 65
expect_err "names file:line" "bad.tsv:1:"
run python3 "$E"
expect_rc "usage exits 64" 64

finish
