#!/usr/bin/env python3
"""Check the Vietnamese -> English glossary files (data/vi-en/*.tsv).

Usage: check_vocab.py [--gazetteers DIR] [PATH ...]

PATH is a glossary file or a directory whose *.tsv files are checked together
(default: the vi-en directory next to this script's data directory). Every file
has the columns vi<TAB>en<TAB>kind[<TAB>note]; the format, the kinds and the
note keys are documented in data/README.md and data/vi-en/README.md.

Checks: column count; a kind the glossary knows; NFC; no leading, trailing or
doubled spaces; no empty field; no Vietnamese letters left in the English; note
keys and values; no two rows with the same phrase (compared like the glossary
compares: case, NFC and tone placement ignored) and kind but different English
unless the later row carries a note= saying why; no exact repeats; in
known-names*.tsv the type, id and source of every row, and no surface the
gazetteers (DIR, default data/vi) already list; in abbreviations*.tsv the
expansion, the alone= column and variants that point to an existing row.

Exit status: 0 when every file is clean, 1 when any problem was found (each
printed as FILE:LINE: message), 2 on usage errors.  Python 3 standard library.
"""
import argparse
import os
import re
import sys
import unicodedata

KINDS = {
    "term", "head", "head_of", "head_keep", "meeting", "role", "name", "prep", "conj",
    "drop", "number", "ordinal", "numbered", "year", "level", "suffix",
}
# Extended kinds (note key as=) and the kind a row must keep for today's loader.
AS_FALLBACK = {
    "legal_form": {"head"},
    "admin": {"term"},
    "document": {"head_keep"},
    "pre": {"term"},
    "post": {"term"},
    "symbol": {"name"},
}
# Kinds that head a name: the glossary takes a phrase's first row (files load in name order)
# as its kind, so a head row must come before a term row of the same phrase.
HEAD_KINDS = {"head", "head_of", "head_keep", "meeting"}
TYPES = {"PER", "ORG", "LOC", "EVENT", "MISC"}
ID_PREFIX = {"PER": "per", "ORG": "org", "LOC": "loc", "EVENT": "event", "MISC": "misc"}
AMBIGUOUS = {"common_word", "given_name", "vietnamese_name", "person_name", "place_name"}
VALID = {"pre2025", "2025", "pre2025|2025"}
ALONE = {"entity", "term", "no"}
NOTE_KEYS = {
    "as", "ambiguous", "countries", "valid", "en_topic", "en_loc", "en_short", "type", "id",
    "source", "expands", "alone", "variant_of", "acronym", "context", "en_company", "en_long", "note",
}
ID_RE = re.compile(r"^[a-z]+(:[a-z0-9][a-z0-9.+-]*)+$")
WORD_RE = re.compile(r"^[a-z_]+$")
# Letters that only Vietnamese uses: a rendering that contains one kept a Vietnamese word.
VI_ONLY = set("ăâđêôơưĂÂĐÊÔƠƯ" "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
              "ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ")

# ---- the glossary's matching key (plugins/translator_glossary/gloss_table.c) ----------

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
VOWEL_MARKS = {"\u0302", "\u0306", "\u031b"}


def _letter(c):
    """(base, lower base, vowel mark, tone) of a Vietnamese letter, or None."""
    d = unicodedata.normalize("NFD", c)
    base, marks = d[0], d[1:]
    lb = base.lower()
    if not (("a" <= lb <= "z") or lb == "đ"):
        return None
    tone = dia = ""
    for m in marks:
        if m in TONES and not tone:
            tone = m
        elif m in VOWEL_MARKS and not dia:
            dia = m
        else:
            return None
    if (dia or tone) and lb not in "aeiouy":
        return None
    return base, lb, dia, tone


