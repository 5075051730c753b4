"""Shared helpers for the data converters in this folder (python3 standard library only).

Every converter writes its file deterministically: NFC, LF line endings, comment header first,
rows sorted by code point (as LC_ALL=C sort), no duplicates.
"""
import json
import os
import re
import sys
import unicodedata

# Vietnamese tone marks as combining characters (grave, acute, tilde, hook above, dot below).
TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

# Latin letters that do not decompose into a base letter plus marks.
ASCII_EXTRA = {"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O",
               "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ı": "i", "þ": "th",
               "Þ": "Th", "ħ": "h", "Ħ": "H", "ŋ": "ng", "Ŋ": "Ng"}


def nfc(text):
    return unicodedata.normalize("NFC", text)


def die(message):
    sys.stderr.write("%s: %s\n" % (os.path.basename(sys.argv[0]), message))
    sys.exit(1)


def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        die("cannot read %s: %s" % (path, e))


def ascii_fold(text):
    """"Thành phố Hồ Chí Minh" -> "Thanh pho Ho Chi Minh", "Łódź" -> "Lodz"."""
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch):
            continue
        out.append(ASCII_EXTRA.get(ch, ch))
    return unicodedata.normalize("NFC", "".join(out))


def slug(text):
    """Lowercase ASCII id part: "Bà Rịa – Vũng Tàu" -> "ba-ria-vung-tau"."""
    s = re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower())
    return s.strip("-")


def tone_key(text):
    """Lowercase key that ignores where a Vietnamese tone mark sits (hoà = hòa, thuỷ = thủy):
    each word loses its tone mark, which is appended after the word. Other marks stay."""
    words = []
    for word in re.split(r"(\s+)", nfc(text).lower()):
        tones = [c for c in unicodedata.normalize("NFD", word) if c in TONE_MARKS]
        base = "".join(c for c in unicodedata.normalize("NFD", word) if c not in TONE_MARKS)
        words.append(unicodedata.normalize("NFC", base) + "".join(tones))
    return "".join(words)


def is_latin_text(text):
    """True when every letter is Latin script (letters with diacritics included)."""
    for ch in text:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def attrs_string(pairs):
    """[("kind", "city"), ("country", "FR")] -> "kind=city;country=FR" (empty values dropped)."""
    return ";".join("%s=%s" % (k, v) for k, v in pairs if v not in (None, ""))


def write_rows(path, header, rows):
    """Write comment lines then TAB-separated rows, sorted by code point, duplicates removed."""
    lines = sorted({"\t".join(nfc(str(c)) for c in row) for row in rows})
    for line in lines:
        if "\n" in line or "\r" in line:
            die("row with a line break: %r" % line)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        for h in header:
            f.write(("# " + h).rstrip() + "\n")
        for line in lines:
            f.write(line + "\n")
    os.replace(tmp, path)
    sys.stderr.write("%s: %d rows\n" % (path, len(lines)))
    return len(lines)


def read_tsv(path):
    """Rows of a data file as lists of columns, comments skipped."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                rows.append(line.split("\t"))
    return rows


def words_of(text):
    """Letters-only words of a surface ("Bà Rịa – Vũng Tàu" -> Bà, Rịa, Vũng, Tàu)."""
    return [w for w in re.split(r"[^\w]+", nfc(text)) if w and not w.isdigit()]


def vietnamese_syllables(data_dir, extra_files=()):
    """Tone keys of every syllable in the project's Vietnamese data: name lists, gazetteers,
    cue list and any extra files given (one word or phrase in the first column)."""
    files = [os.path.join(data_dir, "names", n) for n in ("given.txt", "middle.tsv", "surnames.tsv")]
    vi_dir = os.path.join(data_dir, "vi")
    files += [os.path.join(vi_dir, n) for n in sorted(os.listdir(vi_dir)) if n.endswith(".tsv")]
    files += list(extra_files)
    keys = set()
    for path in files:
        if not os.path.exists(path):
            continue
        for row in read_tsv(path):
            surface = row[0]
            if is_vietnamese_row(path, row):
                keys.update(tone_key(w) for w in words_of(surface))
    return keys


def is_vietnamese_row(path, row):
    """Surfaces in the Vietnamese lists that are foreign Latin names (Seoul, Busan, ASEAN) are
    not Vietnamese syllables: keep a word only if its row is not an all-caps acronym and the
    file is a Vietnamese one. Rows of vi/places.tsv with a foreign country are skipped."""
    name = os.path.basename(path)
    surface = row[0]
    if surface.isupper() and len(surface) > 1:
        return False
    if name == "places.tsv" and len(row) > 4 and "country=" in row[4] and "country=VN" not in row[4]:
        return False
    if name in ("countries.tsv", "orgs.tsv", "misc.tsv", "countries_i18n.tsv",
                "cn_provinces.tsv"):
        return False
    return True
