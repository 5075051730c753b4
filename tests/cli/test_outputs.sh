#!/bin/bash
# A run's outputs are its own: the plan refuses outputs that collide or would
# land in system folders, a second run on the same outputs stops at once
# naming the first one's pid, a lock left by a killed run does not block, and
# temporary files are never opened through a planted symbolic link.
. "$top_srcdir/tests/lib.sh"
cd "$TMP" || exit 1
export DOCPIPE_PLUGIN_PATH="$DOCPIPE_PLUGIN_PATH:$TEST_PLUGINS"

mkdir -p corpus
for i in 1 2 3; do printf 'Bài %s\n\nHà Nội và ASEAN.\n' "$i" > corpus/doc$i.txt; done
cat > one.cfg <<'CFG'
source = { plugin = "text"; lang = "vi"; };
chain = ( { plugin = "jsonl"; path = "out/docs.jsonl"; } );
CFG

# The issue's case 5: a symbolic link planted at out/docs.jsonl.tmp is not followed.
mkdir -p out elsewhere
echo "precious" > elsewhere/victim.txt
ln -s ../elsewhere/victim.txt out/docs.jsonl.tmp
ln -s ../elsewhere/victim.txt one.checkpoint.tmp
run "$DOCPIPE" run -c one.cfg -q corpus
expect_rc "a run with links planted at its temporary files" 0
[ "$(cat elsewhere/victim.txt)" = "precious" ] && ok "the file the links point to is untouched" \
  || fail "the file the links point to is untouched" "$(head -c 200 elsewhere/victim.txt)"
[ -f out/docs.jsonl ] && [ ! -L out/docs.jsonl ] && ok "docs.jsonl is a regular file, not a link" \
  || fail "docs.jsonl is a regular file, not a link" "$(ls -l out)"
[ "$(wc -l < out/docs.jsonl)" -eq 3 ] && ok "and holds the 3 documents" || fail "and holds the 3 documents"

# The issue's case 3: outputs that collide are refused by check (and by run, before writing anything).
conf() {  # $1: extra global settings, $2: extra chain elements after the jsonl writer
  printf 'source = { plugin = "text"; lang = "vi"; };\n%s\nchain = (\n  { plugin = "jsonl"; path = "out/docs.jsonl"; }%s\n);\n' "$1" "$2"
}
refused() {  # NAME CONFIG-FILE REGEX
  run "$DOCPIPE" check -c "$2"
  expect_rc "check refuses $1" 78
  expect_err "$1: the reason, at file:line" "$3"
}
conf 'checkpoint = "out/docs.jsonl";' '' > c1.cfg
refused "a checkpoint equal to an output" c1.cfg "c1.cfg:2: checkpoint 'out/docs.jsonl' collides with writer 'jsonl' option 'path' 'out/docs.jsonl' \(c1.cfg:4\)"
rm -rf out
run "$DOCPIPE" run -c c1.cfg -q corpus
expect_rc "run refuses it too" 78
[ ! -e out/docs.jsonl ] && [ ! -e out/docs.jsonl.tmp ] && ok "and creates nothing" || fail "and creates nothing" "$(ls out 2>&1)"
conf '' ', { plugin = "tsv"; path = "./out/../out/docs.jsonl"; }' > c2.cfg
refused "two writers on the same file, however spelled" c2.cfg "c2.cfg:4: writer 'tsv' option 'path' './out/../out/docs.jsonl' collides with writer 'jsonl'"
conf 'dead_letter = "out/docs.jsonl";' '' > c3.cfg
refused "a dead letter equal to an output" c3.cfg "c3.cfg:2: dead_letter 'out/docs.jsonl' collides"
conf 'checkpoint = "out/docs.jsonl.tmp";' '' > c4.cfg
refused "a checkpoint on an output's temporary file" c4.cfg "both would write .*/out/docs.jsonl.tmp"
conf '' ', { plugin = "brat"; dir = "out"; }' > c5.cfg
refused "an output inside another writer's folder" c5.cfg "writer 'brat' option 'dir' 'out' collides with writer 'jsonl'"
mkdir -p out real; ln -sfn real alias
conf '' ', { plugin = "conll"; path = "alias/x.conll"; }, { plugin = "tsv"; path = "real/x.conll"; }' > c6.cfg
refused "two paths that name one file through a link" c6.cfg "writer 'tsv' option 'path' 'real/x.conll' collides with writer 'conll'"
conf '' ', { plugin = "tsv"; path = "-"; }, { plugin = "conll"; path = "-"; }' > c7.cfg
refused "two writers on standard output" c7.cfg "both write to standard output"
conf 'checkpoint = "-";' '' > c8.cfg
refused "a checkpoint on standard output" c8.cfg "the checkpoint must be a file"
for sys in /etc /usr/share/x.jsonl /x.jsonl /; do
  conf '' ", { plugin = \"tsv\"; path = \"$sys\"; }" > sys.cfg
  refused "the system path $sys" sys.cfg "sys.cfg:4: writer 'tsv' option 'path' '$sys' is a system path"
