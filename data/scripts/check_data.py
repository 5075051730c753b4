#!/usr/bin/env python3
"""Validates the data files: columns, types, ids, attributes, NFC, duplicates, sort order.

Usage:
  check_data.py DATA_DIR                 check every file listed in FILES below
  check_data.py --kind KIND FILE...      check files as one kind (used by the tests' fixtures)

Kinds: gazetteer (surface, type, id, english[, attrs]), gazetteer-sorted (the same, rows sorted
by code point, comments only before the first row), names (name, locales; sorted), cues (cue,
signal, position, strength, note). Every problem is printed as FILE:LINE: message on stderr.
Exit 0 when every file is valid, 1 when one is not, 64 on a usage error.
python3 standard library only.
"""
import os
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dpdata import tone_key, is_latin_text  # noqa: E402

FILES = {
    "vi/admin_units.tsv": "gazetteer-sorted",
    "vi/countries_i18n.tsv": "gazetteer-sorted",
    "vi/cn_provinces.tsv": "gazetteer-sorted",
    "world/cities.tsv": "gazetteer-sorted",
    "world/subdivisions.tsv": "gazetteer-sorted",
    "world/given_names.tsv": "names",
    "world/surnames.tsv": "names",
    "vi/cues.tsv": "cues",
    # The hand-kept gazetteers follow the same format (grouped, not sorted).
    "vi/countries.tsv": "gazetteer",
    "vi/provinces.tsv": "gazetteer",
    "vi/places.tsv": "gazetteer",
    "vi/orgs.tsv": "gazetteer",
    "vi/misc.tsv": "gazetteer",
}
TYPES = {"PER", "ORG", "LOC", "EVENT", "MISC"}
ID_RE = re.compile(r"^[a-z][a-z0-9]*(:[a-z0-9][a-z0-9.+@-]*)+$")
ATTR_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")
AMBIGUOUS = {"given_name", "surname", "common_word", "person_name"}
VALID = {"pre2025", "2025", "pre2025|2025"}
ADMIN_KINDS = {"huyện": "district", "quận": "district", "thị xã": "district",
               "thành phố": "district", "xã": "commune", "phường": "commune",
               "thị trấn": "commune", "đặc khu": "commune"}
LOCALE_RE = re.compile(r"^[a-z]{2,3}(_[A-Za-z]+)*$")
SIGNALS = {"PER", "ORG", "LOC", "EVENT", "MISC", "NOT_PER", "END"}
POSITIONS = {"before", "after", "head", "inside", "suffix", "prefix"}
STRENGTHS = {"strong", "weak"}


