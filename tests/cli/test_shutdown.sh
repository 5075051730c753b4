#!/bin/bash
# Stopping a run (issue #11, case 12), with a slow test plugin (1.5 s a
# document, 2 threads, 8 documents queued): the first SIGINT starts no new
# document and finishes those in flight, so the run ends within one
# document's time, not after every queued one (6 s); a second SIGINT ends it at
# once.  Both leave a state --resume completes to the uninterrupted output.
# And a closed standard output ends a run with 74, not a silent SIGPIPE.
. "$top_srcdir/tests/lib.sh"
cd "$TMP" || exit 1
export DOCPIPE_PLUGIN_PATH="$DOCPIPE_PLUGIN_PATH:$TEST_PLUGINS"

mkdir corpus
for i in $(seq -w 1 8); do printf 'Bài %s\n\nHà Nội và ASEAN.\n' "$i" > corpus/d$i.txt; done
conf() {  # $1: milliseconds per document
  printf 'source = { plugin = "text"; lang = "vi"; };\nthreads = 2;\nqueue = 4;\nchain = (\n  { plugin = "failing"; sleep_ms = %s; },\n  { plugin = "jsonl"; path = "out/docs.jsonl"; }\n);\n' "$1"
}
conf 0 > fast.cfg
conf 1500 > slow.cfg
run "$DOCPIPE" run -c fast.cfg -q corpus
cp out/docs.jsonl ref.jsonl
rm -rf out

# start_slow: the slow run in the background, once it has taken its outputs and started documents.
start_slow() {
  "$DOCPIPE" run -c slow.cfg -q --stats stats.json corpus 2>run.err &
  pid=$!
  for _ in $(seq 200); do [ -e out/docs.jsonl.lock ] && break; sleep 0.02; done
  sleep 0.5
}
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

start_slow
start=$(date +%s%N)
kill -INT $pid
wait $pid
rc=$?
took=$(ms_since "$start")
[ $rc -eq 130 ] && ok "first SIGINT: exit 130" || fail "first SIGINT: exit 130" "exit $rc: $(cat run.err)"
# The 2 documents in flight end within 1.5 s; the 6 queued ones would take 4.5 s more.
[ "$took" -lt 3500 ] && ok "it finishes the documents in flight only (${took} ms)" || fail "it finishes the documents in flight only" "${took} ms"
next=$(sed -n 's/^next //p' slow.checkpoint)
[ -n "$next" ] && [ "$next" -le 4 ] && ok "the checkpoint counts the documents started before the signal ($next)" \
  || fail "the checkpoint counts the documents started before the signal" "next=$next"
calls=$(python3 -c 'import json; print(json.load(open("stats.json"))["instances"][1]["calls"])')
[ "$calls" -le 4 ] && ok "queued documents were not started ($calls processed)" || fail "queued documents were not started" "$calls processed"
expect_file "the message says what happens" run.err "interrupted: finishing the documents in flight"
run "$DOCPIPE" run -c slow.cfg -q --resume corpus
expect_rc "--resume completes" 0
expect_same "to the uninterrupted output" out/docs.jsonl ref.jsonl

# A second SIGINT: at once, and still resumable.
rm -rf out slow.checkpoint
start_slow
kill -INT $pid
sleep 0.2
start=$(date +%s%N)
kill -INT $pid
wait $pid
rc=$?
took=$(ms_since "$start")
[ $rc -eq 130 ] && ok "second SIGINT: exit 130" || fail "second SIGINT: exit 130" "exit $rc: $(cat run.err)"
[ "$took" -lt 1000 ] && ok "at once (${took} ms), not after the documents in flight" || fail "second SIGINT at once" "${took} ms"
expect_file "the message says so" run.err "interrupted again: stopping at once"
run "$DOCPIPE" run -c slow.cfg -q --resume corpus
expect_rc "--resume after the second SIGINT completes" 0
expect_same "to the uninterrupted output" out/docs.jsonl ref.jsonl

# SIGPIPE: a reader of standard output that goes away is a write error (74), named, not a death by signal (141).
cat > stdout.cfg <<'CFG'
source = { plugin = "text"; lang = "vi"; };
chain = ( { plugin = "jsonl"; path = "-"; } );
CFG
mkdir many
for i in $(seq 1 300); do cp corpus/d1.txt "many/e$i.txt"; done
"$DOCPIPE" run -c stdout.cfg -q many 2>pipe.err | head -c 10 >/dev/null
rc=${PIPESTATUS[0]}
[ "$rc" -eq 74 ] && ok "a closed standard output: exit 74" || fail "a closed standard output: exit 74" "exit $rc"
expect_file "named as such" pipe.err "cannot write to standard output: Broken pipe"
finish
