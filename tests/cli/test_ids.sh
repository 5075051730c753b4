#!/bin/bash
# Duplicate document ids (issue #11, case 6): two inputs with the same name in
# different folders, or a JSON Lines source repeating an id, used to leave the
# brat, HTML and SQLite outputs with only the last document.  A document whose
# id was written already is written as ID~2, ID~3 … in input order, with one
# warning a run; a resumed run renames exactly as the uninterrupted one.
. "$top_srcdir/tests/lib.sh"
cd "$TMP" || exit 1
export DOCPIPE_PLUGIN_PATH="$DOCPIPE_PLUGIN_PATH:$TEST_PLUGINS"
jids() { python3 -c 'import json,sys; print(" ".join(json.loads(l)["id"] for l in open(sys.argv[1])))' "$1"; }

mkdir -p a b
printf 'Một\n\nHà Nội.\n' > a/x.txt
printf 'Hai\n\nHuế.\n' > b/x.txt
printf 'Ba\n\nVinh.\n' > b/y.txt
have_sqlite=0
"$DOCPIPE" plugins sqlite >/dev/null 2>&1 && have_sqlite=1
sqlite_writer=''
[ $have_sqlite = 1 ] && sqlite_writer=', { plugin = "sqlite"; path = "out/docs.sqlite"; }'
cat > files.cfg <<CFG
source = { plugin = "text"; lang = "vi"; };
chain = (
  { plugin = "jsonl"; path = "out/docs.jsonl"; },
  { plugin = "brat"; dir = "out/brat"; },
  { plugin = "html"; dir = "out/html"; },
  { plugin = "tsv"; path = "out/docs.tsv"; }
  $sqlite_writer
);
CFG
run "$DOCPIPE" run -c files.cfg --stats stats.json a b
expect_rc "two folders with a file of the same name" 0
[ "$(jids out/docs.jsonl)" = "x x~2 y" ] && ok "the second x is written as x~2" || fail "the second x is written as x~2" "$(jids out/docs.jsonl)"
expect_err "one warning names the source and the new id" "b/x.txt: document id 'x' was written already, by an earlier document: written as 'x~2'"
expect_err "the summary counts them" "1 duplicate ids renamed"
[ "$(ls out/brat/*.ann | wc -l)" -eq 3 ] && ok "brat keeps all three documents" || fail "brat keeps all three documents" "$(ls out/brat)"
grep -q "Huế" out/brat/*.txt && grep -q "Hà Nội" out/brat/*.txt && ok "both x documents are in brat" || fail "both x documents are in brat"
[ "$(grep -c '<tr data-types' out/html/index.html)" -eq 3 ] && ok "html lists all three" || fail "html lists all three"
if [ $have_sqlite = 1 ]; then
  n=$(python3 -c 'import sqlite3; print(sqlite3.connect("out/docs.sqlite").execute("select count(*) from documents").fetchone()[0])')
  [ "$n" -eq 3 ] && ok "sqlite holds all three" || fail "sqlite holds all three" "$n rows"
fi
python3 -c 'import json; assert json.load(open("stats.json"))["renamed_ids"] == 1' && ok "--stats counts the rename" \
  || fail "--stats counts the rename" "$(cat stats.json)"

if "$DOCPIPE" plugins jsonl 2>/dev/null | grep -q '^source'; then
  cat > lines.cfg <<'CFG'
source = { plugin = "jsonl"; };
checkpoint = "lines.checkpoint";
chain = (
  { plugin = "failing"; sleep_ms = 0; },
  { plugin = "jsonl"; path = "out/lines.jsonl"; text = false; }
);
CFG
  printf '{"id":"x","text":"một"}\n{"id":"x","text":"hai"}\n{"id":"x~2","text":"ba"}\n{"id":"x","text":"bốn"}\n{"id":"y","text":"năm"}\n' > dup.jsonl
  run "$DOCPIPE" run -c lines.cfg -q dup.jsonl
  expect_rc "a JSON Lines source repeating ids" 0
  [ "$(jids out/lines.jsonl)" = "x x~2 x~2~2 x~3 y" ] && ok "renamed in order, never onto a taken id" \
    || fail "renamed in order, never onto a taken id" "$(jids out/lines.jsonl)"

  # Resume: the ids written before the checkpoint are known to the resumed run.
  python3 -c '
with open("many.jsonl", "w") as f:
    for i in range(60):
        f.write("{\"id\":\"doc%d\",\"text\":\"văn bản %d\"}\n" % (i % 7, i))
'
  sed -i 's/sleep_ms = 0/sleep_ms = 15/' lines.cfg
  run "$DOCPIPE" run -c lines.cfg -q --threads 2 many.jsonl
  cp out/lines.jsonl ref.jsonl
  rm -rf out
  ( DOCPIPE_TEST_CRASH_AT=after-checkpoint:1 "$DOCPIPE" run -c lines.cfg -q --threads 2 many.jsonl; exit $? ) >/dev/null 2>&1
  [ -e lines.checkpoint.ids.tmp ] && ok "the ids written so far are kept beside the checkpoint" || fail "the id list beside the checkpoint"
  run "$DOCPIPE" run -c lines.cfg -q --threads 2 --resume many.jsonl
  expect_rc "resume with duplicates on both sides of the checkpoint" 0
  expect_same "renames exactly as the uninterrupted run" out/lines.jsonl ref.jsonl
  [ ! -e lines.checkpoint.ids.tmp ] && ok "the id list is removed with the checkpoint" || fail "the id list is removed with the checkpoint"
else
  echo "skip: the jsonl source is not built"
fi
finish
