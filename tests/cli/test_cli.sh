#!/bin/bash
# CLI tests of the core: run, check, plugins, try, version, every exit code,
# and bad input (missing, unreadable, invalid UTF-8, empty, no matches).
. "$top_srcdir/tests/lib.sh"
F="$top_srcdir/tests/fixtures"
cd "$TMP" || exit 1

cat > p.cfg <<CFG
source = { plugin = "text"; lang = "vi"; };
chain = (
  { plugin = "example"; words = [ "ASEAN", "hà nội" ]; type = "LOC"; },
  { plugin = "jsonl"; name = "out"; path = "out/docs.jsonl"; }
);
CFG

run "$DOCPIPE" version
expect_rc "version exits 0" 0
expect_out "version names the ABI" "docpipe [0-9.]+ \(plugin ABI 2\.2\)"

run "$DOCPIPE"
expect_rc "no command is a usage error" 64
run "$DOCPIPE" frobnicate
expect_rc "unknown command is a usage error" 64
for c in run check plugins try; do
  run "$DOCPIPE" $c --help
  expect_rc "$c --help exits 0" 0
  expect_out "$c --help shows usage" "usage: docpipe $c"
done
run "$DOCPIPE" run --threads x
expect_rc "bad --threads is a usage error" 64

# A good run: one document, entities with code-point offsets.
run "$DOCPIPE" run -c p.cfg -q "$F/good.txt"
expect_rc "run exits 0" 0
expect_file "output written under its final name" out/docs.jsonl '"id":"good"'
expect_file "lang set by the source option" out/docs.jsonl '"lang":"vi"'
expect_file "title field from the first line" out/docs.jsonl '"title":"Tiêu đề thử nghiệm"'
expect_file "offset unit declared" out/docs.jsonl '"offset_unit":"codepoint"'
# "Tiêu đề thử nghiệm\n\nĐoàn đại biểu " is 34 code points; ASEAN spans 34..39.
expect_file "code-point offsets" out/docs.jsonl '"start":34,"end":39,"type":"LOC","surface":"ASEAN"'
expect_file "case-insensitive match keeps the surface" out/docs.jsonl '"surface":"Hà Nội"'
[ ! -e out/docs.jsonl.tmp ] && ok "no temporary file left" || fail "no temporary file left"
[ ! -e p.checkpoint ] && ok "checkpoint removed after a complete run" || fail "checkpoint removed"

# Every entity's offsets slice to its surface (code points).
python3 - out/docs.jsonl <<'PY' && ok "offsets slice to surfaces" || fail "offsets slice to surfaces"
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    for e in d["entities"]:
        assert d["text"][e["start"]:e["end"]] == e["surface"], e
PY

# Bad input: each is named with its reason; the good document still comes out.
cp "$F/good.txt" unreadable.txt; chmod 000 unreadable.txt
run "$DOCPIPE" run -c p.cfg -q "$F/good.txt" "$F/bad-utf8.txt" "$F/empty.txt" nosuch.txt unreadable.txt
if [ "$(id -u)" = 0 ]; then :; else expect_err "unreadable file named" "unreadable.txt.*Permission denied"; fi
expect_rc "missing input gives exit 66" 66
expect_err "invalid UTF-8 named with its offset" "bad-utf8.txt.*invalid UTF-8 at byte 4"
expect_err "empty file named" "empty.txt.*empty input"
expect_err "missing file named" "nosuch.txt.*cannot open: No such file or directory"
expect_file "the good document is still written" out/docs.jsonl '"id":"good"'
run "$DOCPIPE" run -c p.cfg -q "$F/good.txt" "$F/bad-utf8.txt"
expect_rc "a failed document gives exit 65" 65
mkdir -p emptydir
run "$DOCPIPE" run -c p.cfg -q emptydir
expect_rc "a directory without files gives 66" 66
expect_err "the directory is named" "emptydir.*no matching files"
run "$DOCPIPE" run -c p.cfg -q 'nomatch-*.txt'
expect_rc "a glob without match gives 66" 66
expect_err "the pattern is named" "nomatch-\*.txt.*no file matches"

# Directories are walked recursively in a deterministic order with include/exclude.
mkdir -p corpus/b corpus/a
cp "$F/good.txt" corpus/b/2.txt; cp "$F/good.txt" corpus/a/1.txt; cp "$F/good.txt" corpus/a/skip.md
cat > dir.cfg <<CFG
source = { plugin = "text"; paths = [ "corpus" ]; include = [ "*.txt" ]; };
chain = ( { plugin = "jsonl"; path = "dir.jsonl"; text = false; } );
CFG
run "$DOCPIPE" run -c dir.cfg -q
expect_rc "source paths from the config" 0
ids=$(python3 -c 'import json,sys; print(" ".join(json.loads(l)["id"] for l in open("dir.jsonl")))')
[ "$ids" = "a/1 b/2" ] && ok "recursive walk, sorted, include applied" || fail "recursive walk" "got: $ids"