def tone_canonical(word):
    """Move a word's tone mark to the vowel the traditional rule chooses (text.c, tone_fix)."""
    if not 1 <= len(word) <= 12:
        return word
    letters = [_letter(c) for c in word]
    if any(x is None for x in letters):
        return word
    tones = [i for i, x in enumerate(letters) if x[3]]
    if len(tones) != 1:
        return word
    tone_at = tones[0]
    n = len(letters)
    p = 0
    while p < n and letters[p][1] not in "aeiouy":
        p += 1
    if p == n:
        return word
    if (p == 1 and p + 1 < n and letters[p + 1][1] in "aeiouy" and not letters[p][2]
            and ((letters[0][1] == "q" and letters[p][1] == "u")
                 or (letters[0][1] == "g" and letters[p][1] == "i"))):
        p += 1
    vs = p
    while p < n and letters[p][1] in "aeiouy":
        p += 1
    ve = p
    if any(letters[k][1] in "aeiouy" for k in range(p, n)):
        return word
    nv = ve - vs
    if nv > 3:
        return word
    target = None
    for k in range(vs, ve):
        if letters[k][2]:
            target = k
    if target is None:
        if nv == 1:
            target = vs
        elif ve < n:
            target = ve - 1
        elif nv == 3:
            target = vs + 1
        else:
            target = vs
    if target == tone_at:
        return word
    out = list(word)
    b, _, dia, tone = letters[tone_at]
    out[tone_at] = unicodedata.normalize("NFC", b + dia)
    b2, _, dia2, _ = letters[target]
    out[target] = unicodedata.normalize("NFC", b2 + dia2 + tone)
    return "".join(out)


DASHES = set("-\u2010\u2011\u2012\u2013\u2014\u2212")
QUOTES = set('"\u201c\u201d\u201e\u00ab\u00bb')


def _klass(c):
    if c in DASHES:
        return "-"
    if c in QUOTES:
        return '"'
    if c in "([":
        return "("
    if c in ")]":
        return ")"
    if c in ",;":
        return ","
    if c in ":!?\u2026/":
        return "other"
    return "word"


def match_key(phrase):
    """The glossary's phrase key: tokens' keys joined by ' ', plural markers dropped."""
    s = unicodedata.normalize("NFC", phrase)
    toks = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c.isspace():
            i += 1
            continue
        k = _klass(c)
        if k == "word" and c == ".":
            toks.append(".")
            i += 1
            continue
        if k != "word":
            toks.append(c if k == "other" else k)
            i += 1
            continue
        j = i + 1
        while j < n and not s[j].isspace() and _klass(s[j]) == "word":
            if s[j] == "." and not (j + 1 < n and not s[j + 1].isspace()
                                    and _klass(s[j + 1]) == "word" and s[j + 1] != "."):
                break
            j += 1
        word = unicodedata.normalize("NFC", s[i:j].casefold())
        toks.append(tone_canonical(word))
        i = j
    kept = []
    for idx, t in enumerate(toks):
        if t == "các" or (t == "nước" and idx > 0 and toks[idx - 1] == "các"):
            continue
        kept.append(t)
    return " ".join(kept)


# ---- checking ------------------------------------------------------------------------


