#!/bin/bash
# CLI tests of the news source: the real docpipe over samples/ with the jsonl writer.
. "$top_srcdir/tests/lib.sh"

cat >"$TMP/news.cfg" <<CFG
plugin_path = [ "$top_builddir/plugins" ];
source = { plugin = "news"; paths = [ "$top_srcdir/samples" ]; include = [ "*.txt" ];
           provinces = "$top_srcdir/data/vi/provinces.tsv"; };
chain = ( { plugin = "jsonl"; name = "out"; path = "$TMP/out.jsonl"; } );
CFG

run "$DOCPIPE" plugins news
expect_rc "plugins news exits 0" 0
expect_out "plugins news lists min_title_len" "min_title_len"
expect_out "plugins news lists provinces" "provinces"

run "$DOCPIPE" run -c "$TMP/news.cfg"
expect_rc "run over samples exits 0" 0
expect_file "six documents" "$TMP/out.jsonl" "06_hoi-nghi"
if [ "$(wc -l <"$TMP/out.jsonl")" -eq 6 ]; then ok "one line per sample"; else fail "one line per sample" "$(wc -l <"$TMP/out.jsonl") lines"; fi
expect_file "title of 01" "$TMP/out.jsonl" '"title":"Việt Nam và Hàn Quốc mở rộng hợp tác đào tạo lực lượng gìn giữ hòa bình"'
expect_file "date of 02" "$TMP/out.jsonl" '"date":"2024-03-14"'
expect_file "month date of 03" "$TMP/out.jsonl" '"date":"2024-05"'
expect_file "byline author of 04" "$TMP/out.jsonl" '"author":"Thanh Tâm"'
expect_file "category line of 01" "$TMP/out.jsonl" '"category":"Quân sự"'
expect_file "keyword of 02" "$TMP/out.jsonl" '"keywords":"ADSOM, ADMM\+, Bộ Quốc phòng, ASEAN, Lào"'
expect_file "url of 05" "$TMP/out.jsonl" '"url":"https://tintuc.example.vn/the-gioi/hop-bao-thuong-ky-bo-ngoai-giao-12-3.html"'
expect_file "Theo source of 06" "$TMP/out.jsonl" '"source":"Báo Quân đội nhân dân"'
expect_file "related segment" "$TMP/out.jsonl" '"kind":"related"'
expect_file "image segment" "$TMP/out.jsonl" '"kind":"image"'
expect_file "03 has no title line: derived, and marked" "$TMP/out.jsonl" '"title":"Chiều 22/5, tại Tokyo, Hội nghị[^"]*","title_derived":"first sentence"'
expect_file "05 has no date line: inferred from the lede, marked" "$TMP/out.jsonl" '"date":"--03-12","date_inferred":"lede"'
expect_file "04: the year when the text writes it" "$TMP/out.jsonl" '"date":"2024-06-05","date_inferred":"paragraph"'
expect_file "03: a credit repeated with another tone placement, once" "$TMP/out.jsonl" '"credit":"Ngọc Thuỷ/TTXVN"'

# a province list that is not there stops the run at start-up, with its path
sed 's|provinces.tsv|provinces-missing.tsv|' "$TMP/news.cfg" >"$TMP/bad.cfg"
run "$DOCPIPE" check -c "$TMP/bad.cfg"
expect_rc "a missing province list is a configuration error" 78
expect_err "the list is named" "option 'provinces' of plugin 'news': no data file '.*provinces-missing.tsv'"

# the shared seeds, when present
SEEDS="${SHARED_SEEDS:-$top_srcdir/../shared/seeds}"
if [ -d "$SEEDS" ]; then
  cat >"$TMP/seeds.cfg" <<CFG
plugin_path = [ "$top_builddir/plugins" ];
source = { plugin = "news"; paths = [ "$SEEDS" ]; include = [ "*.txt" ];
           provinces = "$top_srcdir/data/vi/provinces.tsv"; };
chain = ( { plugin = "jsonl"; name = "out"; path = "$TMP/seeds.jsonl"; } );
CFG
  run "$DOCPIPE" run -c "$TMP/seeds.cfg"
  expect_rc "run over the seeds exits 0" 0
  expect_file "seed 001 date" "$TMP/seeds.jsonl" '"date":"2019-09-25"'
  expect_file "seed 002 author" "$TMP/seeds.jsonl" '"author":"Trà Khánh"'
  # issue 19: the host and "Theo qdnd.vn" name one source; "Nguồn Lạng Sơn:" is the newspaper
  expect_file "seed 000 source: no repeat, the province's newspaper" "$TMP/seeds.jsonl" '"source":\["qdnd.vn","Báo Lạng Sơn"\]'
  expect_file "seed 002 date from its 'Ngày 11-9' opening, no year guessed" "$TMP/seeds.jsonl" '"date":"--09-11","date_inferred":"paragraph"'
  expect_file "seed 004 title derived from its first sentence" "$TMP/seeds.jsonl" '"title":"Sáng 30/1, Hội nghị[^"]*","title_derived":"first sentence"'
  python3 - "$TMP/seeds.jsonl" >"$TMP/repeats" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    d = json.loads(line)
    for k, v in d["fields"].items():
        if isinstance(v, list) and len(v) != len(set(v)):
            print(d["id"], k, v)
PY
  [ -s "$TMP/repeats" ] && fail "no seed field repeats a value" "$(cat "$TMP/repeats")" || ok "no seed field repeats a value"
else
  echo "skipped: seeds ($SEEDS not present)"
fi

finish
