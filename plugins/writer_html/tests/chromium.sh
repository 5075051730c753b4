#!/bin/bash
# Render the HTML report in headless Chromium (Debian's `chromium`): the
# highlights are in the DOM, the index filter script ran, and the hostile
# article's <script>/<img onerror> did not (document.title unchanged).
# Exit 77 (automake SKIP) when chromium is not installed.
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
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  echo "SKIP: $CHROMIUM not installed (apt-get install chromium)"
  exit 77
fi
here="$top_srcdir/plugins/writer_html/tests"

mkdir -p "$TMP/in"
cp "$top_srcdir/samples/01_tham-van-viet-han.txt" "$here/hostile.txt" "$TMP/in/"
cat >"$TMP/run.cfg" <<CFG
source = { plugin = "text"; paths = [ "$TMP/in" ]; include = [ "*.txt" ]; };
chain = (
  $RECOG
  { plugin = "html"; dir = "$TMP/html"; }
);
CFG
run "$DOCPIPE" run -c "$TMP/run.cfg"
expect_rc "report written" 0

dump() {  # dump FILE: the DOM after scripts ran
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$TMP/ud" --dump-dom "file://$1" 2>"$TMP/chromium.err"
}

dom=$(dump "$TMP/html/hostile.html")
[ -n "$dom" ] && ok "chromium rendered the hostile page" || fail "chromium rendered the hostile page" "$(tail -3 "$TMP/chromium.err")"
title=$(printf '%s' "$dom" | grep -o '<title>[^<]*</title>')
# The script would set the title to exactly PWNED; intact, it is the escaped first line.
case $title in
  "<title>Tin nóng &lt;script&gt;document.title="*'&lt;/script&gt; về Hà Nội &amp; "Seoul"</title>')
    ok "hostile script did not run (title intact)" ;;
  *) fail "hostile script did not run" "title: $title" ;;
esac
printf '%s' "$dom" | grep -q 'data-pwned="1"' && fail "no attribute set by the hostile script" || ok "no attribute set by the hostile script"
printf '%s' "$dom" | grep -q '<img' && fail "no img element from the text" || ok "no img element from the text"
n_mark=$(printf '%s' "$dom" | grep -o '<mark class="ent t-[A-Za-z_-]*"' | wc -l)
[ "$n_mark" -ge 3 ] && ok "highlights in the DOM ($n_mark)" || fail "highlights in the DOM" "$n_mark"
printf '%s' "$dom" | grep -q '<mark class="ent t-LOC"[^>]*title="LOC · en: Hanoi' && ok "English rendering on hover (title attribute)" \
  || fail "English rendering on hover (title attribute)"

dom=$(dump "$TMP/html/01_tham-van-viet-han.html")
n_mark=$(printf '%s' "$dom" | grep -o '<mark class="ent t-' | wc -l)
[ "$n_mark" -ge 5 ] && ok "sample page highlights ($n_mark)" || fail "sample page highlights" "$n_mark"

dom=$(dump "$TMP/html/index.html")
printf '%s' "$dom" | grep -q '<span id="shown">2 / 2</span>' && ok "index filter script ran" \
  || fail "index filter script ran" "$(printf '%s' "$dom" | grep -o '<span id="shown">[^<]*</span>')"
[ "$(printf '%s' "$dom" | grep -c '<tr data-types=')" -eq 2 ] && ok "index rows in the DOM" || fail "index rows in the DOM"

finish
