#!/bin/bash
# Interrupted runs (SIGINT: checkpoint + restore; SIGKILL: no cleanup at all)
# resumed with --resume end with exactly the files of an uninterrupted run,
# for the brat, conll, tsv and html writers together (and sqlite counts).
. "$top_srcdir/tests/lib.sh"

mkdir -p "$TMP/in"
for i in $(seq -w 1 80); do
  for f in "$top_srcdir"/samples/*.txt; do cp "$f" "$TMP/in/${i}_$(basename "$f")"; done
done
n_in=$(ls "$TMP/in" | wc -l)
sqlite_line=""
[ -e "$DOCPIPE_PLUGIN_PATH/writer_sqlite/writer_sqlite.la" ] && sqlite_line='{ plugin = "sqlite"; path = "OUT/docs.sqlite"; batch = 50; },'
cat >"$TMP/tmpl.cfg" <<CFG
data_path = [ "$top_srcdir/data" ];
threads = 2;
source = { plugin = "text"; paths = [ "$TMP/in" ]; include = [ "*.txt" ]; };
chain = (
  { plugin = "example"; name = "loc"; type = "LOC"; words = [ "Việt Nam", "Hàn Quốc", "Hà Nội", "Seoul", "Biển Đông" ]; },
  { plugin = "example"; name = "org"; type = "ORG"; words = [ "Bộ Quốc phòng", "Bộ Quốc phòng Hàn Quốc" ]; },
  { plugin = "glossary"; },
  $sqlite_line
  { plugin = "brat"; dir = "OUT/brat"; },
  { plugin = "conll"; path = "OUT/docs.conll"; },
  { plugin = "tsv"; path = "OUT/ents.tsv"; },
  { plugin = "html"; dir = "OUT/html"; }
);
CFG
cd "$TMP" || exit 1
sed 's|OUT/|full/|' tmpl.cfg >full.cfg
run "$DOCPIPE" run -c full.cfg
expect_rc "uninterrupted run" 0

for sig in INT KILL; do
  rm -rf part part.checkpoint
  sed 's|OUT/|part/|' tmpl.cfg >part.cfg
  "$DOCPIPE" run -c part.cfg 2>"$TMP/err.$sig" &
  pid=$!
  sleep 0.3
  kill -"$sig" "$pid" 2>/dev/null
  wait "$pid"
  rc=$?
  case $rc in
    0) echo "# note: the run finished before SIG$sig; resume then only re-reads the outputs" ;;
    130|137) ok "SIG$sig interrupted the run (exit $rc)" ;;
    *) fail "SIG$sig interrupted the run" "exit $rc" ;;
  esac
  run "$DOCPIPE" run --resume -c part.cfg
  expect_rc "resume after SIG$sig" 0
  if diff -r full/brat part/brat >/dev/null && diff -r full/html part/html >/dev/null &&
     cmp -s full/docs.conll part/docs.conll && cmp -s full/ents.tsv part/ents.tsv; then
    ok "SIG$sig + --resume: brat, html, conll, tsv identical to the uninterrupted run"
  else
    fail "SIG$sig + --resume: identical outputs" "$(diff -rq full part | head -3)"
  fi
  if [ -n "$sqlite_line" ] && command -v sqlite3 >/dev/null; then
    a=$(sqlite3 full/docs.sqlite 'SELECT count(*), (SELECT count(*) FROM entities) FROM documents')
    b=$(sqlite3 part/docs.sqlite 'SELECT count(*), (SELECT count(*) FROM entities) FROM documents')
    [ "$a" = "$b" ] && ok "SIG$sig + --resume: sqlite counts equal ($b)" || fail "sqlite counts" "$a vs $b"
  fi
done
[ "$(ls full/html | grep -c '\.html$')" -eq $((n_in + 1)) ] && ok "all pages present" || fail "all pages present"

finish
