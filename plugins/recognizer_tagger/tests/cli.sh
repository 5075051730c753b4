#!/bin/bash
# CLI tests of the tagger: train with `docpipe train` on an annotated corpus,
# score with --eval, tag through `docpipe run` and score that with
# tests/eval/dp_eval.py conll; determinism; bad training input; refused models.
. "$top_srcdir/tests/lib.sh"
TOOL="$srcdir/tests/conll_tool.py"
EVAL="$top_srcdir/tests/eval/dp_eval.py"
FEATURES="$srcdir/vi-news.features"
D="$srcdir/tests/data"

# The project's corpus when it is there; else the small one written for these tests.
# FLOOR: an F1 a learner that learned nothing cannot reach (all O scores 0; a
# model trained on the six toy sentences scores about 0.25 on the small corpus).
if [ -f "$top_srcdir/data/corpus/vi-ner/train.conll" ]; then
  C="$top_srcdir/data/corpus/vi-ner"
  FLOOR=0.50
else
  C="$TMP/corpus"
  python3 "$TOOL" markup "$D/corpus/sentences.txt" "$C" || fail "markup_to_conll"
  FLOOR=0.45
fi
echo "# corpus: $C, F1 floor $FLOOR"
f1_of() { awk '$1 == "overall" { print $7 }' "$1"; }
at_least() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 >= b + 0) }'; }

run "$DOCPIPE" train --help
expect_rc "train --help exits 0" 0
expect_out "train --help lists --dev" "--dev FILE"
run "$DOCPIPE" --help
expect_out "docpipe --help lists train" "^  train +train, evaluate"

# `docpipe train` finds docpipe-train next to the running docpipe (a copy of the
# binary elsewhere has none, unless one is installed in the bindir).
if [ -x "$top_builddir/core/.libs/docpipe" ]; then
  mkdir -p "$TMP/bin"
  cp "$top_builddir/core/.libs/docpipe" "$TMP/bin/docpipe"
  run env LD_LIBRARY_PATH="$top_builddir/core/.libs" "$TMP/bin/docpipe" train --help
  if [ "$RC" -eq 0 ]; then
    ok "a docpipe-train installed in the bindir answered (the missing case is not testable here)"
  else
    expect_rc "no docpipe-train next to docpipe nor installed: exit 70" 70
    expect_err "the message says where it looked" "neither next to this docpipe nor in"
  fi
  ln -s "$DOCPIPE_TRAIN" "$TMP/bin/docpipe-train"
  run env LD_LIBRARY_PATH="$top_builddir/core/.libs" "$TMP/bin/docpipe" train --help
  expect_rc "docpipe-train next to docpipe is run" 0
  expect_out "its usage" "usage: docpipe train"
fi

# ---- training ------------------------------------------------------------------
run "$DOCPIPE" train -f "$FEATURES" --dev "$C/dev.conll" --seed 7 -o "$TMP/m.dpm" "$C/train.conll"
expect_rc "train exits 0" 0
expect_err "progress with the dev F1 after each epoch" "epoch +1/[0-9]+ .*dev P [0-9.]+ R [0-9.]+ F1 [0-9.]+"
expect_err "confidence temperature fitted on dev" "confidence temperature"
if [ -s "$TMP/m.dpm" ]; then ok "model written"; else fail "model written"; fi
run "$DOCPIPE" train -q -f "$FEATURES" --dev "$C/dev.conll" --seed 7 -o "$TMP/m2.dpm" "$C/train.conll"
expect_rc "second training exits 0" 0
expect_same "one seed, identical model bytes" "$TMP/m.dpm" "$TMP/m2.dpm"
run "$DOCPIPE" train --info "$TMP/m.dpm"
expect_rc "info exits 0" 0
expect_out "info lists the labels" "labels +[0-9]+: O .*B-PER I-PER"
expect_out "info names the sources, not machine paths" "train: train.conll; dev: dev.conll; features: vi-news.features"

# ---- --eval: per-type P/R/F1 with CoNLL spans ----------------------------------------
run "$DOCPIPE" train --eval "$C/test.conll" -m "$TMP/m.dpm"
expect_rc "eval exits 0" 0
expect_out "eval prints per-type rows" "^PER +[0-9]+ +[0-9]+ +[0-9]+ +[0-9.]+ +[0-9.]+ +[0-9.]+"
printf '%s\n' "$OUT" >"$TMP/eval.txt"
EVAL_F1=$(f1_of "$TMP/eval.txt")
echo "# docpipe train --eval: overall F1 $EVAL_F1"
if at_least "$EVAL_F1" "$FLOOR"; then ok "eval F1 $EVAL_F1 >= $FLOOR"; else fail "eval F1 $EVAL_F1 >= $FLOOR"; fi