class Checker:
    def __init__(self, gazetteer_keys):
        self.problems = 0
        self.gazetteer_keys = gazetteer_keys
        self.seen = {}  # (key, kind, countries, context) -> (english, where)
        self.first = {}  # key -> (kind, where) of the first row in load order
        self.head_rows = {}  # key -> where, for keys that have a head-like row
        self.rows = 0
        self.phrases = set()

    def report(self, where, msg):
        self.problems += 1
        print(f"{where}: {msg}")

    def parse_note(self, where, note):
        attrs = {}
        if not note:
            return attrs
        # note= (free text) comes last and runs to the end of the column
        free = None
        if note.startswith("note="):
            free, note = note[5:], ""
        elif ";note=" in note:
            note, free = note.split(";note=", 1)
        if free is not None:
            attrs["note"] = free
            if free == "" or free != free.strip():
                self.report(where, "note: empty value or spaces around the value of 'note'")
        parts = note.split(";") if note else []
        for part in parts:
            if "=" not in part:
                self.report(where, f"note: '{part}' is not key=value (free text goes in note=…)")
                continue
            k, v = part.split("=", 1)
            if k not in NOTE_KEYS:
                self.report(where, f"note: unknown key '{k}'")
                continue
            if k in attrs:
                self.report(where, f"note: key '{k}' twice")
            if v == "" or v != v.strip():
                self.report(where, f"note: empty value or spaces around the value of '{k}'")
            attrs[k] = v
        if "countries" in attrs and len(attrs) > 1:
            self.report(where, "note: countries= must be the only key (the glossary reads the whole note)")
        return attrs

    def check_attrs(self, where, kind, attrs):
        a = attrs.get("as")
        if a is not None:
            if a not in AS_FALLBACK:
                self.report(where, f"as={a}: unknown extended kind (one of {', '.join(sorted(AS_FALLBACK))})")
            elif kind not in AS_FALLBACK[a]:
                self.report(where, f"as={a} needs kind {'/'.join(sorted(AS_FALLBACK[a]))}, not {kind}")
        for key, allowed in (("ambiguous", AMBIGUOUS), ("valid", VALID), ("alone", ALONE), ("type", TYPES)):
            v = attrs.get(key)
            if v is not None and v not in allowed:
                self.report(where, f"{key}={v}: not one of {', '.join(sorted(allowed))}")
        v = attrs.get("id")
        if v is not None:
            if not ID_RE.match(v):
                self.report(where, f"id={v}: not a lowercase canonical id (prefix:part:part)")
            t = attrs.get("type")
            if t in ID_PREFIX and not v.startswith(ID_PREFIX[t] + ":"):
                self.report(where, f"id={v}: a {t} id starts with '{ID_PREFIX[t]}:'")
        v = attrs.get("context")
        if v is not None and not WORD_RE.match(v):
            self.report(where, f"context={v}: lowercase words joined by _")
        if "en_topic" in attrs and kind != "meeting":
            self.report(where, "en_topic= belongs on meeting rows")
        if "en_loc" in attrs and attrs.get("as") != "admin":
            self.report(where, "en_loc= belongs on as=admin rows")
        if "countries" in attrs and kind != "name":
            self.report(where, "countries= belongs on name rows")

    def check_order(self):
        """A phrase with a head row and a term row must load the head row first."""
        for key, (kind, where) in self.first.items():
            if kind == "term" and key in self.head_rows:
                self.report(where, f"term row loads before the head row at {self.head_rows[key]}: "
                                   "put both in one file, the head row first")

    def check_file(self, path):
        """Check one file; rows are compared with those of the files checked before it."""
        text = self.read(path)
        if text is None:
            return
        base = os.path.basename(path)
        rows = []
        for lineno, line in enumerate(text.split("\n")[:-1], 1):
            if line.startswith("#"):
                continue
            row = self.check_row(f"{path}:{lineno}", line, base)
            if row:
                rows.append(row)
        if base.startswith("abbreviations"):
            self.check_variants(rows)

    def read(self, path):
        """The file's text, or None after reporting why it cannot be checked."""
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as e:
            self.report(path, f"cannot read: {e.strerror}")
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            self.report(path, f"not UTF-8 (byte {e.start})")
            return None
        if "\r" in text:
            self.report(path, "CR line endings (LF only)")
        if text and not text.endswith("\n"):
            self.report(path, "no newline at the end of the file")
            text += "\n"
        return text

    def check_row(self, where, line, base):
        """Check one data line; returns (where, vi, en, kind, attrs) or None."""
        if line.strip() == "":
            self.report(where, "blank line")
            return None
        if unicodedata.normalize("NFC", line) != line:
            self.report(where, "not NFC")
        cols = line.split("\t")
        if len(cols) not in (3, 4):
            self.report(where, f"{len(cols)} columns, expected vi<TAB>en<TAB>kind[<TAB>note]")
            return None
        for name, v in zip(("vi", "en", "kind", "note"), cols):
            if v == "":
                self.report(where, f"empty {name}")
            elif v != v.strip():
                self.report(where, f"leading or trailing space in {name}")
            elif "  " in v:
                self.report(where, f"doubled space in {name}")
        vi, en, kind = cols[0], cols[1], cols[2]
        if kind not in KINDS:
            self.report(where, f"unknown kind '{kind}'")
        if any(c in VI_ONLY for c in en):
            self.report(where, f"Vietnamese letters in the English '{en}'")
        attrs = self.parse_note(where, cols[3] if len(cols) == 4 else "")
        self.check_attrs(where, kind, attrs)
        if base.startswith("known-names"):
            self.check_known_name(where, vi, kind, attrs)
        if base.startswith("abbreviations"):
            for key in ("expands", "alone"):
                if key not in attrs:
                    self.report(where, f"abbreviation without {key}=")
            if attrs.get("alone") == "entity" and "type" not in attrs:
                self.report(where, "alone=entity needs type=")
        self.check_repeat(where, vi, en, kind, attrs)
        return where, vi, en, kind, attrs

    def check_known_name(self, where, vi, kind, attrs):
        if kind != "name":
            self.report(where, "known names are kind name")
        for key in ("type", "id", "source"):
            if key not in attrs:
                self.report(where, f"known name without {key}=")
        # a context-specific form (context=sport) may name a surface the gazetteers list
        listed = self.gazetteer_keys.get(match_key(vi))
        if "context" not in attrs and listed:
            self.report(where, f"'{vi}' is already in {listed}: do not repeat it")

    def check_repeat(self, where, vi, en, kind, attrs):
        """Same phrase and kind twice: an error, unless the English differs and note= says why."""
        key = match_key(vi)
        self.rows += 1
        self.phrases.add(key)
        if "countries" not in attrs:
            self.first.setdefault(key, (kind, where))
        if kind in HEAD_KINDS:
            self.head_rows.setdefault(key, where)
        ident = (key, kind, attrs.get("countries"), attrs.get("context"))
        if ident not in self.seen:
            self.seen[ident] = (en, where)
            return
        prev_en, prev_where = self.seen[ident]
        if prev_en == en:
            self.report(where, f"repeats {prev_where} ('{vi}', {kind}, '{en}')")
        elif "note" not in attrs:
            self.report(where, f"'{vi}' ({kind}) is '{prev_en}' at {prev_where} and '{en}' here: "
                               "keep one, or say why in note=")

    def check_variants(self, rows):
        """variant_of= names a row of the same file with the same English and kind."""
        by_vi = {r[1]: r for r in rows}
        for where, vi, en, kind, attrs in rows:
            target = attrs.get("variant_of")
            if target is None:
                continue
            if target not in by_vi:
                self.report(where, f"variant_of={target}: no such row in this file")
            elif by_vi[target][2] != en or by_vi[target][3] != kind:
                self.report(where, f"variant_of={target}: English or kind differ from its row")


