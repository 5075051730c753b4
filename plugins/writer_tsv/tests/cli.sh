#!/bin/bash
# TSV writer on the sample corpus: header, columns, offsets checked independently
# (iconv to UTF-32 / UTF-16 and dd) in code points and UTF-16 units.
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

cfg() {  # cfg PATH UNIT
  cat <<CFG
threads = 2;
source = { plugin = "text"; paths = [ "$top_srcdir/samples" ]; include = [ "*.txt" ]; };
chain = (
  $RECOG
  { plugin = "tsv"; path = "$1"; offset_unit = "$2"; },
  { plugin = "brat"; dir = "$TMP/brat"; }
);
CFG
}
cfg "$TMP/cp.tsv" codepoint >"$TMP/cp.cfg"
cfg "$TMP/u16.tsv" utf16 >"$TMP/u16.cfg"

run "$DOCPIPE" run -c "$TMP/cp.cfg"
expect_rc "run, code points" 0
run "$DOCPIPE" run -c "$TMP/u16.cfg"
expect_rc "run, utf16" 0
expect_file "header row" "$TMP/cp.tsv" $'^doc_id\ttype\tstart\tend\tsurface\tvalue\tenglish\tinstance$'
[ "$(head -1 "$TMP/cp.tsv")" = "$(printf 'doc_id\ttype\tstart\tend\tsurface\tvalue\tenglish\tinstance')" ] \
  && ok "header is the first line" || fail "header is the first line"
cols=$(awk -F'\t' 'NF != 8 { print NR": "NF; exit }' "$TMP/cp.tsv")
[ -z "$cols" ] && ok "8 columns on every row" || fail "8 columns on every row" "$cols"
rows=$(($(wc -l <"$TMP/cp.tsv") - 1))
[ "$rows" -gt 20 ] && ok "entity rows ($rows)" || fail "entity rows" "$rows"
awk -F'\t' 'NR > 1 && $7 != ""' "$TMP/cp.tsv" | grep -q . && ok "English column filled" || fail "English column filled"

# Offsets: doc_id names the sample (the text source's id); text = the brat .txt of that doc.
check_unit() {  # FILE ENCODING BYTES_PER_UNIT
  local file=$1 enc=$2 w=$3 bad=0 n=0 doc type s e surface rest prev=""
  while IFS=$'\t' read -r doc type s e surface rest; do
    [ "$doc" = doc_id ] && continue
    if [ "$doc" != "$prev" ]; then
      stem=$(printf %s "$doc" | sed 's/[^A-Za-z0-9._-]/_/g')
      txt=$(ls "$TMP"/brat/"$stem"*.txt 2>/dev/null | head -1)
      [ -n "$txt" ] || { bad=$((bad + 1)); echo "  no text for $doc"; continue; }
      iconv -f UTF-8 -t "$enc" "$txt" >"$TMP/enc"
      prev=$doc
    fi
    got=$(dd if="$TMP/enc" bs="$w" skip="$s" count=$((e - s)) 2>/dev/null | iconv -f "$enc" -t UTF-8 | sed -z 's/\\/\\\\/g; s/\t/\\t/g; s/\n/\\n/g')
    n=$((n + 1))
    if [ "$got" != "$surface" ]; then bad=$((bad + 1)); [ $bad -le 3 ] && echo "  $doc $s-$e: '$got' != '$surface'"; fi
  done <"$file"
  [ "$n" -gt 20 ] && [ "$bad" -eq 0 ] && ok "$enc offsets slice to the surfaces ($n rows)" \
    || fail "$enc offsets slice to the surfaces" "$bad of $n wrong"
}
check_unit "$TMP/cp.tsv" UTF-32LE 4
check_unit "$TMP/u16.tsv" UTF-16LE 2

finish
