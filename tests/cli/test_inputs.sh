#!/bin/bash
# Input handling the core does for every source: encodings (BOM, UTF-16,
# Windows-1258, TCVN3, VISCII), NFD, invisible characters, truncated or
# binary input, size limits (a 50 MB file under the limit and one over).
. "$top_srcdir/tests/lib.sh"
cd "$TMP" || exit 1
S="$top_srcdir/samples/01_"*.txt
S=$(ls $S | head -1)

cat > enc.cfg <<'CFG'
source = { plugin = "text"; encoding = "${ENC:-auto}"; max_size = "${MAX:-64M}"; };
chain = ( { plugin = "jsonl"; path = "enc.jsonl"; segments = false; } );
CFG
text_of() { python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["text"], end="")' "$1"; }

# The reference: the sample as UTF-8 (NFC, LF).
run "$DOCPIPE" run -c enc.cfg -q "$S"
expect_rc "UTF-8 sample" 0
text_of enc.jsonl > ref.txt

roundtrip() {  # NAME ICONV_NAME ENCODING_OPTION [PREFIX_BYTES]
  { printf "${4:-}"; iconv -f UTF-8 -t "$2" < ref.txt; } > in.$1 2>/dev/null || { fail "$1: iconv could not encode the sample"; return; }
  ENC=$3 run "$DOCPIPE" run -c enc.cfg -q in.$1
  if [ "$RC" -eq 0 ] && [ "$(text_of enc.jsonl)" = "$(cat ref.txt)" ]; then ok "$1 round-trips"; else fail "$1 round-trips" "rc=$RC $ERR"; fi
}
roundtrip utf8-bom UTF-8 auto '\xef\xbb\xbf'
roundtrip utf16le-bom UTF-16LE auto '\xff\xfe'
roundtrip utf16be-bom UTF-16BE auto '\xfe\xff'
roundtrip utf16le-nobom UTF-16LE auto
roundtrip windows-1258 WINDOWS-1258 windows-1258
# TCVN3 and VISCII lack curly quotes and dashes: round-trip a plain Vietnamese line.
printf 'Thượng tướng Hoàng Xuân Chiến thăm Hà Nội, hoà bình và hợp tác.\n' > ref.txt
roundtrip tcvn3 TCVN5712-1 tcvn3
roundtrip viscii VISCII viscii

# NFD input comes out NFC.
printf 'Vi\x65\xcc\x82\xcc\xa3t Nam\n' > nfd.txt
run "$DOCPIPE" run -c enc.cfg -q nfd.txt
[ "$(text_of enc.jsonl)" = "Việt Nam" ] && ok "NFD becomes NFC" || fail "NFD becomes NFC" "$(text_of enc.jsonl)"
# Invisible characters and CRLF are cleaned.
printf 'H\xc3\xa0\xc2\xa0N\xe1\xbb\x99i\xe2\x80\x8b so\xc2\xadft\r\n' > dirty.txt
run "$DOCPIPE" run -c enc.cfg -q dirty.txt
[ "$(text_of enc.jsonl)" = "Hà Nội soft" ] && ok "NBSP, ZWSP, soft hyphen, CRLF cleaned" || fail "cleanup" "$(text_of enc.jsonl | od -c | head -3)"

# Broken input is rejected with the file and the reason; the others go on.
printf 'Vi\xe1\xbb' > truncated.txt
head -c 3000 /bin/ls > binary.bin
run "$DOCPIPE" run -c enc.cfg -q truncated.txt binary.bin "$S"
expect_rc "broken inputs make the run exit 65" 65
expect_err "truncated sequence named" "truncated.txt.*invalid UTF-8 at byte 2"
expect_err "binary file named" "binary.bin.*(binary|NUL)"
expect_file "the good document is still written" enc.jsonl '"id":"01_'
ENC=nosuch run "$DOCPIPE" run -c enc.cfg -q "$S"
expect_err "an unknown encoding is named" "unknown encoding 'nosuch'"

# Size limits: 50 MB under the default 64M, and over a 40M limit.
python3 -c '
import sys
line = "Đoàn đại biểu Bộ Quốc phòng Việt Nam thăm Hàn Quốc ngày 11-9. " * 8 + "\n"
with open("big.txt", "w", encoding="utf-8") as f:
    n = 0
    while n < 50 * 1024 * 1024:
        f.write(line); n += len(line.encode())
'
run "$DOCPIPE" run -c enc.cfg -q big.txt
expect_rc "a 50 MB file under the limit is processed" 0
MAX=40M run "$DOCPIPE" run -c enc.cfg -q big.txt "$S"
expect_rc "a file over max_size fails" 65
expect_err "the limit is named with the file" "big.txt.*too large: [0-9]+ bytes, over the limit max_size = 40M"
expect_file "the other document is still written" enc.jsonl '"id":"01_'
finish
