#!/bin/bash
# A checkpoint resumes only the run that wrote it (issue #11, case 11): the
# fingerprint covers the pipeline as it will run (the config after @include
# and ${VAR}, plugin modules, data files) and the inputs file by file, so a
# changed included file, variable, data file, dead-letter path or input folder
# is refused with exit 64 and what changed; comments and thread counts may
# change.
. "$top_srcdir/tests/lib.sh"
cd "$TMP" || exit 1
export DOCPIPE_PLUGIN_PATH="$DOCPIPE_PLUGIN_PATH:$TEST_PLUGINS"

mkdir corpus
for i in $(seq -w 1 30); do printf 'Bài %s\n\nHà Nội đón đoàn Lào ngày %d/9.\n' "$i" $((10#$i % 28 + 1)) > corpus/d$i.txt; done
grep -v '^#' "$top_srcdir/data/vi/countries.tsv" | head -50 > countries.tsv
cat > chain.inc <<'CFG'
{ plugin = "example"; words = [ "Hà Nội" ]; type = "${PLACE_TYPE:-LOC}"; },
{ plugin = "gazetteer"; lists = [ "countries.tsv" ]; },
CFG
cat > r.cfg <<'CFG'
source = { plugin = "text"; lang = "vi"; };
checkpoint = "r.checkpoint";
chain = (
  { plugin = "failing"; sleep_ms = 20; },
  @include "chain.inc"
  { plugin = "jsonl"; path = "out/docs.jsonl"; }
);
CFG

run "$DOCPIPE" run -c r.cfg -q --threads 1 corpus
expect_rc "the reference run" 0
cp out/docs.jsonl ref.jsonl

# interrupted: a fresh run killed after its first checkpoint.
interrupted() {
  rm -rf out r.checkpoint
  ( DOCPIPE_TEST_CRASH_AT=after-checkpoint:1 "$DOCPIPE" run -c r.cfg -q --threads 1 "$@" corpus; exit $? ) >/dev/null 2>&1
  [ -e r.checkpoint ] || fail "the run was interrupted with a checkpoint"
}
refused() {  # NAME REGEX [RUN ARGS]
  local name=$1 why=$2; shift 2
  run "$DOCPIPE" run -c r.cfg -q --threads 1 --resume "$@" corpus
  expect_rc "$name: the resume is refused" 64
  expect_err "$name: the reason" "r.checkpoint was written by a different run \($why"
}

interrupted
sed -i 's/"gazetteer"; /"gazetteer"; min_length = 2; /' chain.inc
refused "an @included file changed" "the pipeline changed"
sed -i 's/min_length = 2; //' chain.inc

interrupted
PLACE_TYPE=ORG refused "a \${VAR} of the config changed" "the pipeline changed"

interrupted
echo "Ai Cập	LOC	eg	Egypt" >> countries.tsv
refused "a data file changed" "the pipeline changed"
sed -i '$d' countries.tsv

interrupted
refused "another dead-letter path" "the pipeline changed" --dead-letter other.jsonl

interrupted
printf 'Bài mới\n\nHà Nội.\n' > corpus/d15b.txt
refused "a file added to the input folder" "the inputs changed"
rm corpus/d15b.txt

interrupted
sleep 0.01; printf 'Hà Nội\n' >> corpus/d02.txt
refused "an input modified" "the inputs changed"
sed -i '$d' corpus/d02.txt

# What does not change the outputs may change: comments, threads.
interrupted
printf '# a comment added after the interruption\n' >> r.cfg
run "$DOCPIPE" run -c r.cfg -q --threads 2 --resume corpus
expect_rc "a comment and another thread count: the resume goes on" 0
expect_same "and ends with the reference output" out/docs.jsonl ref.jsonl
finish
