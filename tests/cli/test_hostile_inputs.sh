#!/bin/bash
# Inputs that used to hang or blow up a run (issue #11, cases 7, 8, 10): a
# symbolic link loop under a recursive input folder, a FIFO named *.txt in a
# folder, a 100 MB line under a 4M limit, 100 MB on standard input; file
# names that are not UTF-8 or hold control characters.
. "$top_srcdir/tests/lib.sh"
cd "$TMP" || exit 1

cat > t.cfg <<'CFG'
source = { plugin = "text"; lang = "vi"; max_size = "${MAX:-64M}"; };
chain = ( { plugin = "jsonl"; path = "out.jsonl"; text = false; segments = false; } );
CFG
mkdir -p corpus/a/b
printf 'Một\n\nHà Nội.\n' > corpus/one.txt
printf 'Hai\n\nHuế.\n' > corpus/a/two.txt
printf 'Ba\n\nĐà Nẵng.\n' > corpus/a/b/three.txt
ids() { python3 -c 'import json,sys; print(" ".join(sorted(json.loads(l)["id"] for l in open(sys.argv[1]))))' "$1"; }

# The issue's case 7: a link back up (a loop) and a link to itself: each file once, the walk ends.
ln -s ../.. corpus/a/b/up
ln -s . corpus/self
run timeout 30 "$DOCPIPE" run -c t.cfg -q corpus
expect_rc "a folder with link loops: the run ends" 0
[ "$(ids out.jsonl)" = "a/b/three a/two one" ] && ok "each file once" || fail "each file once" "$(ids out.jsonl)"
expect_err "the loop is named" "corpus/a/b/up: the same folder as corpus, walked already"
expect_err "so is the link to itself" "corpus/self: the same folder as corpus, walked already"
# The same file named twice, or through a second folder link, is read once.
ln -s a corpus/alias
run timeout 30 "$DOCPIPE" run -c t.cfg -q corpus corpus/one.txt
expect_rc "a file named twice" 0
[ "$(ids out.jsonl)" = "a/b/three a/two one" ] && ok "is written once" || fail "is written once" "$(ids out.jsonl)"
expect_err "with a warning" "corpus/one.txt: the same file as corpus/one.txt, listed already: skipped"
rm corpus/a/b/up corpus/self corpus/alias

# The issue's case 8: a FIFO named *.txt in an input folder is skipped, not waited for.
mkfifo corpus/pipe.txt
run timeout 30 "$DOCPIPE" run -c t.cfg -q corpus
expect_rc "a FIFO in the folder does not block the run" 0
expect_err "it is named as skipped" "corpus/pipe.txt: a FIFO, not a file: skipped"
[ "$(ids out.jsonl)" = "a/b/three a/two one" ] && ok "the files are written" || fail "the files are written" "$(ids out.jsonl)"
# Named on the command line without a writer, a FIFO is an empty stream, not a hang.
run timeout 30 "$DOCPIPE" run -c t.cfg -q corpus/pipe.txt corpus/one.txt
expect_rc "a FIFO named without a writer: read as empty (65), no hang" 65
expect_err "as an empty input" "pipe.txt.*empty input"
rm corpus/pipe.txt
# A stream that never ends (stdin held open, no data): SIGTERM stops the run at once.
mkfifo hold.fifo
exec 3<>hold.fifo
"$DOCPIPE" run -c t.cfg -q - < hold.fifo 2>term.err &
dp=$!
for _ in $(seq 100); do [ -e out.jsonl.lock ] && break; sleep 0.05; done
sleep 0.3
start=$(date +%s%N)
kill -TERM $dp
wait $dp
rc=$?
took=$(( ($(date +%s%N) - start) / 1000000 ))
exec 3>&-
[ $rc = 130 ] && ok "SIGTERM while stdin gives nothing: exit 130" || fail "SIGTERM while waiting on stdin" "exit $rc: $(cat term.err)"
[ "$took" -lt 3000 ] && ok "within moments (${took} ms)" || fail "within moments" "${took} ms"

