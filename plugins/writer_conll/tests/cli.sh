#!/bin/bash
# CoNLL writer on the sample corpus: format, IOB2 consistency, stdout mode.
. "$top_srcdir/tests/lib.sh"
# Recognizers of the core tree only (the example recognizer with fixed word
# lists, and the glossary for English renderings), so this test depends on
# nothing but the writers under test.
RECOG='{ plugin = "example"; name = "loc"; type = "LOC"; words = [ "Việt Nam", "Hàn Quốc", "Hà Nội", "Seoul",
    "Biển Đông", "Khánh Hòa", "Cam Ranh", "Đà Nẵng", "Quảng Ninh", "Nhật Bản", "Lào", "Campuchia", "Thái Lan",
    "Philippines", "Hoa Kỳ", "Mỹ", "Ấn Độ", "Úc", "Hoàng Sa", "Trường Sa", "Tokyo", "Viêng Chăn",
    "Thành phố Hồ Chí Minh", "Triều Tiên", "Singapore", "Malaysia" ]; },
  { plugin = "example"; name = "org"; type = "ORG"; words = [ "Bộ Quốc phòng", "Bộ Quốc phòng Hàn Quốc",
    "Bộ Ngoại giao", "Cục Đối ngoại", "Học viện Quốc phòng", "Liên hợp quốc", "ASEAN", "ADMM", "ADSOM",
    "Tổng cục Chính trị", "Hải quân" ]; },
  { plugin = "example"; name = "per"; type = "PER"; words = [ "Lê Quang Hưng", "Kim Seong-ho", "Vũ Thị Nga" ]; },
  { plugin = "glossary"; },'
# The glossary finds the project's data files on the data search path.
export DOCPIPE_DATA_PATH="$top_srcdir/data"

cfg() {  # cfg PATH COLUMNS
  cat <<CFG
threads = 2;
source = { plugin = "text"; paths = [ "$top_srcdir/samples" ]; include = [ "*.txt" ]; };
chain = (
  $RECOG
  { plugin = "conll"; path = "$1"; columns = "$2"; }
);
CFG
}
cfg "$TMP/out.conll" 2 >"$TMP/two.cfg"
cfg "$TMP/out4.conll" 4 >"$TMP/four.cfg"
cfg "-" 2 >"$TMP/stdout.cfg"

run "$DOCPIPE" run -c "$TMP/two.cfg"
expect_rc "run, 2 columns" 0
n_in=$(ls "$top_srcdir"/samples/*.txt | wc -l)
n_doc=$(grep -c '^-DOCSTART- O$' "$TMP/out.conll")
[ "$n_doc" -eq "$n_in" ] && ok "one -DOCSTART- per document ($n_in)" || fail "-DOCSTART- count" "$n_doc != $n_in"
[ ! -e "$TMP/out.conll.tmp" ] && ok "temporary file renamed" || fail "temporary file renamed"

# Every non-blank line: 2 fields, tag O/B-X/I-X; I-X only after B-X or I-X of the same type.
check=$(awk '
  NF == 0 { prev = "O"; next }
  NF != 2 { print "bad field count at line " NR ": " $0; exit }
  $2 !~ /^(O|[BI]-[A-Za-z_-]+)$/ { print "bad tag at line " NR ": " $0; exit }
  $2 ~ /^I-/ && prev != "B-" substr($2, 3) && prev != $2 { print "orphan I- at line " NR ": " $0; exit }
  { prev = $2 }' "$TMP/out.conll")
[ -z "$check" ] && ok "IOB2 well formed" || fail "IOB2 well formed" "$check"
n_b=$(grep -c ' B-' "$TMP/out.conll")
[ "$n_b" -gt 20 ] && ok "entities tagged ($n_b)" || fail "entities tagged" "$n_b B- tags"
expect_file "a known country is tagged" "$TMP/out.conll" '^Hàn B-LOC$'
grep -A1 '^Hàn B-LOC$' "$TMP/out.conll" | grep -q '^Quốc I-LOC$' && ok "multi-syllable entity: B- then I-" \
  || fail "multi-syllable entity: B- then I-"
n_sent=$(grep -c '^$' "$TMP/out.conll")
[ "$n_sent" -gt $((n_in * 5)) ] && ok "sentences split ($n_sent blank lines)" || fail "sentences split" "$n_sent"

run "$DOCPIPE" run -c "$TMP/four.cfg"
expect_rc "run, 4 columns" 0
expect_file "4-column DOCSTART" "$TMP/out4.conll" '^-DOCSTART- -X- -X- O$'
expect_file "4-column tokens" "$TMP/out4.conll" '^Hàn _ _ B-LOC$'
awk 'NF { print $1, $NF; next } { print "" }' "$TMP/out4.conll" >"$TMP/4to2"
expect_same "4 columns carry the same tokens and tags" "$TMP/4to2" "$TMP/out.conll"

run "$DOCPIPE" run -c "$TMP/stdout.cfg"
expect_rc "run to stdout" 0
cp "$TMP/stdout" "$TMP/stdout.conll"
expect_same "stdout output equals the file output" "$TMP/stdout.conll" "$TMP/out.conll"

finish