class Checker:
    def __init__(self):
        self.errors = 0
        self.rows = 0

    def error(self, path, line, message):
        self.errors += 1
        sys.stderr.write("%s:%d: %s\n" % (path, line, message))

    def read(self, path):
        """(line number, columns) of the data rows; checks the text-level rules on the way."""
        try:
            with open(path, "rb") as f:
                raw = f.read()
        except OSError as e:
            self.error(path, 0, "cannot read: %s" % e.strerror)
            return [], False
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            self.error(path, 0, "not UTF-8 (byte %d)" % e.start)
            return [], False
        if text and not text.endswith("\n"):
            self.error(path, text.count("\n") + 1, "no line feed at the end of the file")
        rows, comment_after_rows = [], False
        for number, line in enumerate(text.split("\n")[:-1] if text else [], 1):
            if "\r" in line:
                self.error(path, number, "carriage return (the files use LF line endings)")
                line = line.replace("\r", "")
            if unicodedata.normalize("NFC", line) != line:
                self.error(path, number, "not in NFC")
            if not line.strip():
                self.error(path, number, "blank line")
                continue
            if line.startswith("#"):
                comment_after_rows = comment_after_rows or bool(rows)
                continue
            cells = line.split("\t")
            for i, cell in enumerate(cells, 1):
                if cell != cell.strip():
                    self.error(path, number, "column %d has leading or trailing space" % i)
                if not cell.strip():
                    self.error(path, number, "column %d is empty" % i)
            rows.append((number, cells))
        self.rows += len(rows)
        return rows, comment_after_rows

    def sorted_rows(self, path, rows, comment_after_rows):
        if comment_after_rows:
            self.error(path, rows[-1][0], "comment among the rows of a sorted file")
        for (_, a), (number, b) in zip(rows, rows[1:]):
            if "\t".join(b) < "\t".join(a):
                self.error(path, number, "not sorted by code point (after %r)" % a[0])
                break

    def attrs(self, path, number, text):
        attrs = {}
        for item in text.split(";"):
            key, eq, value = item.partition("=")
            if not eq or not ATTR_KEY_RE.match(key) or not value:
                self.error(path, number, "attribute %r is not key=value" % item)
                continue
            if key in attrs:
                self.error(path, number, "attribute %r repeated" % key)
            attrs[key] = value
        return attrs

    def gazetteer(self, path, sort):
        rows, comment_after_rows = self.read(path)
        seen = {}
        for number, cells in rows:
            if len(cells) not in (4, 5):
                self.error(path, number, "%d columns, expected 4 or 5 "
                           "(surface, type, id, english[, attrs])" % len(cells))
                continue
            surface, kind, ident, english = cells[:4]
            if kind not in TYPES:
                self.error(path, number, "type %r is not one of %s" % (kind, ", ".join(sorted(TYPES))))
            if not ID_RE.match(ident):
                self.error(path, number, "id %r is not lowercase ASCII parts joined by ':'" % ident)
            attrs = self.attrs(path, number, cells[4]) if len(cells) == 5 else {}
            if attrs.get("ambiguous", "given_name") not in AMBIGUOUS:
                self.error(path, number, "ambiguous=%s is not one of %s"
                           % (attrs["ambiguous"], ", ".join(sorted(AMBIGUOUS))))
            if attrs.get("valid", "2025") not in VALID:
                self.error(path, number, "valid=%s is not one of %s"
                           % (attrs["valid"], ", ".join(sorted(VALID))))
            if "country" in attrs and not re.match(r"^[A-Z]{2}$", attrs["country"]):
                self.error(path, number, "country=%s is not an ISO 3166 alpha-2 code"
                           % attrs["country"])
            if "admin" in attrs:
                self.admin_unit(path, number, surface, attrs)
            key = (tone_key(surface), kind, ident)
            if key in seen:
                self.error(path, number, "duplicate of line %d (%s, %s, %s; surfaces that differ "
                           "only in case or tone placement count as one)"
                           % (seen[key], surface, kind, ident))
            else:
                seen[key] = number
        if sort:
            self.sorted_rows(path, rows, comment_after_rows)

    def admin_unit(self, path, number, surface, attrs):
        admin = attrs["admin"]
        if admin not in ADMIN_KINDS:
            self.error(path, number, "admin=%s is not an admin word" % admin)
        elif attrs.get("kind") != ADMIN_KINDS[admin]:
            self.error(path, number, "kind=%s, but admin=%s is a %s"
                       % (attrs.get("kind"), admin, ADMIN_KINDS[admin]))
        if surface != "%s %s" % (admin, attrs.get("name", "")):
            self.error(path, number, "surface is not the admin word and name=")

    def names(self, path):
        rows, comment_after_rows = self.read(path)
        seen = {}
        for number, cells in rows:
            if len(cells) != 2:
                self.error(path, number, "%d columns, expected 2 (name, locales)" % len(cells))
                continue
            name, locales = cells
            if not is_latin_text(name):
                self.error(path, number, "%r is not in Latin script" % name)
            codes = locales.split(",")
            if any(not LOCALE_RE.match(c) for c in codes):
                self.error(path, number, "locales %r are not comma-separated codes (en, fr_BE)"
                           % locales)
            elif codes != sorted(set(codes)):
                self.error(path, number, "locales %r are not sorted and unique" % locales)
            if name in seen:
                self.error(path, number, "duplicate of line %d (%s)" % (seen[name], name))
            seen.setdefault(name, number)
        self.sorted_rows(path, rows, comment_after_rows)

    def cues(self, path):
        rows, _ = self.read(path)
        seen = {}
        for number, cells in rows:
            if len(cells) != 5:
                self.error(path, number, "%d columns, expected 5 "
                           "(cue, signal, position, strength, note)" % len(cells))
                continue
            cue, signal, position, strength, _ = cells
            for value, allowed, what in ((signal, SIGNALS, "signal"),
                                         (position, POSITIONS, "position"),
                                         (strength, STRENGTHS, "strength")):
                if value not in allowed:
                    self.error(path, number, "%s %r is not one of %s"
                               % (what, value, ", ".join(sorted(allowed))))
            key = (tone_key(cue) if not cue.isupper() else cue, signal, position)
            if key in seen:
                self.error(path, number, "duplicate of line %d (%s, %s, %s)"
                           % (seen[key], cue, signal, position))
            else:
                seen[key] = number

    def check(self, path, kind):
        if kind == "gazetteer":
            self.gazetteer(path, sort=False)
        elif kind == "gazetteer-sorted":
            self.gazetteer(path, sort=True)
        elif kind == "names":
            self.names(path)
        else:
            self.cues(path)


def main(argv):
    kinds = ("gazetteer", "gazetteer-sorted", "names", "cues")
    checker = Checker()
    if len(argv) >= 4 and argv[1] == "--kind" and argv[2] in kinds:
        jobs = [(path, argv[2]) for path in argv[3:]]
    elif len(argv) == 2 and not argv[1].startswith("-"):
        jobs = [(os.path.join(argv[1], name), kind) for name, kind in sorted(FILES.items())]
    else:
        sys.stderr.write("usage: check_data.py DATA_DIR\n"
                         "       check_data.py --kind %s FILE...\n" % "|".join(kinds))
        return 64
    for path, kind in jobs:
        checker.check(path, kind)
    print("%d files, %d rows, %d problems" % (len(jobs), checker.rows, checker.errors))
    return 1 if checker.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
