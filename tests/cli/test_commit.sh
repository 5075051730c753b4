#!/bin/bash
# The commit protocol (docs/commit-protocol.md) under fault injection: the run
# is killed with SIGKILL at every step of it (DOCPIPE_TEST_CRASH_AT, a test
# hook) with all six writers and the dead letter in one pipeline, and
# `--resume` must end with exactly the outputs of an uninterrupted run.  Then
# the resume's own verification: outputs changed behind its back are refused
# with exit 64, never written over.
. "$top_srcdir/tests/lib.sh"
cd "$TMP" || exit 1
export DOCPIPE_PLUGIN_PATH="$DOCPIPE_PLUGIN_PATH:$TEST_PLUGINS"

mkdir corpus
for i in $(seq -w 1 40); do
  printf 'Bài %s: Bộ Quốc phòng và ASEAN\n\nĐoàn %s thăm Hà Nội ngày %d/9.\n' "$i" "$i" $((10#$i % 28 + 1)) > corpus/doc$i.txt
done
for i in 07 23; do echo "FAILME" >> corpus/doc$i.txt; done

have_sqlite=0
"$DOCPIPE" plugins sqlite >/dev/null 2>&1 && have_sqlite=1
sqlite_writer=''
[ $have_sqlite = 1 ] && sqlite_writer=', { plugin = "sqlite"; path = "out/docs.sqlite"; batch = 7; }'
cat > all.cfg <<CFG
source = { plugin = "text"; lang = "vi"; };
dead_letter = "out/dead.jsonl";
checkpoint = "run.checkpoint";
chain = (
  { plugin = "example"; words = [ "Bộ Quốc phòng", "ASEAN", "Hà Nội" ]; type = "ORG"; },
  { plugin = "failing"; sleep_ms = 20; },
  { plugin = "jsonl"; path = "out/docs.jsonl"; },
  { plugin = "brat"; dir = "out/brat"; },
  { plugin = "conll"; path = "out/docs.conll"; },
  { plugin = "tsv"; path = "out/entities.tsv"; },
  { plugin = "html"; dir = "out/html"; }
  $sqlite_writer
);
CFG
writers=$((5 + have_sqlite))

# snapshot DIR: what the run left in out/, with the database as sorted rows (its pages differ between runs).
snapshot() {
  rm -rf "$1"; cp -R out "$1"
  if [ -f "$1/docs.sqlite" ]; then
    python3 - "$1/docs.sqlite" > "$1/docs.sqlite.rows" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for (t,) in db.execute("select name from sqlite_master where type='table' order by name"):
    for row in sorted(db.execute("select * from %s" % t), key=repr):
        print(t, repr(row))
PY
    rm -f "$1/docs.sqlite" "$1/docs.sqlite-wal" "$1/docs.sqlite-shm"
  fi
}

run "$DOCPIPE" run -c all.cfg -q --threads 2 corpus
expect_rc "the uninterrupted run: 65 (two documents fail)" 65
ref_rc=$RC
snapshot ref
[ ! -e run.checkpoint ] && ok "a complete run removes its checkpoint" || fail "a complete run removes its checkpoint"
[ "$(find out -name '*.tmp*' | wc -l)" -eq 0 ] && ok "and leaves no temporary file" || fail "temporary files left" "$(find out -name '*.tmp*')"

# killed_at POINT CMD...: run CMD with the crash point set (the shell's "Killed" notice hidden); exit code in $RC.
killed_at() {
  local point=$1; shift
  ( DOCPIPE_TEST_CRASH_AT=$point "$@"; exit $? ) >/dev/null 2>&1
  RC=$?
}

# crash_and_resume POINT [RESUME_POINT]: kill at POINT, (kill the resume at RESUME_POINT,) resume, compare.
crash_and_resume() {
  local point=$1 again=${2:-}
  rm -rf out run.checkpoint run.checkpoint.tmp
  killed_at "$point" "$DOCPIPE" run -c all.cfg -q --threads 2 corpus
  if [ $RC -ne 137 ]; then fail "killed at $point" "exit $RC (the point was not reached)"; return; fi
  if [ -n "$again" ]; then
    killed_at "$again" "$DOCPIPE" run -c all.cfg -q --threads 2 --resume corpus
    [ $RC -eq 137 ] || { fail "the resume after $point killed at $again" "exit $RC"; return; }
  fi
  run "$DOCPIPE" run -c all.cfg -q --threads 2 --resume corpus
  if [ "$RC" -ne "$ref_rc" ]; then fail "killed at $point${again:+, then $again}: resume exits $ref_rc" "exit $RC: $ERR"; return; fi
  snapshot got
  if diff -r ref got >diff.out 2>&1 && [ ! -e run.checkpoint ]; then
    ok "killed at $point${again:+, then at $again}: the resume ends with the uninterrupted run's outputs"
  else
    fail "killed at $point${again:+, then at $again}: outputs differ" "$(head -c 400 diff.out)"
  fi
}

points="after-record:3 after-checkpoint-temp:1 after-checkpoint:1 after-record:30 after-commit-record"
for i in $(seq 1 "$writers"); do points="$points after-rename:$i"; done
points="$points after-dead-letter after-checkpoint-removed"
for p in $points; do crash_and_resume "$p"; done
# Killed again while resuming: in the middle of the records, and in the middle of the commit.
crash_and_resume after-record:10 after-record:5
crash_and_resume after-rename:2 after-rename:4
crash_and_resume after-commit-record after-rename:1

# The resume verifies what it finds; when the outputs changed, it refuses (64) and writes nothing.
rm -rf out run.checkpoint
killed_at after-checkpoint:1 "$DOCPIPE" run -c all.cfg -q corpus
cp -R out kept; cp run.checkpoint kept.checkpoint
rm out/docs.jsonl.tmp
run "$DOCPIPE" run -c all.cfg -q --resume corpus
expect_rc "a temporary output deleted since the checkpoint: the resume is refused" 64
expect_err "the reason names the file" "docs.jsonl.tmp is missing"
expect_err "and says how to start over" "delete run.checkpoint to start from the beginning"
[ ! -e out/docs.jsonl ] && ok "nothing is written after a refusal" || fail "nothing is written after a refusal"
rm -rf out; cp -R kept out; cp kept.checkpoint run.checkpoint
printf 'X' | dd of=out/docs.conll.tmp bs=1 seek=3 conv=notrunc 2>/dev/null
run "$DOCPIPE" run -c all.cfg -q --resume corpus
expect_rc "a byte changed in a temporary output: refused" 64
expect_err "the changed file is named" "docs.conll.tmp does not hold"
rm -rf out; cp -R kept out; cp kept.checkpoint run.checkpoint
rm -f out/brat/*.ann
run "$DOCPIPE" run -c all.cfg -q --resume corpus
expect_rc "brat: documents deleted from its folder: refused" 64
expect_err "the folder is named" "out/brat holds 0 .ann files, fewer than"
rm -rf out; cp -R kept out; cp kept.checkpoint run.checkpoint
rm -f "$(ls out/html/doc*.html | head -1)"
run "$DOCPIPE" run -c all.cfg -q --resume corpus
expect_rc "html: a page deleted: refused" 64
expect_err "the page is named" "out/html/doc[0-9]+.html is missing"
if [ $have_sqlite = 1 ]; then
  rm -rf out; cp -R kept out; cp kept.checkpoint run.checkpoint
  rm -f out/docs.sqlite*
  run "$DOCPIPE" run -c all.cfg -q --resume corpus
  expect_rc "sqlite: the database deleted: refused" 64
  expect_err "the database is named" "docs.sqlite holds fewer documents than the checkpoint recorded"
fi
rm -rf out; cp -R kept out; cp kept.checkpoint run.checkpoint
run "$DOCPIPE" run -c all.cfg -q --resume corpus
expect_rc "the untouched state resumes" "$ref_rc"
snapshot got
diff -r ref got >/dev/null 2>&1 && ok "and ends with the uninterrupted run's outputs" || fail "resume after refusals differs"

# Died while committing, after the jsonl output was renamed; then it was replaced: refused.
rm -rf out run.checkpoint
killed_at after-rename:1 "$DOCPIPE" run -c all.cfg -q corpus
[ -f out/docs.jsonl ] && [ -f out/docs.conll.tmp ] && ok "killed between two renames: one output renamed, the next not" \
  || fail "killed between two renames"
echo '{}' > out/docs.jsonl
run "$DOCPIPE" run -c all.cfg -q --resume corpus
expect_rc "a renamed output changed before the commit was completed: refused" 64
expect_err "the reason" "docs.jsonl does not hold"

# The issue's case 1: killed after every rename but before the checkpoint was removed; no NUL bytes.
rm -rf out run.checkpoint
killed_at after-dead-letter "$DOCPIPE" run -c all.cfg -q corpus
run "$DOCPIPE" run -c all.cfg -q --resume corpus
expect_rc "resume after the last rename" "$ref_rc"
if tr -d '\000' < out/docs.jsonl | cmp -s - out/docs.jsonl; then ok "docs.jsonl holds no NUL byte"; else fail "docs.jsonl holds NUL bytes"; fi
expect_same "docs.jsonl is the uninterrupted run's" out/docs.jsonl ref/docs.jsonl

# The issue's case 2: writers named with a space and a % resume whole; a newline is refused by check.
cat > named.cfg <<'CFG'
source = { plugin = "text"; lang = "vi"; };
checkpoint = "named.checkpoint";
chain = (
  { plugin = "failing"; sleep_ms = 20; fail_on = "NEVER"; },
  { plugin = "jsonl"; name = "my out"; path = "named/a.jsonl"; },
  { plugin = "tsv"; name = "50% off"; path = "named/b.tsv"; }
);
CFG
run "$DOCPIPE" run -c named.cfg -q corpus
cp named/a.jsonl named-ref.jsonl; cp named/b.tsv named-ref.tsv
rm -rf named
killed_at after-checkpoint:1 "$DOCPIPE" run -c named.cfg -q corpus
grep -q '^token my%20out [0-9]' named.checkpoint && ok "the checkpoint escapes a name with a space" \
  || fail "the checkpoint escapes a name with a space" "$(cat named.checkpoint)"
run "$DOCPIPE" run -c named.cfg -q --resume corpus
expect_rc "resume with names holding a space and a %" 0
expect_same "the writer named 'my out' holds every record" named/a.jsonl named-ref.jsonl
expect_same "the writer named '50% off' too" named/b.tsv named-ref.tsv
sed 's/name = "50% off"/name = "two\\nlines"/' named.cfg > badname.cfg
run "$DOCPIPE" check -c badname.cfg
expect_rc "check refuses an instance name with a newline" 78
expect_err "at its file:line" "badname.cfg:6: an instance name must be valid UTF-8 without control characters"

# An old-format checkpoint is refused with a clear message.
rm -rf out; printf 'docpipe-checkpoint 1\nfingerprint x\nnext 3\n' > run.checkpoint
run "$DOCPIPE" run -c all.cfg -q --resume corpus
expect_rc "a checkpoint of an older format: refused" 64
expect_err "with the reason" "not a checkpoint of this docpipe version"
rm -f run.checkpoint
finish
