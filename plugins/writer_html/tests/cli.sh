#!/bin/bash
# HTML report on the sample corpus and on a hostile article: pages, index,
# escaping, no stray files.
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
here="$top_srcdir/plugins/writer_html/tests"

mkdir -p "$TMP/in"
cp "$top_srcdir"/samples/*.txt "$here/hostile.txt" "$TMP/in/"
cat >"$TMP/run.cfg" <<CFG
threads = 2;
source = { plugin = "text"; paths = [ "$TMP/in" ]; include = [ "*.txt" ]; };
chain = (
  $RECOG
  { plugin = "html"; dir = "$TMP/html"; }
);
CFG

run "$DOCPIPE" run -c "$TMP/run.cfg"
expect_rc "run over samples + hostile article" 0
n_in=$(ls "$TMP"/in/*.txt | wc -l)
n_pages=$(ls "$TMP"/html/*.html | grep -cv '/index\.html$')
[ "$n_pages" -eq "$n_in" ] && ok "one page per document ($n_in)" || fail "one page per document" "$n_pages != $n_in"
expect_file "index.html written at flush" "$TMP/html/index.html" '<input id="q"'
n_rows=$(grep -c '^<tr data-types=' "$TMP/html/index.html")
[ "$n_rows" -eq "$n_in" ] && ok "one index row per document" || fail "one index row per document" "$n_rows"
[ "$(grep -c '<script' "$TMP/html/index.html")" -eq 1 ] && ok "index: only the filter script" \
  || fail "index: only the filter script"
grep -l '<script' "$TMP"/html/*.html | grep -v '/index\.html$' >"$TMP/scripts"
[ -s "$TMP/scripts" ] && fail "no script element in document pages" "$(cat "$TMP/scripts")" \
  || ok "no script element in document pages"
grep -Eq '<(script|img|link|iframe)[^>]* (src|href)=' "$TMP"/html/*.html && fail "no external assets" || ok "no external assets"
ls "$TMP"/html/*.tmp* >/dev/null 2>&1 && fail "no temporary file left" || ok "no temporary file left"

page=$TMP/html/hostile.html
expect_file "hostile: script shown as text" "$page" '&lt;script&gt;document.title=&quot;PWNED&quot;'
expect_file "hostile: img shown as text" "$page" '&lt;img src=x onerror=&quot;document.title=&#39;PWNED&#39;&quot;&gt;'
expect_file "hostile: closing tags shown as text" "$page" '&lt;/div&gt;&lt;/body&gt;'
expect_file "hostile: entity highlighted" "$page" '<mark class="ent t-LOC" id="e[0-9]+" data-type="LOC" title="LOC · en: Hanoi[^"]*">Hà Nội</mark>'
expect_file "hostile: ampersand escaped" "$page" 'Hà Nội</mark> &amp; &quot;'
expect_file "index: hostile title escaped" "$TMP/html/index.html" 'Tin nóng &lt;script&gt;'
expect_file "sample page: English rendering in the entity table" "$TMP/html/01_tham-van-viet-han.html" '<td>South Korea</td>'
expect_file "sample page: legend" "$TMP/html/01_tham-van-viet-han.html" '<p class="legend"><span class="ent t-'

finish
