#!/bin/bash
# Batch engine: determinism across thread counts, dead-letter, failure limit,
# kill -9 and resume at random moments, SIGINT, sharding (also through GNU
# parallel), streaming JSON Lines on a pipe.
. "$top_srcdir/tests/lib.sh"
cd "$TMP" || exit 1
export DOCPIPE_PLUGIN_PATH="$DOCPIPE_PLUGIN_PATH:$TEST_PLUGINS"

# A corpus of 400 documents with multi-byte text; a few carry a failure marker.
mkdir corpus
for i in $(seq -w 1 400); do
  printf 'Bài %s: Bộ Quốc phòng Việt Nam và ASEAN\n\nĐoàn đại biểu %s thăm Hà Nội ngày %d/9.\n' "$i" "$i" $((10#$i % 28 + 1)) > corpus/doc$i.txt
done
for i in 007 123 321; do echo "FAILME" >> corpus/doc$i.txt; done

pipeline() {  # $1: extra chain elements (before the writer), $2: output path
  cat <<CFG
source = { plugin = "text"; lang = "vi"; };
chain = (
  { plugin = "example"; words = [ "Bộ Quốc phòng", "ASEAN", "Hà Nội" ]; type = "ORG"; },
  $1
  { plugin = "jsonl"; path = "$2"; }
);
CFG
}
pipeline '{ plugin = "failing"; },' out1.jsonl > t1.cfg
pipeline '{ plugin = "failing"; },' outN.jsonl > tN.cfg

run "$DOCPIPE" run -c t1.cfg -q --threads 1 --dead-letter dl1.jsonl corpus
expect_rc "failed documents give exit 65" 65
run "$DOCPIPE" run -c tN.cfg -q --threads 4 --dead-letter dlN.jsonl corpus
expect_same "1 thread and 4 threads give byte-identical output" out1.jsonl outN.jsonl
expect_same "and the same dead-letter file" dl1.jsonl dlN.jsonl
[ "$(wc -l < out1.jsonl)" -eq 397 ] && ok "397 documents written" || fail "397 documents written" "$(wc -l < out1.jsonl)"
[ "$(wc -l < dl1.jsonl)" -eq 3 ] && ok "3 documents dead-lettered" || fail "3 dead-lettered"
expect_file "dead-letter record names id, instance and message" dl1.jsonl \
  '"id":"doc007","source":"corpus/doc007.txt","instance":"failing","message":"marker .FAILME. found"'

# Messages name the instance: kind and plugin, and the instance's own name when the config gives one.
pipeline '{ plugin = "failing"; name = "second"; },' named.jsonl > named.cfg
run "$DOCPIPE" run -c named.cfg -q corpus/doc007.txt corpus/doc001.txt
expect_rc "a failed document gives 65" 65
expect_err "the failure is prefixed with the instance" "doc007.txt \(document doc007\): \[recognizer:failing#second\] marker 'FAILME' found"

run "$DOCPIPE" run -c t1.cfg -q --max-failures 1 corpus
expect_rc "over --max-failures: exit 65" 65
expect_err "the limit is named" "more than 1 documents failed"
[ -e out1.jsonl.tmp ] && [ -e t1.checkpoint ] && ok "the limit leaves a resumable temp file and checkpoint" \
  || fail "the limit leaves a resumable temp file and checkpoint"
rm -f out1.jsonl.tmp t1.checkpoint

run "$DOCPIPE" run -c t1.cfg -q --max-failures 0.5% corpus
expect_rc "over a failure share: exit 65" 65
expect_err "the share is named" "of [0-9]+ documents failed, more than 0.5%"
run "$DOCPIPE" run -c t1.cfg -q --max-failures 5% corpus
expect_rc "under the failure share the run completes (65: some failed)" 65
expect_no_err "no stop under the share" "stopping"
run "$DOCPIPE" run -c t1.cfg -q --max-failures 150% corpus
expect_rc "a share of 100% or more is a usage error" 64

run "$DOCPIPE" run -c t1.cfg -q --stats stats.json corpus
python3 -c 'import json; d=json.load(open("stats.json")); assert d["ok"]==397 and d["failed"]==3 and d["instances"][1]["calls"]==400' \
  && ok "--stats JSON counts" || fail "--stats JSON counts" "$(cat stats.json)"

# Fatal error in a plugin: stops, exit 74, no final output.
pipeline '{ plugin = "failing"; fatal_on = "FAILME"; },' fatal.jsonl > fatal.cfg
run "$DOCPIPE" run -c fatal.cfg -q corpus
expect_rc "a fatal plugin error stops the run" 74
[ ! -e fatal.jsonl ] && ok "no final output after a fatal error" || fail "no final output after a fatal error"

# Out of memory is not the document's fault: the run stops with 70, nothing is dead-lettered.
pipeline '{ plugin = "failing"; nomem_on = "FAILME"; },' nomem.jsonl > nomem.cfg
run "$DOCPIPE" run -c nomem.cfg -q --dead-letter nomem-dl.jsonl corpus
expect_rc "out of memory in a plugin stops the run with 70" 70
expect_err "the instance and the reason are named" "\[recognizer:failing\] out of memory"
[ ! -e nomem.jsonl ] && [ ! -s nomem-dl.jsonl ] && ok "no final output and no dead letter after out of memory" \
  || fail "no final output and no dead letter after out of memory"
pipeline '{ plugin = "failing"; nomem_init = true; },' nomem.jsonl > nomem-init.cfg
for cmd in check run; do
  run "$DOCPIPE" $cmd -c nomem-init.cfg
  expect_rc "out of memory in init: $cmd exits 70" 70
  expect_err "$cmd names the instance" "nomem-init.cfg:4: recognizer 'failing' failed to start: out of memory"
done

# Kill -9 at random moments, resume: the result equals the uninterrupted run.
pipeline '{ plugin = "failing"; sleep_ms = 10; },' slow.jsonl > slow.cfg
for attempt in 1 2 3; do
  rm -f slow.jsonl slow.jsonl.tmp slow.checkpoint
  "$DOCPIPE" run -c slow.cfg -q --threads 2 corpus 2>/dev/null &
  pid=$!
  # A random moment after the first checkpoint (waited for: a loaded machine may take long to get there).
  for _ in $(seq 500); do [ -e slow.checkpoint ] && break; sleep 0.02; done
  sleep "0.$((RANDOM % 9))"
  kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
  [ ! -e slow.jsonl ] && ok "killed run $attempt left no final file" || fail "killed run $attempt left a final file"
  [ -e slow.checkpoint ] && ok "killed run $attempt left a checkpoint" || fail "killed run $attempt left a checkpoint"
  # A second kill during the resumed run, then a full resume.
  "$DOCPIPE" run -c slow.cfg -q --threads 2 --resume corpus 2>/dev/null &
  pid=$!
  sleep "1.$((RANDOM % 5))"
  kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
  run "$DOCPIPE" run -c slow.cfg -q --threads 2 --resume corpus
  expect_rc "resume $attempt completes (65: the 3 marked documents)" 65
  expect_same "resume $attempt output equals the uninterrupted run" slow.jsonl out1.jsonl
done

# SIGINT: finish in-flight, exit 130, resumable.
rm -f slow.jsonl slow.jsonl.tmp slow.checkpoint
"$DOCPIPE" run -c slow.cfg -q --threads 2 corpus 2>sigint.err &
pid=$!
# Once it runs (its lock is taken; a SIGINT before docpipe starts would hit a shell's ignored SIGINT).
for _ in $(seq 100); do [ -e slow.jsonl.lock ] && break; sleep 0.02; done
sleep 0.3
kill -INT $pid
wait $pid
rc=$?
[ $rc -eq 130 ] && ok "SIGINT exits 130" || fail "SIGINT exits 130" "rc=$rc"
[ -e slow.checkpoint ] && ok "SIGINT leaves a checkpoint" || fail "SIGINT leaves a checkpoint"
run "$DOCPIPE" run -c slow.cfg -q --threads 2 --resume corpus
expect_same "after SIGINT, --resume completes the output" slow.jsonl out1.jsonl

# A resume with another config is refused.
run "$DOCPIPE" run -c slow.cfg -q --threads 2 corpus/doc001.txt
rm -f slow.jsonl
"$DOCPIPE" run -c slow.cfg -q corpus 2>/dev/null & pid=$!
# Killed once it has checkpointed (a loaded machine may take longer than a second to get there).
for _ in $(seq 300); do [ -e slow.checkpoint ] && break; sleep 0.05; done
kill -9 $pid; wait $pid 2>/dev/null
run "$DOCPIPE" run -c slow.cfg -q --resume corpus/doc001.txt
expect_rc "resume with other inputs is refused" 64
expect_err "the reason is given" "written by a different run"
rm -f slow.checkpoint

# Shards: the union equals the whole, by document id.
for k in 0 1 2; do
  pipeline '' "shard$k.jsonl" > s$k.cfg
  run "$DOCPIPE" run -c s$k.cfg -q --shard $k/3 corpus
done
pipeline '' whole.jsonl > whole.cfg
run "$DOCPIPE" run -c whole.cfg -q corpus
sort shard0.jsonl shard1.jsonl shard2.jsonl > union.sorted
sort whole.jsonl > whole.sorted
expect_same "the union of 3 shards equals the unsharded run" union.sorted whole.sorted
[ -s shard0.jsonl ] && [ -s shard1.jsonl ] && [ -s shard2.jsonl ] && ok "every shard got documents" || fail "every shard got documents"
# Task 2 of an array 1-3 and completion index 1 are both shard 1/3.
sort shard1.jsonl > shard1.sorted
run env SLURM_ARRAY_TASK_ID=2 SLURM_ARRAY_TASK_COUNT=3 SLURM_ARRAY_TASK_MIN=1 "$DOCPIPE" run -c s1.cfg -q corpus
cmp -s <(sort shard1.jsonl) shard1.sorted && ok "the Slurm array index picks shard 1/3" || fail "the Slurm array index picks shard 1/3"
run env JOB_COMPLETION_INDEX=1 "$DOCPIPE" run -c s1.cfg -q --shard-count 3 corpus
expect_rc "JOB_COMPLETION_INDEX with --shard-count" 0
cmp -s <(sort shard1.jsonl) shard1.sorted && ok "the Kubernetes completion index picks shard 1/3" || fail "the Kubernetes completion index picks shard 1/3"
run "$DOCPIPE" run -c s1.cfg -q --shard 3/3 corpus
expect_rc "a shard outside 0..N-1 is a usage error" 64

# The same with GNU parallel and a config using ${DOCPIPE_SHARD}.
if command -v parallel >/dev/null; then
  cat > par.cfg <<'CFG'
source = { plugin = "text"; lang = "vi"; };
chain = (
  { plugin = "example"; words = [ "Bộ Quốc phòng", "ASEAN", "Hà Nội" ]; type = "ORG"; },
  { plugin = "jsonl"; path = "par/part-${DOCPIPE_SHARD}.jsonl"; }
);
CFG
  parallel --will-cite -j 2 "$DOCPIPE" run -c par.cfg -q --threads 1 --shard {}/4 corpus ::: 0 1 2 3
  cat par/part-*.jsonl | sort > par.sorted
  expect_same "GNU parallel over 4 shards, merged, equals the whole" par.sorted whole.sorted
else
  echo "skip: GNU parallel not installed"
fi

# Streaming: JSON Lines in on stdin, out on stdout, nothing else on stdout.
if "$DOCPIPE" plugins jsonl 2>/dev/null | grep -q '^source'; then
  cat > stream.cfg <<'CFG'
source = { plugin = "jsonl"; };
chain = (
  { plugin = "example"; words = [ "ASEAN" ]; },
  { plugin = "jsonl"; path = "-"; text = false; }
);
CFG
  printf '{"id":"a","text":"ASEAN họp"}\n{"id":"b","text":"không có gì"}\nnot json\n{"id":"c","text":"ASEAN"}\n' > in.jsonl
  cat in.jsonl | "$DOCPIPE" run -c stream.cfg --stdin-jsonl -q > stream.out 2> stream.err
  rc=$?
  [ $rc -eq 65 ] && ok "streaming: a malformed line gives 65" || fail "streaming rc" "$rc"
  ids=$(python3 -c 'import json,sys; print(" ".join(json.loads(l)["id"] for l in open("stream.out")))')
  [ "$ids" = "a b c" ] && ok "streaming: every good record on stdout, in order, valid JSON" || fail "streaming ids" "$ids"
  grep -q 'in:3\|stdin:3\|line 3\|:3' stream.err && ok "streaming: the bad line is named" || fail "streaming: bad line named" "$(cat stream.err)"
else
  echo "skip: the jsonl source is not built"
fi
finish
