#!/bin/bash
# Every ready config's outputs on the samples are byte-identical to the stored
# ones (tests/golden/expected): restructurings and speed-ups must not change a
# byte; a change meant to alter output stores them anew (tests/golden/update.sh)
# so the diff is reviewed in the commit.
. "$top_srcdir/tests/lib.sh"
expected=$top_srcdir/tests/golden/expected

run "$top_srcdir/tests/golden/run-configs.sh" "$TMP/actual"
expect_rc "every ready config runs over the samples with exit 0" 0
for d in "$expected"/*/; do
  name=$(basename "$d")
  if diff -r "$d" "$TMP/actual/$name" >"$TMP/diff" 2>&1; then
    ok "$name: outputs identical to tests/golden/expected/$name"
  else
    fail "$name: outputs differ from tests/golden/expected/$name" "$(head -c 600 "$TMP/diff")"
  fi
done
# The comparison itself must be able to fail: a changed byte is caught.
cp -R "$TMP/actual/default" "$TMP/mutated"
printf ' ' >>"$TMP/mutated/docs.jsonl"
if diff -r "$expected/default" "$TMP/mutated" >/dev/null 2>&1; then
  fail "a one-byte change is detected"
else
  ok "a one-byte change is detected"
fi
finish
