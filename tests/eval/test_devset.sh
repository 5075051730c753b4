#!/bin/bash
# The development set (tests/eval/devset) is well formed: check_devset.py passes
# on it, and fails on copies broken in the ways it must catch.
. "$top_srcdir/tests/lib.sh"
D="$top_srcdir/tests/eval/devset"
C="$D/check_devset.py"

run python3 "$C" "$D"
expect_rc "the devset passes its checks" 0
expect_out "48 dev and 24 test articles" "^dev: 48 articles, [0-9]+ gold rows; test: 24 articles, [0-9]+ gold rows; 0 problems$"

# A broken copy: a surface not in its article, a duplicate row, an unknown type,
# a missing english, and one test article moved into dev/.
cp -r "$D" "$TMP/devset"
B="$TMP/devset"
first=$(sed -n 2p "$B/dev/gold.tsv")
doc=${first%%$'\t'*}
printf '%s\tPER\tKhông Có Người Này\tNobody\t\n' "$doc" >>"$B/dev/gold.tsv"
printf '%s\n' "$first" >>"$B/dev/gold.tsv"
printf '%s\tPERSON\tx\tx\t\n%s\tLOC\tViệt Nam\t\t\n' "$doc" "$doc" >>"$B/dev/gold.tsv"
mv "$B"/test/sports_03_*.txt "$B/dev/"
run python3 "$C" "$B"
expect_rc "a broken copy fails" 1
expect_out "names the missing surface" "surface 'Không Có Người Này' does not occur"
expect_out "names the duplicate" "duplicate row $doc "
expect_out "names the unknown type" "unknown type 'PERSON'"
expect_out "names the empty english" "empty column or surrounding spaces"
expect_out "names the split" "9 sports articles, expected 8"
expect_out "names the gold rows left without their article" "is not an article in test/"

run python3 "$C" "$TMP/nowhere"
expect_rc "a missing directory exits 66" 66

finish