# Progress: forced with --progress (automatic on a terminal), never on stdout.
# stderr is not a terminal here: plain lines, no carriage return.
run "$DOCPIPE" run -c p.cfg --progress "$F/good.txt"
expect_err "progress line with the totals" "^docpipe: progress: 1/1 docs \(0 failed\), [0-9.]+/[0-9.]+ MB, 100%, [0-9]+ docs/s"
case "$ERR" in *$'\r'*) fail "no carriage return off a terminal" ;; *) ok "no carriage return off a terminal" ;; esac
size=$(stat -c %s "$F/good.txt")
cp "$F/good.txt" good2.txt
run "$DOCPIPE" run -c p.cfg --progress "$F/good.txt" good2.txt
expect_err "two inputs: 2 documents in total" "^docpipe: progress: 2/2 docs"
mb=$(python3 -c "print('%.1f' % ($size * 2 / 1e6))")
expect_err "the total MB is the inputs' size" "/$mb MB, 100%"
run "$DOCPIPE" run -c p.cfg --progress --shard 0/2 "$F/good.txt"
expect_err "a shard knows the bytes, not the documents" "^docpipe: progress: [0-9]+ docs \(0 failed\), [0-9.]+/[0-9.]+ MB, [0-9]+%"
expect_err "summary line" "1 documents in [0-9.]+ s: 1 ok, 0 failed, 0 skipped"
[ -z "$OUT" ] && ok "nothing but data on stdout" || fail "nothing but data on stdout" "$OUT"
run "$DOCPIPE" run -c p.cfg -q "$F/good.txt"
[ -z "$ERR" ] && ok "--quiet prints nothing" || fail "--quiet prints nothing" "$ERR"

# stdin
run bash -c "'$DOCPIPE' run -c p.cfg -q - < '$F/good.txt'"
expect_rc "stdin input" 0
expect_file "stdin document id" out/docs.jsonl '"id":"stdin"'

# check
run "$DOCPIPE" check -c p.cfg
expect_rc "check of a good config exits 0" 0
expect_out "check says OK" "p.cfg: OK"
rm -rf checkdir
cat > c2.cfg <<CFG
source = { plugin = "text"; };
chain = ( { plugin = "jsonl"; path = "checkdir/x.jsonl"; } );
CFG
run "$DOCPIPE" check -c c2.cfg
[ ! -e checkdir ] && ok "check creates no output" || fail "check creates no output"
run "$DOCPIPE" check -c nosuch.cfg
expect_rc "check of a missing config exits 78" 78
expect_err "missing config named" "nosuch.cfg: cannot read the config file"
run "$DOCPIPE" run -c nosuch.cfg x
expect_rc "run with a missing config exits 78" 78

# plugins
run "$DOCPIPE" plugins
expect_rc "plugins lists" 0
expect_out "lists the jsonl writer" "^writer +jsonl"
expect_out "lists the text source" "^source +text"
run "$DOCPIPE" plugins jsonl
expect_rc "plugins jsonl" 0
for opt in path offset_unit pretty text segments; do
  expect_out "plugins jsonl documents $opt" "^  $opt "
done
expect_out "enum choices shown" "one of: codepoint\|utf16\|byte"
run "$DOCPIPE" plugins text
expect_out "sources list the common options" "^  max_size "
run "$DOCPIPE" plugins --json
expect_rc "plugins --json" 0
printf '%s' "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert any(p["name"]=="jsonl" and p["kind"]=="writer" for p in d["plugins"])' \
  && ok "plugins --json is valid JSON" || fail "plugins --json is valid JSON"
run "$DOCPIPE" plugins nosuch
expect_rc "unknown plugin name" 64

# try: one plugin on one file
run "$DOCPIPE" try example -o words=ASEAN "$F/good.txt"
expect_rc "try exits 0" 0
expect_out "try prints the document with the entity" '"surface":"ASEAN"'
run "$DOCPIPE" try example -o nosuch=1 "$F/good.txt"
expect_rc "try with an unknown option" 64
run "$DOCPIPE" try example "$F/good.txt"
expect_rc "try without a required option is a config error" 78
expect_err "the missing option is named" "requires option 'words'"

finish