# A broken learner: the same corpus with every entity tag replaced by O trains
# a model that finds nothing, and the floor catches it.
awk -F'\t' 'NF >= 2 { $NF = "O"; print; next } { print }' OFS='\t' "$C/train.conll" >"$TMP/allO.conll"
run "$DOCPIPE" train -q -f "$FEATURES" -o "$TMP/allO.dpm" "$TMP/allO.conll"
expect_rc "training on all-O data exits 0" 0
run "$DOCPIPE" train --eval "$C/test.conll" -m "$TMP/allO.dpm"
printf '%s\n' "$OUT" >"$TMP/evalO.txt"
if at_least "$(f1_of "$TMP/evalO.txt")" "$FLOOR"; then fail "a model without entities stays under the floor"; else ok "a model without entities stays under the floor"; fi

# ---- through the pipeline --------------------------------------------------------
python3 "$TOOL" text "$C/test.conll" "$TMP/docs"
mkcfg() {  # FILE THREADS OUT CHAIN…
  local f=$1 threads=$2 out=$3; shift 3
  {
    echo "plugin_path = [ \"$top_builddir/plugins\" ];"
    echo "threads = $threads;"
    echo "source = { plugin = \"text\"; title = false; paths = [ \"$TMP/docs\" ]; include = [ \"*.txt\" ]; };"
    echo "chain = ("
    for e in "$@"; do echo "  $e,"; done
    echo "  { plugin = \"jsonl\"; path = \"$out\"; }"
    echo ");"
  } >"$f"
}
TAGGER="{ plugin = \"tagger\"; model = \"$TMP/m.dpm\"; }"
DATA="$top_srcdir/data/vi"
RULES=("{ plugin = \"gazetteer\"; lists = [ \"$DATA/countries.tsv\", \"$DATA/provinces.tsv\", \"$DATA/places.tsv\", \"$DATA/orgs.tsv\", \"$DATA/misc.tsv\" ]; }"
       "{ plugin = \"names\"; ranks = \"$DATA/ranks.tsv\"; titles = \"$DATA/titles.tsv\"; countries = \"$DATA/countries.tsv\"; surnames = \"$top_srcdir/data/names/surnames.tsv\"; given = \"$top_srcdir/data/names/given.txt\"; middle = \"$top_srcdir/data/names/middle.tsv\"; }"
       "{ plugin = \"dates\"; }")
mkcfg "$TMP/t1.cfg" 1 "$TMP/t1.jsonl" "$TAGGER"
run "$DOCPIPE" run -q -c "$TMP/t1.cfg"
expect_rc "docpipe run with the tagger exits 0" 0
expect_file "entities carry the tagger's confidences" "$TMP/t1.jsonl" '"confidence":0\.[0-9]+,"instance":"tagger"'
run python3 "$TOOL" pred "$C/test.conll" "$TMP/t1.jsonl"
expect_rc "pipeline output aligns with the gold tokens" 0
printf '%s\n' "$OUT" >"$TMP/pred.conll"
run python3 "$EVAL" conll "$C/test.conll" "$TMP/pred.conll" --fail-under "$FLOOR"
expect_rc "dp_eval.py conll: pipeline F1 above the floor" 0
printf '%s\n' "$OUT" >"$TMP/run.txt"
RUN_F1=$(awk '$1 == "overall" { print $NF }' "$TMP/run.txt")
echo "# docpipe run + dp_eval.py conll: overall F1 $RUN_F1"
# The pipeline cuts sentences itself (one per line here), so the two agree up
# to the few sentences it splits at an inner full stop.
if awk -v a="$RUN_F1" -v b="$EVAL_F1" 'BEGIN { d = a - b; exit !(d < 0.03 && d > -0.03) }'; then
  ok "pipeline F1 $RUN_F1 is the --eval F1 $EVAL_F1 (within 0.03)"; else fail "pipeline F1 $RUN_F1 vs --eval F1 $EVAL_F1"; fi

mkcfg "$TMP/t2.cfg" 2 "$TMP/t2.jsonl" "$TAGGER"
run "$DOCPIPE" run -q -c "$TMP/t2.cfg"
expect_rc "2 threads exit 0" 0
expect_same "1 and 2 threads give identical output (one mapped model, read by both)" "$TMP/t1.jsonl" "$TMP/t2.jsonl"

# Alone, the rules alone, and both: the scores are printed (the combination is a target, not asserted).
mkcfg "$TMP/r.cfg" 1 "$TMP/r.jsonl" "${RULES[@]}"
mkcfg "$TMP/tr.cfg" 1 "$TMP/tr.jsonl" "${RULES[@]}" "$TAGGER"
for c in r tr; do
  run "$DOCPIPE" run -q -c "$TMP/$c.cfg"
  expect_rc "run $c exits 0" 0
  python3 "$TOOL" pred "$C/test.conll" "$TMP/$c.jsonl" PER,LOC,ORG,MISC >"$TMP/$c.conll"
  python3 "$EVAL" conll "$C/test.conll" "$TMP/$c.conll" >"$TMP/$c.txt"
