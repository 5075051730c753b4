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

# CoNLL: gold spans ORG, LOC, PER, LOC; predicted ORG (too long), PER, LOC (I- start);
# tp 2 -> P 2/3, R 2/4, F1 4/7; token accuracy 8/11.
run python3 "$E" conll "$F/gold.conll" "$F/pred.conll"
expect_rc "conll exits 0" 0
expect_out "token accuracy" "token accuracy 0\.727"
expect_out "LOC span row" "^LOC +2 +1 +1 +1\.000 +0\.500 +0\.667$"
expect_out "conll overall" "^overall +4 +3 +2 +0\.667 +0\.500 +0\.571$"

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
