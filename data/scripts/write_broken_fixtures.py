#!/usr/bin/env python3
"""write_broken_fixtures — write the broken CoNLL fixtures of
data/corpus/vi-ner/fixtures/ for the reader's error tests.

  write_broken_fixtures.py DIR      write the files into DIR
  write_broken_fixtures.py --list   print "file<TAB>line<TAB>defect" per file

Each file is a small valid two-column IOB2 file with exactly one defect, at
the line given in DEFECTS (the README lists them).  The files are written
from here, byte by byte, because one of them is not valid UTF-8 and no
editor would keep it so.
"""

import os
import sys

GOOD_HEAD = [
    "-DOCSTART-\tO", "",
    "Sáng\tO", "nay\tO", "Hà\tB-LOC", "Nội\tI-LOC", "mưa\tO", "to\tO", ".\tO", "",
]
TAIL = ["Ông\tO", "Nam\tB-PER", "về\tO", "Huế\tB-LOC", ".\tO", ""]

# file name -> (lines of the file as bytes, line of the defect, what it is)
DEFECTS = {
    "bad-ragged-columns.conll": (
        GOOD_HEAD + ["Bộ\tB-ORG", "Y\tI-ORG\tO", "tế\tI-ORG", "họp\tO", ".\tO", ""] + TAIL,
        12, "three columns in a two-column file"),
    "bad-unknown-tag.conll": (
        GOOD_HEAD + ["Ông\tO", "Nam\tB-PRE", "về\tO", "Huế\tB-LOC", ".\tO", ""],
        12, "unknown tag B-PRE"),
    "bad-i-after-o.conll": (
        GOOD_HEAD + ["Ông\tO", "Nam\tB-PER", "về\tO", "Huế\tI-LOC", ".\tO", ""],
        14, "I-LOC after O (valid IOB1, an error in IOB2)"),
    "bad-empty-sentence.conll": (
        GOOD_HEAD + [""] + TAIL,
        11, "empty sentence (two blank lines)"),
    "bad-utf8.conll": (
        GOOD_HEAD + ["Ông\tO", "Nam\tB-PER", "về\tO", b"H\xe0\tO", "T\xe2y\tO", ".\tO", ""],
        14, "invalid UTF-8: 'Hà' saved in Windows-1258/Latin-1 (byte 0xE0)"),
}


def encode(line):
    return line if isinstance(line, bytes) else line.encode("utf-8")


def main(argv):
    if len(argv) != 2:
        print("usage: write_broken_fixtures.py DIR | --list", file=sys.stderr)
        return 64
    if argv[1] == "--list":
        for name, (_, line, what) in sorted(DEFECTS.items()):
            print("%s\t%d\t%s" % (name, line, what))
        return 0
    os.makedirs(argv[1], exist_ok=True)
    for name, (lines, _, _) in sorted(DEFECTS.items()):
        with open(os.path.join(argv[1], name), "wb") as f:
            f.write(b"\n".join(encode(line) for line in lines) + b"\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