# The issue's case 10: a 100 MB line under a 4M limit is dead-lettered, read within the limit's memory.
maxrss() {  # CMD...: run it; its peak RSS in MB to stdout, its exit code to rc.txt
  python3 - "$@" <<'PY'
import resource, subprocess, sys
rc = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=open("rss.err", "w"))
open("rc.txt", "w").write(str(rc))
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
PY
}
if "$DOCPIPE" plugins jsonl 2>/dev/null | grep -q '^source'; then
  cat > lines.cfg <<'CFG'
source = { plugin = "jsonl"; max_size = "4M"; };
chain = ( { plugin = "jsonl"; path = "lines.jsonl"; text = false; } );
CFG
  python3 -c '
import sys
with open("long.jsonl", "w") as f:
    f.write("{\"id\":\"a\",\"text\":\"trước\"}\n")
    f.write("{\"id\":\"b\",\"text\":\"" + "x" * (100 * 1024 * 1024) + "\"}\n")
    f.write("{\"id\":\"c\",\"text\":\"sau\"}\n")
'
  mb=$(maxrss "$DOCPIPE" run -c lines.cfg -q long.jsonl)
  [ "$(cat rc.txt)" = 65 ] && ok "a 100 MB line over the limit: exit 65" || fail "a 100 MB line: exit 65" "$(cat rc.txt rss.err)"
  grep -q "long.jsonl:2: \[input\] line too long: 104857620 bytes, over the limit max_size = 4M" rss.err \
    && ok "the line and its length are named" || fail "the line and its length are named" "$(head -3 rss.err)"
  [ "$(python3 -c 'import json; print(" ".join(json.loads(l)["id"] for l in open("lines.jsonl")))')" = "a c" ] \
    && ok "the lines around it are written" || fail "the lines around it are written"
  [ "$mb" -lt 40 ] && ok "peak memory ${mb} MB: bounded by the limit, not the line" || fail "peak memory bounded" "${mb} MB"
else
  echo "skip: the jsonl source is not built"
fi
head -c $((100 * 1024 * 1024)) /dev/zero | tr '\0' 'a' > big.txt
mb=$(MAX=4M maxrss sh -c 'cat big.txt | "$0" run -c t.cfg -q -' "$DOCPIPE")
[ "$(cat rc.txt)" = 65 ] && ok "100 MB on standard input over a 4M limit: exit 65" || fail "100 MB on stdin" "$(cat rc.txt rss.err)"
grep -q "too large: over the limit max_size = 4M" rss.err && ok "named too large" || fail "named too large" "$(head -3 rss.err)"
[ "$mb" -lt 40 ] && ok "peak memory ${mb} MB: bounded by the limit" || fail "stdin peak memory bounded" "${mb} MB"
rm -f big.txt long.jsonl

# The issue's case 13: file names that are not UTF-8, or hold control characters.
mkdir names
printf 'Một\n\nHà Nội.\n' > "$(printf 'names/caf\xe9.txt')"
printf 'Hai\n\nHuế.\n' > "$(printf 'names/bell\a\033[31mred.txt')"
run "$DOCPIPE" run -c t.cfg -q names
expect_rc "odd file names are read" 0
python3 -c '
import json, sys
for line in open("out.jsonl", "rb"):
    line.decode("utf-8")          # valid UTF-8, or this raises
    json.loads(line)
' && ok "every output line is valid UTF-8 JSON" || fail "every output line is valid UTF-8 JSON" "$(od -c out.jsonl | head -3)"
grep -q '"id":"caf%E9"' out.jsonl && ok "a byte that is not UTF-8 is written %XX" || fail "not-UTF-8 byte as %XX" "$(cat out.jsonl)"
grep -q '"id":"bell%07%1B\[31mred"' out.jsonl && ok "control characters in an id are written %XX" || fail "control characters as %XX" "$(cat out.jsonl)"
printf 'x' > "$(printf 'names/bad\033[2Jname.txt')"
printf '' > "$(printf 'names/empty\033]0;title\a.txt')"
run "$DOCPIPE" run -c t.cfg -q names
if printf '%s' "$ERR" | LC_ALL=C grep -q "$(printf '\033')"; then fail "no escape character reaches the terminal" "$(printf %s "$ERR" | od -c | head -3)"
else ok "no escape character reaches the terminal"; fi
expect_err "the name is shown escaped" 'names/empty%1B\]0;title%07.txt \(document empty%1B\]0;title%07\): \[input\] empty input'
finish