def gazetteer_keys(directory):
    """Surface keys of the gazetteers (surface<TAB>type<TAB>id<TAB>english…) in directory."""
    keys = {}
    if not directory or not os.path.isdir(directory):
        return keys
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".tsv"):
            continue
        path = os.path.join(directory, name)
        with open(path, encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                if line.startswith("#"):
                    continue
                cols = line.rstrip("\n").split("\t")
                if len(cols) >= 4 and cols[1] in TYPES:
                    keys.setdefault(match_key(cols[0]), f"{name}:{lineno}")
    return keys


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    data = os.path.dirname(here)
    ap = argparse.ArgumentParser(description="Check the vi-en glossary files.")
    ap.add_argument("--gazetteers", default=os.path.join(data, "vi"),
                    help="directory of gazetteers that known names must not repeat (default: data/vi)")
    ap.add_argument("paths", nargs="*", default=[os.path.join(data, "vi-en")])
    args = ap.parse_args(argv)
    files = []
    for p in args.paths:
        if os.path.isdir(p):
            files += sorted(os.path.join(p, f) for f in os.listdir(p) if f.endswith(".tsv"))
        elif os.path.isfile(p):
            files.append(p)
        else:
            print(f"{p}: no such file or directory", file=sys.stderr)
            return 2
    if not files:
        print("no .tsv files to check", file=sys.stderr)
        return 2
    c = Checker(gazetteer_keys(args.gazetteers))
    for f in files:
        c.check_file(f)
    c.check_order()
    if c.problems:
        print(f"{c.problems} problems in {len(files)} files")
        return 1
    print(f"ok: {len(files)} files, {c.rows} rows, {len(c.phrases)} distinct phrases")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
