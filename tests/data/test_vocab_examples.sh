#!/bin/bash
# The worked examples of data/vi-en/README.md that the glossary gives today (marked ✓) must keep
# coming out exactly so: a change to data/vi-en that breaks one fails here. The examples marked —
# need the composer change the README specifies; when it lands, their marks turn to ✓ and this
# test checks them too. Runs the real pipeline: text source, the example recognizer tagging each
# example surface, the glossary with data/, JSON Lines out.
. "$top_srcdir/tests/lib.sh"
README="$top_srcdir/data/vi-en/README.md"

# "surface<TAB>english" for every ✓ row (PER rows are folded, not composed: left out)
python3 - "$README" >"$TMP/examples.tsv" <<'PY'
import re, sys
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"^\| (\d+) \| (.+?) \| (.+?) \| (.+?) \| (✓|—) \|$", line.strip())
    if m and m.group(5) == "✓" and "(PER)" not in m.group(4):
        print(f"{m.group(2)}\t{m.group(3)}")
PY
n=$(wc -l <"$TMP/examples.tsv")
[ "$n" -ge 30 ] && ok "README has $n examples the glossary gives today" || fail "README examples" "only $n marked ✓"

mkdir "$TMP/docs"
cut -f1 "$TMP/examples.tsv" | awk '{ print "Ví dụ"; print ""; print $0 "."; print "" }' >"$TMP/docs/examples.txt"
words=$(cut -f1 "$TMP/examples.tsv" | sed 's/.*/"&"/' | paste -sd, -)
cat >"$TMP/examples.cfg" <<CFG
plugin_path = [ "$top_builddir/plugins" ];
data_path = [ "$top_srcdir/data" ];
threads = 1;
source = { plugin = "text"; paths = [ "$TMP/docs" ]; include = [ "*.txt" ]; };
chain = (
  { plugin = "example"; type = "ORG"; words = [ $words ]; },
  { plugin = "glossary"; fields = [ ]; },
  { plugin = "jsonl"; name = "out"; path = "$TMP/out.jsonl"; }
);
CFG
run "$DOCPIPE" run -q -c "$TMP/examples.cfg"
expect_rc "pipeline over the examples exits 0" 0

run python3 - "$TMP/examples.tsv" "$TMP/out.jsonl" <<'PY'
import json, sys
want = dict(line.rstrip("\n").split("\t") for line in open(sys.argv[1], encoding="utf-8"))
got = {}
for line in open(sys.argv[2], encoding="utf-8"):
    for e in json.loads(line)["entities"]:
        got.setdefault(e["surface"], set()).add(e["translations"].get("en"))
bad = 0
for vi, en in want.items():
    if got.get(vi) != {en}:
        bad += 1
        print(f"MISMATCH {vi}: want '{en}', got {sorted(x or '' for x in got.get(vi, []))}")
print(f"{len(want) - bad} of {len(want)} examples as the README says")
sys.exit(1 if bad else 0)
PY
expect_rc "every ✓ example renders as the README says" 0
expect_out "counts them" "^([0-9]+) of \\1 examples"

finish