done
conf '' ', { plugin = "tsv"; path = "/etc"; }' > sys.cfg
run "$DOCPIPE" run -c sys.cfg -q corpus
expect_rc "run refuses /etc" 78
[ ! -e /etc.tmp ] && ok "and /etc.tmp is not created" || fail "/etc.tmp was created"
mkdir -p out/adir
conf '' ', { plugin = "tsv"; path = "out/adir"; }' > c9.cfg
refused "a file output that is a folder" c9.cfg "'out/adir' is a folder"
: > afile
conf '' ', { plugin = "html"; dir = "afile"; }' > c10.cfg
refused "an output folder that is a file" c10.cfg "'afile' is not a folder"
run "$DOCPIPE" check -c one.cfg --checkpoint out/docs.jsonl
expect_rc "--checkpoint on an output" 78
expect_err "named as the command-line option" "--checkpoint: checkpoint 'out/docs.jsonl' collides"
rm -rf out real alias afile

# A read-only output folder is an I/O error (74), for check and run alike.  Root writes anywhere, so run
# those as nobody when the tests run as root.
mkdir -p ro/out; chmod 555 ro/out; chmod 755 . ro
cp one.cfg ro/one.cfg; cp -R corpus ro/
as_user=""
[ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null && as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
if [ "$(id -u)" -ne 0 ] || [ -n "$as_user" ]; then
  for cmd in check run; do
    run sh -c "cd ro && $as_user \"\$0\" $cmd -c one.cfg -q corpus" "$DOCPIPE"
    expect_rc "$cmd: a read-only output folder is exit 74" 74
    expect_err "$cmd names the folder" "folder .*/ro/out is not writable"
  done
else
  echo "skip: read-only folders (root without setpriv)"
fi
chmod 755 ro/out; rm -rf ro

# The issue's case 4: a second run on the same outputs stops at once, naming the first one's pid.
slow_cfg() {  # $1: milliseconds per document (3 documents, one thread)
  printf 'source = { plugin = "text"; lang = "vi"; };\nthreads = 1;\nchain = (\n  { plugin = "failing"; sleep_ms = %s; },\n  { plugin = "jsonl"; path = "out/docs.jsonl"; }\n);\n' "$1"
}
slow_cfg 1000 > slow.cfg
slow_cfg 300 > quick.cfg
run "$DOCPIPE" run -c quick.cfg -q corpus
cp out/docs.jsonl ref.jsonl
rm -rf out
"$DOCPIPE" run -c slow.cfg -q corpus 2>first.err & first=$!
for _ in $(seq 50); do [ -e out/docs.jsonl.lock ] && break; sleep 0.02; done
start=$(date +%s%N)
run "$DOCPIPE" run -c slow.cfg -q corpus
took=$(( ($(date +%s%N) - start) / 1000000 ))
expect_rc "a second run on the same outputs: exit 75" 75
expect_err "it names the other run's pid" "out/docs.jsonl is being written by another docpipe run \(pid $first;"
[ "$took" -lt 2000 ] && ok "and stops at once (${took} ms)" || fail "and stops at once" "${took} ms"
cat > other.cfg <<'CFG'
source = { plugin = "text"; lang = "vi"; };
checkpoint = "other.checkpoint";
chain = ( { plugin = "tsv"; path = "out/docs.jsonl"; } );
CFG
run "$DOCPIPE" run -c other.cfg -q corpus
expect_rc "another config with another checkpoint, writing the same file: 75 too" 75
wait $first
rc=$?
[ $rc -eq 0 ] && ok "the first run completes" || fail "the first run completes" "exit $rc: $(cat first.err)"
expect_same "with its own output, untouched by the second" out/docs.jsonl ref.jsonl
[ ! -e out/docs.jsonl.lock ] && [ ! -e slow.checkpoint.lock ] && ok "the lock files are removed at the end" \
  || fail "the lock files are removed at the end" "$(ls out)"

# A lock left by a killed run does not block the next one.
rm -rf out
"$DOCPIPE" run -c quick.cfg -q corpus 2>/dev/null & pid=$!
for _ in $(seq 50); do [ -e out/docs.jsonl.lock ] && break; sleep 0.02; done
kill -9 $pid; wait $pid 2>/dev/null
[ -e out/docs.jsonl.lock ] && ok "kill -9 leaves the lock file" || fail "kill -9 leaves the lock file"
run "$DOCPIPE" run -c quick.cfg -q --resume corpus
expect_rc "the next run is not blocked by it" 0
expect_same "and resumes to the whole output" out/docs.jsonl ref.jsonl

# Stress: two processes started together on the same outputs, ten times: the output is always one run's,
# whole; the other stops with 75 (or, on a loaded machine, starts only after the first is done).
stress_ok=1 conflicts=0
for round in $(seq 10); do
  rm -rf out quick.checkpoint
  "$DOCPIPE" run -c quick.cfg -q corpus 2>/dev/null & a=$!
  "$DOCPIPE" run -c quick.cfg -q corpus 2>/dev/null & b=$!
  wait $a; ra=$?
  wait $b; rb=$?
  codes=$(printf '%s\n' $ra $rb | sort -n | tr '\n' ' ')
  [ "$codes" = "0 75 " ] && conflicts=$((conflicts + 1))
  if { [ "$codes" != "0 75 " ] && [ "$codes" != "0 0 " ]; } || ! cmp -s out/docs.jsonl ref.jsonl; then
    stress_ok=0; fail "stress round $round" "exit codes $codes"; break
  fi
done
[ $stress_ok = 1 ] && ok "10 rounds of two simultaneous runs: the output is always whole, the loser exits 75"
[ $conflicts -ge 1 ] && ok "the runs met in $conflicts of 10 rounds" || fail "the runs never met"
finish
