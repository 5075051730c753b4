#!/bin/bash
# Render the HTML report in headless Chromium (Debian's `chromium`): the
# highlights are in the DOM, the index filter script ran, and the hostile
# article's <script>/<img onerror> did not (document.title unchanged); the
# entity index of the samples opens, filters by type and text, sorts, and its
# links lead to mention sections and highlighted entities that exist.
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
cp "$top_srcdir"/samples/*.txt "$here/hostile.txt" "$TMP/in/"
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
n_docs=$(ls "$TMP"/in/*.txt | wc -l)
printf '%s' "$dom" | grep -q "<span id=\"shown\">$n_docs / $n_docs</span>" && ok "index filter script ran" \
  || fail "index filter script ran" "$(printf '%s' "$dom" | grep -o '<span id="shown">[^<]*</span>')"
[ "$(printf '%s' "$dom" | grep -c '<tr data-types=')" -eq "$n_docs" ] && ok "index rows in the DOM" || fail "index rows in the DOM"
printf '%s' "$dom" | grep -q 'href="entities/index.html"' && ok "the index links the entity index" \
  || fail "the index links the entity index"

# The entity index, driven as a reader would: a copy of the page (same folder, so
# its links resolve alike) with a probe script after the page's own, whose
# findings land in an attribute of <body> that --dump-dom shows.
ents=$TMP/html/entities
[ -s "$ents/index.html" ] && ok "entity index written" || fail "entity index written"
cat >"$TMP/probe.js" <<'JS'
<script>
(function () {
  var body = document.querySelector('#ents tbody'), out = [];
  function rows() { return Array.prototype.slice.call(body.rows); }
  function shown() { return rows().filter(function (r) { return r.style.display !== 'none'; }); }
  function col(c) { return rows().map(function (r) { return r.cells[c].textContent; }); }
  var all = rows().length;
  out.push('rows=' + all, 'shown0=' + shown().length);
  var ty = document.getElementById('type'), q = document.getElementById('q');
  ty.value = 'LOC'; ty.dispatchEvent(new Event('change'));
  var loc = shown();
  out.push('loc=' + loc.length, 'onlyloc=' + loc.every(function (r) { return r.getAttribute('data-type') === 'LOC'; }));
  ty.value = ''; ty.dispatchEvent(new Event('change'));
  q.value = 'hàn quốc'; q.dispatchEvent(new Event('input'));
  out.push('q=' + shown().map(function (r) { return r.cells[1].textContent; }).join('|'));
  q.value = ''; q.dispatchEvent(new Event('input'));
  out.push('reset=' + shown().length);
  document.querySelector('th[data-col="mentions"]').click();
  var m = col(5).map(Number), desc = true;
  for (var i = 1; i < m.length; i++) if (m[i] > m[i - 1]) desc = false;
  out.push('mentionsdesc=' + desc);
  document.querySelector('th[data-col="name"]').click();
  var n = col(1), asc = true;
  for (var j = 1; j < n.length; j++) if (n[j].localeCompare(n[j - 1]) < 0) asc = false;
  out.push('nameasc=' + asc);
  document.body.setAttribute('data-probe', out.join(';'));
})();
</script>
JS
sed -e '/<\/body>/{r '"$TMP/probe.js"'
}' "$ents/index.html" >"$ents/probe.html"
dom=$(dump "$ents/probe.html")
probe=$(printf '%s' "$dom" | grep -o 'data-probe="[^"]*"')
echo "# $probe"
rows=$(printf '%s' "$probe" | grep -o 'rows=[0-9]*' | cut -d= -f2)
[ "${rows:-0}" -ge 10 ] && ok "entity index rows in the DOM ($rows)" || fail "entity index rows in the DOM" "$probe"
case $probe in *"shown0=$rows;"*) ok "entity filter script ran (all rows shown)" ;; *) fail "entity filter script ran" "$probe" ;; esac
case $probe in *"onlyloc=true"*) ok "type filter: only LOC rows" ;; *) fail "type filter: only LOC rows" "$probe" ;; esac
case $probe in *"loc=0;"*) fail "type filter: some LOC rows" "$probe" ;; *) ok "type filter: some LOC rows" ;; esac
# the rows the text filter leaves: Hàn Quốc itself, and only rows that contain it
found=$(printf '%s' "$probe" | grep -o ';q=[^;]*' | cut -c4- | tr '|' '\n')
if printf '%s\n' "$found" | grep -qx 'Hàn Quốc' && ! printf '%s\n' "$found" | grep -qv 'Hàn Quốc'; then
  ok "text filter finds Hàn Quốc and only rows with it"
else
  fail "text filter finds Hàn Quốc and only rows with it" "$probe"
fi
case $probe in *"reset=$rows;"*) ok "clearing the filter shows every row" ;; *) fail "clearing the filter shows every row" "$probe" ;; esac
case $probe in *"mentionsdesc=true"*) ok "sort by mentions, most first" ;; *) fail "sort by mentions, most first" "$probe" ;; esac
case $probe in *"nameasc=true"*) ok "sort by name" ;; *) fail "sort by name" "$probe" ;; esac
rm -f "$ents/probe.html"

# A mention page renders, with its context marks and links to the documents.
dom=$(dump "$ents/mentions-1.html")
n_sec=$(printf '%s' "$dom" | grep -o '<section id="g[0-9]*"' | wc -l)
[ "$n_sec" -ge 5 ] && ok "mention sections in the DOM ($n_sec)" || fail "mention sections in the DOM" "$n_sec"
printf '%s' "$dom" | grep -q '<a href="\.\./[^"]*\.html#e[0-9]*">' && ok "mentions link to highlighted entities" \
  || fail "mentions link to highlighted entities"

# Every link of the report leads to a file that exists and, with a #fragment,
# to an element with that id (document pages' entities, mention sections).
python3 - "$TMP/html" >"$TMP/links" <<'PY'
import os, re, sys, urllib.parse
root = sys.argv[1]
ids, bad, n = {}, [], 0
def ids_of(path):
    if path not in ids:
        ids[path] = set(re.findall(r' id="([^"]+)"', open(path, encoding="utf-8").read()))
    return ids[path]
for dirpath, _, files in os.walk(root):
    for name in files:
        if not name.endswith(".html"):
            continue
        page = os.path.join(dirpath, name)
        for href in re.findall(r'<a [^>]*href="([^"]+)"', open(page, encoding="utf-8").read()):
            if re.match(r"(https?|ftp|mailto):", href):
                continue
            n += 1
            target, _, frag = href.partition("#")
            path = os.path.normpath(os.path.join(dirpath, urllib.parse.unquote(target))) if target else page
            if not os.path.isfile(path):
                bad.append(f"{page}: {href}: no such file")
            elif frag and frag not in ids_of(path):
                bad.append(f"{page}: {href}: no id {frag}")
print(n)
for b in bad[:10]:
    print(b)
PY
n_links=$(head -1 "$TMP/links")
[ "${n_links:-0}" -ge 50 ] && [ "$(wc -l <"$TMP/links")" -le 1 ] && ok "all $n_links links of the report resolve" \
  || fail "all links of the report resolve" "$(cat "$TMP/links")"

finish
