#!/bin/bash
# A run's outputs are its own: temporary files are never opened through a
# planted symbolic link.
. "$top_srcdir/tests/lib.sh"
cd "$TMP" || exit 1

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
finish
