#!/bin/bash
# CLI tests of the names recognizer over the project's samples and data lists.
. "$top_srcdir/tests/lib.sh"

D="$top_srcdir/data"
mkcfg() {  # FILE THREADS NAMES-OPTIONS OUT
  cat >"$1" <<CFG
plugin_path = [ "$top_builddir/plugins" ];
threads = $2;
source = { plugin = "news"; paths = [ "$top_srcdir/samples" ]; include = [ "*.txt" ]; };
chain = (
  { plugin = "gazetteer";
    lists = [ "$D/vi/countries.tsv", "$D/vi/provinces.tsv", "$D/vi/places.tsv", "$D/vi/orgs.tsv", "$D/vi/misc.tsv" ]; },
  { plugin = "names"; ranks = "$D/vi/ranks.tsv"; titles = "$D/vi/titles.tsv";
    surnames = "$D/names/surnames.tsv"; given = "$D/names/given.txt"; middle = "$D/names/middle.tsv";
    countries = "$D/vi/countries.tsv"; cues = "$D/vi/cues.tsv"; foreign_given = "$D/world/given_names.tsv";
    foreign_surnames = "$D/world/surnames.tsv"; places = [ "$D/world/cities.tsv", "$D/world/subdivisions.tsv" ];
    org_heads = [ "$D/vi-en/orgs-heads.tsv", "$D/vi-en/schools.tsv", "$D/vi-en/companies.tsv" ];
    place_heads = [ "$D/vi-en/admin-places.tsv" ]; domains = [ "$D/vi-en/domains.tsv", "$D/vi-en/terms.tsv" ];
    abbreviations = [ "$D/vi-en/abbreviations.tsv" ]; $3 },
  { plugin = "jsonl"; name = "out"; path = "$4"; }
);
CFG
}

run "$DOCPIPE" plugins names
expect_rc "plugins names exits 0" 0
expect_out "documents the ranks option" "ranks"
expect_out "documents min_surname_count" "min_surname_count"

mkcfg "$TMP/n1.cfg" 1 "" "$TMP/n1.jsonl"
run "$DOCPIPE" run -c "$TMP/n1.cfg"
expect_rc "run over samples exits 0" 0
expect_file "rank kept as attribute" "$TMP/n1.jsonl" '"surface":"Lê Quang Hưng"[^}]*"instance":"names","attrs":\{"rank":"Thượng tướng"'
expect_file "Korean name after Ngài" "$TMP/n1.jsonl" '"type":"PER","surface":"Kim Seong-ho"'
expect_file "Malay name with Dato' and bin" "$TMP/n1.jsonl" "\"surface\":\"Dato' Mohd Faizal bin Abdul Rahman\""
expect_file "Đức inside a name is not Germany" "$TMP/n1.jsonl" '"type":"PER","surface":"Phạm Đức Thắng"'
expect_file "Nga inside a name is not Russia" "$TMP/n1.jsonl" '"type":"PER","surface":"Vũ Thị Nga"'
expect_file "byline alone on a line" "$TMP/n1.jsonl" '"type":"PER","surface":"Minh Châu"'
expect_file "photo credit" "$TMP/n1.jsonl" '"type":"PER","surface":"Ngọc Thuỷ"'
expect_file "event with ordinal" "$TMP/n1.jsonl" '"type":"EVENT","surface":"Hội nghị Tham vấn hợp tác gìn giữ hòa bình Việt Nam – Hàn Quốc lần thứ 3"'
if grep -q '"type":"PER","surface":"Phó T' "$TMP/n1.jsonl"; then fail "no person from a title (Phó Tư lệnh)"; else ok "no person from a title (Phó Tư lệnh)"; fi
if grep -q '"surface":"[^"]*\.jpg' "$TMP/n1.jsonl"; then fail "nothing in image file names"; else ok "nothing in image file names"; fi

# Every entity's code-point offsets slice the text to exactly its surface; names' PERs carry no title words.
run python3 - "$TMP/n1.jsonl" <<'PY'
import json, sys
n = bad = 0
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    for e in d.get("entities", []):
        n += 1
        if d["text"][e["start"]:e["end"]] != e["surface"]:
            bad += 1
            print("offsets", e, file=sys.stderr)
        if e["instance"] == "names" and e["type"] == "PER" and e["surface"].split()[0] in ("Thượng", "Bộ", "Thứ", "ông", "bà", "Ngài"):
            bad += 1
            print("title in PER", e, file=sys.stderr)
print(n, bad)
sys.exit(1 if bad or n == 0 else 0)
PY
expect_rc "offsets slice exactly, no title inside a person" 0

# Same output with several threads (state is read-only after init).
mkcfg "$TMP/n4.cfg" 4 "" "$TMP/n4.jsonl"
run "$DOCPIPE" run -c "$TMP/n4.cfg"
expect_rc "run with 4 threads exits 0" 0
expect_same "1 and 4 threads give the same output" "$TMP/n1.jsonl" "$TMP/n4.jsonl"

# A missing data file is a configuration error.
mkcfg "$TMP/bad.cfg" 1 "ranks = \"$TMP/missing.tsv\";" "$TMP/bad.jsonl"
sed -i "s#ranks = \"$D/vi/ranks.tsv\";##" "$TMP/bad.cfg"
run "$DOCPIPE" check -c "$TMP/bad.cfg"
expect_rc "missing ranks file: exit 78" 78
expect_err "names the missing file" "missing.tsv"

finish
