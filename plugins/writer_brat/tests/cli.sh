#!/bin/bash
# brat writer on the sample corpus: every T span, sliced from the .txt by code
# points (iconv to UTF-32, independent of docpipe), equals the surface.
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

cat >"$TMP/run.cfg" <<CFG
threads = 2;
source = { plugin = "text"; paths = [ "$top_srcdir/samples" ]; include = [ "*.txt" ]; };
chain = (
  $RECOG
  { plugin = "brat"; dir = "$TMP/brat"; },
  { plugin = "conll"; path = "$TMP/out.conll"; },
  { plugin = "tsv"; path = "$TMP/out.tsv"; },
  { plugin = "html"; dir = "$TMP/html"; }
);
CFG

run "$DOCPIPE" run -c "$TMP/run.cfg"
expect_rc "run over the samples" 0
n_txt=$(ls "$TMP"/brat/*.txt 2>/dev/null | wc -l)
n_ann=$(ls "$TMP"/brat/*.ann 2>/dev/null | wc -l)
n_in=$(ls "$top_srcdir"/samples/*.txt | wc -l)
[ "$n_txt" -eq "$n_in" ] && [ "$n_ann" -eq "$n_in" ] && ok "one .txt and one .ann per document ($n_in)" \
  || fail "one .txt and one .ann per document" "$n_txt .txt, $n_ann .ann, $n_in inputs"
expect_file "annotation.conf lists entity types" "$TMP/brat/annotation.conf" '^LOC$'
expect_file "annotation.conf allows overlaps" "$TMP/brat/annotation.conf" '^<OVERLAP>'
expect_file "visual.conf colours the types" "$TMP/brat/visual.conf" $'^LOC\tbgColor:#'
ls "$TMP"/brat/*.tmp* >/dev/null 2>&1 && fail "no temporary file left" || ok "no temporary file left"

# Slice every T line's fragments from the .txt by code points.
bad=0 checked=0 notes=0
for ann in "$TMP"/brat/*.ann; do
  txt=${ann%.ann}.txt
  iconv -f UTF-8 -t UTF-32LE "$txt" >"$TMP/u32" || { bad=$((bad + 1)); continue; }
  while IFS=$'\t' read -r id spec surface; do
    case $id in
      T*) ;;
      \#*) notes=$((notes + 1)); continue ;;
      *) continue ;;
    esac
    spans=${spec#* }
    got=""
    IFS=';' read -ra frags <<<"$spans"
    for fr in "${frags[@]}"; do
      s=${fr% *} e=${fr#* }
      piece=$(dd if="$TMP/u32" bs=4 skip="$s" count=$((e - s)) 2>/dev/null | iconv -f UTF-32LE -t UTF-8)
      got=${got:+$got }$piece
    done
    checked=$((checked + 1))
    if [ "$got" != "$surface" ]; then
      bad=$((bad + 1))
      [ $bad -le 3 ] && echo "  mismatch in $ann: $id [$spans] '$got' != '$surface'"
    fi
  done <"$ann"
done
[ "$checked" -gt 20 ] && ok "entities to check ($checked)" || fail "entities to check" "only $checked T lines"
[ "$bad" -eq 0 ] && ok "every T span equals its surface by code points" || fail "T spans" "$bad mismatches"
[ "$notes" -gt 0 ] && ok "AnnotatorNotes lines ($notes)" || fail "AnnotatorNotes lines" "none"
grep -q $'AnnotatorNotes T[0-9]*\ten: ' "$TMP"/brat/*.ann && ok "English renderings in notes" \
  || fail "English renderings in notes"

# A second run gives byte-identical files (deterministic names and content).
cp -r "$TMP/brat" "$TMP/brat1"
run "$DOCPIPE" run -c "$TMP/run.cfg"
expect_rc "second run" 0
if diff -r "$TMP/brat1" "$TMP/brat" >/dev/null; then ok "second run identical"; else fail "second run identical"; fi

# An output folder that cannot be created: a clear error with the path.
: >"$TMP/plain"
sed "s|dir = \"$TMP/brat\"|dir = \"$TMP/plain/brat\"|" "$TMP/run.cfg" >"$TMP/bad.cfg"
run "$DOCPIPE" run -c "$TMP/bad.cfg"
[ "$RC" -ne 0 ] && ok "unwritable folder fails" || fail "unwritable folder fails" "exit 0"
expect_err "the error names the folder" "plain/brat"

finish
