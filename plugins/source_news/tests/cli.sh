#!/bin/bash
# CLI tests of the news source: the real docpipe over samples/ with the jsonl writer.
. "$top_srcdir/tests/lib.sh"

cat >"$TMP/news.cfg" <<CFG
plugin_path = [ "$top_builddir/plugins" ];
source = { plugin = "news"; paths = [ "$top_srcdir/samples" ]; include = [ "*.txt" ]; };
chain = ( { plugin = "jsonl"; name = "out"; path = "$TMP/out.jsonl"; } );
CFG

run "$DOCPIPE" plugins news
expect_rc "plugins news exits 0" 0
expect_out "plugins news lists min_title_len" "min_title_len"

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

# the shared seeds, when present
SEEDS="${SHARED_SEEDS:-$top_srcdir/../shared/seeds}"
if [ -d "$SEEDS" ]; then
  cat >"$TMP/seeds.cfg" <<CFG
plugin_path = [ "$top_builddir/plugins" ];
source = { plugin = "news"; paths = [ "$SEEDS" ]; include = [ "*.txt" ]; };
chain = ( { plugin = "jsonl"; name = "out"; path = "$TMP/seeds.jsonl"; } );
CFG
  run "$DOCPIPE" run -c "$TMP/seeds.cfg"
  expect_rc "run over the seeds exits 0" 0
  expect_file "seed 001 date" "$TMP/seeds.jsonl" '"date":"2019-09-25"'
  expect_file "seed 002 author" "$TMP/seeds.jsonl" '"author":"Trà Khánh"'
  expect_file "seed 000 source" "$TMP/seeds.jsonl" '"source":\["qdnd.vn","qdnd.vn","Lạng Sơn"\]'
else
  echo "skipped: seeds ($SEEDS not present)"
fi

finish