done
echo "# PER/LOC/ORG/MISC F1: tagger $RUN_F1, rules $(awk '$1 == "overall" { print $NF }' "$TMP/r.txt"), both $(awk '$1 == "overall" { print $NF }' "$TMP/tr.txt")"

# ---- bad training input: every problem as file:line, exit 65 -----------------------------
run "$DOCPIPE" train -o "$TMP/x.dpm" "$D/ragged.conll"
expect_rc "ragged columns exit 65" 65
expect_err "ragged columns named" "ragged.conll:2: 3 columns, expected 2 as on line 1"
run "$DOCPIPE" train -o "$TMP/x.dpm" "$D/badtag.conll"
expect_rc "unknown tag exits 65" 65
expect_err "unknown tag named" "badtag.conll:2: unknown tag 'B_PER'"
run "$DOCPIPE" train -o "$TMP/x.dpm" "$D/empty.conll"
expect_rc "empty sentence exits 65" 65
expect_err "empty sentence named" "empty.conll:4: empty sentence"
printf 'Ông\tO\nH\xe0 N\tB-LOC\n' >"$TMP/bad-utf8.conll"
run "$DOCPIPE" train -o "$TMP/x.dpm" "$TMP/bad-utf8.conll"
expect_rc "invalid UTF-8 exits 65" 65
expect_err "invalid UTF-8 named" "bad-utf8.conll:2: invalid UTF-8 at byte 2"
run "$DOCPIPE" train -o "$TMP/x.dpm" "$D/iob2-after-o.conll"
expect_rc "I- after O in IOB2 exits 65" 65
expect_err "I- after O named, with the IOB1 hint" "iob2-after-o.conll:2: .*--scheme iob1"
if [ -e "$TMP/x.dpm" ]; then fail "nothing written on bad input"; else ok "nothing written on bad input"; fi
run "$DOCPIPE" train --scheme iob1 -o "$TMP/x.dpm" "$D/iob1.conll"
expect_rc "the IOB1 file trains with --scheme iob1" 0
run "$DOCPIPE" train --column 3 -o "$TMP/x.dpm" "$D/nested.conll"
expect_rc "a nested file trains on its second tag column" 0
run "$DOCPIPE" train --info "$TMP/x.dpm"
expect_out "--column 3 learned the inner LOC" "labels +3: O B-LOC I-LOC"
run "$DOCPIPE" train -o "$TMP/x.dpm" "$TMP/missing.conll"
expect_rc "a missing file exits 66" 66
printf 'templates = [ "lower[9]" ];\n' >"$TMP/bad.features"
run "$DOCPIPE" train -f "$TMP/bad.features" -o "$TMP/y.dpm" "$C/train.conll"
expect_rc "a bad features file exits 78" 78
expect_err "the bad template named with file:line" "bad.features:1: template 'lower\[9\]'"
run "$DOCPIPE" train --bogus
expect_rc "an unknown option exits 64" 64

# ---- models the tagger refuses ----------------------------------------------------------
mkcfg "$TMP/c.cfg" 1 "$TMP/c.jsonl" "{ plugin = \"tagger\"; model = \"$TMP/corrupt.dpm\"; }"
cp "$TMP/m.dpm" "$TMP/corrupt.dpm"
printf 'X' | dd of="$TMP/corrupt.dpm" bs=1 seek=200 conv=notrunc 2>/dev/null
run "$DOCPIPE" check -c "$TMP/c.cfg"
expect_rc "a damaged model: check exits 78" 78
expect_err "the checksum mismatch names both values" "checksum mismatch: header says [0-9a-f]{16}, content gives [0-9a-f]{16}"
run "$DOCPIPE" train -q -o "$TMP/plain.dpm" "$C/train.conll"
mkcfg "$TMP/f.cfg" 1 "$TMP/f.jsonl" "{ plugin = \"tagger\"; model = \"$TMP/plain.dpm\"; features = \"$FEATURES\"; }"
run "$DOCPIPE" check -c "$TMP/f.cfg"
expect_rc "a model trained with other templates: check exits 78" 78
expect_err "both template hashes named" "template hash [0-9a-f]{16}, but .*vi-news.features has template hash [0-9a-f]{16}"
mkcfg "$TMP/g.cfg" 1 "$TMP/g.jsonl" "{ plugin = \"tagger\"; model = \"$TMP/m.dpm\"; features = \"$FEATURES\"; }"
run "$DOCPIPE" check -c "$TMP/g.cfg"
expect_rc "the model's own features file is accepted" 0

run "$DOCPIPE" plugins tagger
expect_rc "plugins tagger exits 0" 0
expect_out "documents the model option" "model"
expect_out "documents marginals" "marginals"

# ---- the ready configs ------------------------------------------------------------------
for cfg in tagger tagger-rules; do
  run env DOCPIPE_TAGGER_MODEL="$TMP/m.dpm" "$DOCPIPE" check -c "$top_srcdir/config/$cfg.cfg"
  expect_rc "config/$cfg.cfg checks with a model" 0
done

finish
