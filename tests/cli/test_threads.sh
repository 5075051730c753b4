#!/bin/bash
# Records move between the reader, the workers and the writer in batches: the
# output is byte-identical whatever the thread count, the batches and the
# sizes of the documents (small ones are rendered on the workers, big ones are
# streamed by the writer), and a record read from a pipe is not held back
# waiting for the next one.
. "$top_srcdir/tests/lib.sh"
cd "$TMP" || exit 1
export DOCPIPE_PLUGIN_PATH="$DOCPIPE_PLUGIN_PATH:$TEST_PLUGINS"

# 600 JSON Lines records of varied sizes: most small, every 97th over 300 KB.
python3 - <<'PY' > docs.jsonl
import json
words = ["Bộ Quốc phòng", "ASEAN", "Hà Nội", "ngày", "tổ chức", "hợp tác", "Việt Nam", "đoàn", "\"trích\"", "tab\there"]
for i in range(600):
    n = 40000 if i % 97 == 5 else 3 + (i * 7919) % 60
    text = " ".join(words[(i + k * k) % len(words)] for k in range(n))
    print(json.dumps({"id": "d%03d" % i, "title": "Bài %d" % i, "text": text}, ensure_ascii=False))
PY

cat > t.cfg <<CFG
source = { plugin = "jsonl"; };
chain = (
  { plugin = "example"; words = [ "Bộ Quốc phòng", "ASEAN", "Hà Nội" ]; type = "ORG"; },
  { plugin = "jsonl"; path = "-"; }
);
CFG

# q.cfg: the smallest queue (one record per worker), so the batches are cut short
{ echo "queue = 1;"; cat t.cfg; } > q.cfg
for t in 1 2 3 8 q; do
  if [ "$t" = q ]; then "$DOCPIPE" run -c q.cfg -q --threads 2 --stdin-jsonl < docs.jsonl > outq.jsonl 2>errq
  else "$DOCPIPE" run -c t.cfg -q --threads "$t" --stdin-jsonl < docs.jsonl > "out$t.jsonl" 2>"err$t"; fi
  echo $? > "rc$t"
done
[ "$(cat rc1)" -eq 0 ] && ok "1 thread: exit 0" || fail "1 thread: exit 0" "exit $(cat rc1): $(head -3 err1)"
[ "$(wc -l < out1.jsonl)" -eq 600 ] && ok "600 records written" || fail "600 records written" "$(wc -l < out1.jsonl)"
expect_file "a big record is written whole, entities included" out1.jsonl '^\{"id":"d005".*"type":"ORG"'
for t in 2 3 8 q; do
  label="$t threads"; [ "$t" = q ] && label="2 threads, queue = 1"
  [ "$(cat "rc$t")" -eq 0 ] && expect_same "$label: output byte-identical to 1 thread's" out1.jsonl "out$t.jsonl" \
    || fail "$label: exit 0" "exit $(cat "rc$t"): $(head -3 "err$t")"
done
# the same records read from a file (a regular input: the reader hands them over in batches)
for t in 1 2; do
  cat > "f$t.cfg" <<CFG
source = { plugin = "jsonl"; };
chain = (
  { plugin = "example"; words = [ "Bộ Quốc phòng", "ASEAN", "Hà Nội" ]; type = "ORG"; },
  { plugin = "jsonl"; path = "file$t.jsonl"; }
);
CFG
  run "$DOCPIPE" run -c "f$t.cfg" -q --threads "$t" docs.jsonl
  expect_rc "from a file, $t threads: exit 0" 0
done
expect_same "from a file: 2 threads write the bytes 1 thread does" file1.jsonl file2.jsonl
[ "$(wc -l < file2.jsonl)" -eq 600 ] && ok "from a file: 600 records" || fail "from a file: 600 records" "$(wc -l < file2.jsonl)"

# A pipe: each record comes out before the next one is sent (a record must not
# wait in the reader's batch for a read that waits).
mkfifo in.fifo
"$DOCPIPE" run -c t.cfg -q --threads 2 --stdin-jsonl < in.fifo > live.jsonl 2>live.err &
pid=$!
exec 3>in.fifo
answered=0
for i in 1 2 3; do
  printf '{"id":"live%d","text":"Hà Nội %d"}\n' "$i" "$i" >&3
  for _ in $(seq 200); do
    [ "$(wc -l < live.jsonl)" -ge "$i" ] && break
    sleep 0.1
  done
  [ "$(wc -l < live.jsonl)" -ge "$i" ] && answered=$((answered + 1))
done
exec 3>&-
wait "$pid"
rc=$?
[ "$answered" -eq 3 ] && ok "a pipe: every record is written before the next is sent" \
  || fail "a pipe: every record is written before the next is sent" "$answered of 3 answered"
[ "$rc" -eq 0 ] && ok "a pipe: exit 0 at the end of input" || fail "a pipe: exit 0" "exit $rc: $(head -3 live.err)"
finish
