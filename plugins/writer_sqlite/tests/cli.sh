#!/bin/bash
# SQLite writer on the sample corpus: counts after a run and after a re-run
# (unchanged), offsets sliced from the stored text, the README's example query.
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
if ! command -v sqlite3 >/dev/null; then
  echo "SKIP: the sqlite3 command-line shell is not installed (apt-get install sqlite3)"
  exit 77
fi

db=$TMP/out/docs.sqlite
cat >"$TMP/run.cfg" <<CFG
threads = 2;
source = { plugin = "text"; paths = [ "$top_srcdir/samples" ]; include = [ "*.txt" ]; };
chain = (
  $RECOG
  { plugin = "sqlite"; path = "$db"; batch = 4; }
);
CFG
q() { sqlite3 -batch "$db" "$1"; }

run "$DOCPIPE" run -c "$TMP/run.cfg"
expect_rc "first run" 0
n_in=$(ls "$top_srcdir"/samples/*.txt | wc -l)
[ "$(q 'SELECT count(*) FROM documents')" -eq "$n_in" ] && ok "one row per document" || fail "one row per document"
counts1=$(q "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM fields), (SELECT count(*) FROM entities),
                    (SELECT count(*) FROM translations), (SELECT count(*) FROM entity_attrs)")
n_ent=$(q 'SELECT count(*) FROM entities')
[ "$n_ent" -gt 20 ] && ok "entities stored ($n_ent)" || fail "entities stored" "$n_ent"
bad=$(q 'SELECT count(*) FROM entities e JOIN documents d ON d.id = e.doc_id
         WHERE substr(d.text, e.start + 1, e."end" - e.start) != e.surface')
[ "$bad" -eq 0 ] && ok "code-point offsets slice the stored text to the surfaces" || fail "offsets" "$bad wrong"
[ "$(q 'SELECT count(*) FROM entities WHERE english IS NOT NULL')" -gt 0 ] && ok "English renderings stored" \
  || fail "English renderings stored"
[ "$(q 'PRAGMA journal_mode')" = wal ] && ok "WAL journal" || fail "WAL journal"
q 'PRAGMA index_list(entities)' | grep -q entities_type_surface && ok "index on entities(type, surface)" \
  || fail "index on entities(type, surface)"
[ "$(q 'PRAGMA integrity_check')" = ok ] && ok "integrity_check ok" || fail "integrity_check ok"

# The README's example: persons in documents that also mention Seoul, by date.
run sqlite3 -batch "$db" "SELECT d.date, p.surface FROM entities p JOIN documents d ON d.id = p.doc_id
  WHERE p.type = 'PER' AND p.doc_id IN (SELECT doc_id FROM entities WHERE surface = 'Seoul')
  ORDER BY d.date, p.start;"
expect_rc "README example query runs" 0

run "$DOCPIPE" run -c "$TMP/run.cfg"
expect_rc "re-run" 0
counts2=$(q "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM fields), (SELECT count(*) FROM entities),
                    (SELECT count(*) FROM translations), (SELECT count(*) FROM entity_attrs)")
[ "$counts1" = "$counts2" ] && ok "re-run: counts unchanged ($counts2)" || fail "re-run: counts unchanged" "$counts1 -> $counts2"

# A database below a regular file: clear error with the path.
: >"$TMP/plain"
sed "s|path = \"$db\"|path = \"$TMP/plain/x.sqlite\"|" "$TMP/run.cfg" >"$TMP/bad.cfg"
run "$DOCPIPE" run -c "$TMP/bad.cfg"
[ "$RC" -ne 0 ] && ok "unusable path fails" || fail "unusable path fails" "exit 0"
expect_err "the error names the path" "plain/x.sqlite"

finish
