#!/usr/bin/env python3
"""check_devset — validate the multi-domain development set (tests/eval/devset).

  check_devset.py [DEVSET_DIR]      (default: the directory of this script)

Checks, and prints every problem as FILE:LINE: message:
  - the split: dev/ holds 8 and test/ 4 articles of each domain, numbered
    01..12 per domain with no number used twice; file names are
    <domain>_<NN>_<ascii-slug>.txt;
  - every article is UTF-8, NFC, LF line endings, 150-450 words;
  - every gold.tsv row has the five columns doc, type, surface, english,
    note; a known type; a doc that is an article of the same split; a
    surface that occurs in that article exactly as written (NFC); an english
    rendering; and no (doc, type, surface) is listed twice;
  - every article has gold rows.

Exit 0 when all is well, 1 when a check failed, 66 when the directory is
missing.  Standard library only.
"""

import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

DOMAINS = ("sports", "business", "world", "technology", "entertainment", "local")
SPLIT_SIZES = {"dev": 8, "test": 4}
TYPES = {"PER", "ORG", "LOC", "DATE", "EVENT", "MISC"}
NAME_RE = re.compile(r"^([a-z]+)_(\d\d)_[a-z0-9]+(?:-[a-z0-9]+)*\.txt$")
MIN_WORDS, MAX_WORDS = 150, 450


def check_articles(root, problems):
    """Returns {split: {doc: text}}."""
    texts = {}
    numbers = defaultdict(list)  # (domain, NN) -> files
    for split, size in SPLIT_SIZES.items():
        folder = os.path.join(root, split)
        texts[split] = {}
        per_domain = Counter()
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            if not name.endswith(".txt"):
                continue
            m = NAME_RE.match(name)
            if not m or m.group(1) not in DOMAINS:
                problems.append(f"{path}: name is not <domain>_<NN>_<ascii-slug>.txt with a domain of {', '.join(DOMAINS)}")
                continue
            per_domain[m.group(1)] += 1
            numbers[(m.group(1), m.group(2))].append(path)
            raw = open(path, "rb").read()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as ex:
                problems.append(f"{path}: not UTF-8 ({ex})")
                continue
            if "\r" in text:
                problems.append(f"{path}: CR line endings")
            if unicodedata.normalize("NFC", text) != text:
                problems.append(f"{path}: not NFC")
            words = len(text.split())
            if not MIN_WORDS <= words <= MAX_WORDS:
                problems.append(f"{path}: {words} words, expected {MIN_WORDS}-{MAX_WORDS}")
            texts[split][name[:-4]] = text
        for domain in DOMAINS:
            if per_domain[domain] != size:
                problems.append(f"{folder}: {per_domain[domain]} {domain} articles, expected {size}")
    for (domain, nn), paths in sorted(numbers.items()):
        if len(paths) > 1:
            problems.append(f"{domain} number {nn} used by {', '.join(paths)}")
        if not 1 <= int(nn) <= sum(SPLIT_SIZES.values()):
            problems.append(f"{paths[0]}: number {nn} outside 01..{sum(SPLIT_SIZES.values()):02d}")
    return texts


def check_gold(root, split, texts, problems):
    path = os.path.join(root, split, "gold.tsv")
    if not os.path.exists(path):
        problems.append(f"{path}: missing")
        return 0
    seen = set()
    docs_with_rows = set()
    rows = 0
    with open(path, encoding="utf-8", newline="") as f:
        for n, line in enumerate(f, 1):
            where = f"{path}:{n}"
            if not line.endswith("\n"):
                problems.append(f"{where}: no final newline")
            line = line.rstrip("\n")
            if "\r" in line:
                problems.append(f"{where}: CR in line")
            if n == 1:
                if line != "doc\ttype\tsurface\tenglish\tnote":
                    problems.append(f"{where}: header must be doc, type, surface, english, note")
                continue
            cols = line.split("\t")
            if len(cols) != 5:
                problems.append(f"{where}: {len(cols)} columns, expected 5")
                continue
            doc, typ, surface, english, _note = cols
            rows += 1
            if unicodedata.normalize("NFC", line) != line:
                problems.append(f"{where}: not NFC")
            if typ not in TYPES:
                problems.append(f"{where}: unknown type {typ!r}")
            if any(c != c.strip() or not c for c in (doc, surface, english)):
                problems.append(f"{where}: empty column or surrounding spaces")
            if doc not in texts:
                problems.append(f"{where}: {doc!r} is not an article in {split}/")
            elif surface not in texts[doc]:
                problems.append(f"{where}: surface {surface!r} does not occur in {doc}.txt")
            key = (doc, typ, surface)
            if key in seen:
                problems.append(f"{where}: duplicate row {doc} {typ} {surface!r}")
            seen.add(key)
            docs_with_rows.add(doc)
    for doc in sorted(set(texts) - docs_with_rows):
        problems.append(f"{path}: no rows for {doc}")
    return rows


def main(argv):
    root = argv[1] if len(argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    if not all(os.path.isdir(os.path.join(root, s)) for s in SPLIT_SIZES):
        print(f"check_devset: {root}: no dev/ and test/ folders", file=sys.stderr)
        return 66
    problems = []
    texts = check_articles(root, problems)
    summary = []
    for split in SPLIT_SIZES:
        rows = check_gold(root, split, texts[split], problems)
        summary.append(f"{split}: {len(texts[split])} articles, {rows} gold rows")
    for p in problems:
        print(p)
    print("; ".join(summary) + f"; {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
