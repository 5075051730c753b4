#!/bin/bash
# Text that is not prose: a recognizer that tags a word in sentences tags it
# nowhere inside a URL, an e-mail address or a file name, because the core
# drops what reaches into those spans after the last recognizer (resolve.c);
# an entity that covers a whole URL (the dates recognizer's URL type, a
# bare host name tagged as an organisation) stays.
. "$top_srcdir/tests/lib.sh"

mkdir -p "$TMP/in"
cat >"$TMP/in/a.txt" <<'TXT'
Tin quốc tế của báo qdnd hôm nay
Theo qdnd.vn
Nguồn: https://www.qdnd.vn/quoc-te/qdnd-tin-moi-12-3.html
Liên hệ banbientap@qdnd.vn, ảnh qdnd-quoc-te.jpg
TXT
cat >"$TMP/run.cfg" <<CFG
source = { plugin = "text"; paths = [ "$TMP/in" ]; };
chain = (
  { plugin = "example"; name = "words"; type = "ORG"; words = [ "qdnd", "quốc tế", "quoc-te", "qdnd.vn" ]; },
  { plugin = "dates"; urls = true; emails = true; },
  { plugin = "jsonl"; path = "$TMP/out.jsonl"; }
);
CFG
run "$DOCPIPE" run -c "$TMP/run.cfg"
expect_rc "run" 0
ents=$(python3 -c '
import json, sys
for line in open(sys.argv[1]):
    for e in json.loads(line)["entities"]:
        print("%s %d %s" % (e["type"], e["start"], e["surface"]))
' "$TMP/out.jsonl")
expect_ent() {  # NAME LINE: the entity list holds LINE
  if printf '%s\n' "$ents" | grep -qxF -- "$2"; then ok "$1"; else fail "$1" "no '$2' in: $(printf '%s' "$ents" | tr '\n' ';')"; fi
}
expect_ent "the word in a sentence is tagged" "ORG 20 qdnd"
expect_ent "the other word in a sentence is tagged" "ORG 4 quốc tế"
expect_ent "a whole bare host name is tagged" "ORG 38 qdnd.vn"
expect_ent "the URL itself stays (dates, urls = true)" "URL 53 https://www.qdnd.vn/quoc-te/qdnd-tin-moi-12-3.html"
expect_ent "the e-mail address itself stays (dates, emails = true)" "EMAIL 112 banbientap@qdnd.vn"
n=$(printf '%s\n' "$ents" | wc -l)
[ "$n" -eq 5 ] && ok "nothing inside the URL, the address or the file name (5 entities)" \
  || fail "nothing inside the URL, the address or the file name" "$n entities: $(printf '%s' "$ents" | tr '\n' ';')"
# The same words are found inside the spans when the spans are prose: the
# recognizer itself does not skip them, the core does.
rm "$TMP/in/a.txt"
cat >"$TMP/in/b.txt" <<'TXT'
Tin quốc tế của báo qdnd hôm nay
Theo qdnd.vn
Nguồn: qdnd quoc-te qdnd-tin-moi-12-3
Liên hệ banbientap qdnd, ảnh qdnd-quoc-te
TXT
run "$DOCPIPE" run -c "$TMP/run.cfg"
expect_rc "run on the same words as prose" 0
n=$(python3 -c '
import json, sys
print(sum(1 for line in open(sys.argv[1]) for e in json.loads(line)["entities"] if e["type"] == "ORG"))
' "$TMP/out.jsonl")
[ "$n" -eq 9 ] && ok "as prose the recognizer tags them ($n ORG)" || fail "as prose the recognizer tags them" "$n ORG"
finish
