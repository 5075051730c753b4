#!/usr/bin/env python3
"""check_conll — validate CoNLL files in the layout of data/corpus/vi-ner.

  check_conll.py [--columns N] [--scheme iob2|iob1] FILE...

Every problem is reported as file:line: message.  A file passes when it is
UTF-8 in NFC with LF line endings and ends with a blank line; every line is
blank, a '-DOCSTART-' line followed by a blank line, or a token line with
exactly N TAB-separated columns (token, then N-1 tag columns); every token
is one token under the tokenisation rule (conll_tokenize.py); every tag is
O, B-T or I-T with T one of PER LOC ORG MISC; no two blank lines follow each
other (an empty sentence); under iob2 no I-T tag starts an entity (after O,
another type, or at a sentence start); with several tag columns, every
entity of column k+1 lies inside one entity of column k.

Exit codes: 0 all files valid, 64 usage, 65 a problem found, 66 missing file.
"""

import argparse
import os
import sys
import unicodedata

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from conll_tokenize import tokenize  # noqa: E402

EX_USAGE, EX_DATAERR, EX_NOINPUT = 64, 65, 66
TYPES = ("PER", "LOC", "ORG", "MISC")
VALID_TAGS = {"O"} | {p + "-" + t for p in "BI" for t in TYPES}


def entity_spans(tags):
    """(first, end, type) of each entity in one column, IOB1 or IOB2 (an I-
    tag that does not continue an entity of its type starts one)."""
    spans, start, typ = [], None, None
    for k, tag in enumerate(tags + ["O"]):
        pre, t = tag[:1], tag[2:]
        if start is not None and not (pre == "I" and t == typ):
            spans.append((start, k, typ))
            start = None
        if pre == "B" or (pre == "I" and start is None):
            start, typ = k, t
    return spans


class Checker:
    def __init__(self, path, columns, scheme):
        self.path, self.columns, self.scheme = path, columns, scheme
        self.problems = []
        self.sentences = self.tokens = 0

    def problem(self, n, msg):
        self.problems.append("%s:%d: %s" % (self.path, n, msg))

    def check_sentence(self, rows):
        """rows: [(line number, [token, tag, ...])] of one sentence."""
        self.sentences += 1
        self.tokens += len(rows)
        columns = [[r[1][c] for r in rows] for c in range(1, self.columns)]
        for c, tags in enumerate(columns):
            for k, ((n, _), tag) in enumerate(zip(rows, tags)):
                prev = tags[k - 1] if k else "the sentence start"
                if self.scheme == "iob2" and tag.startswith("I-") and prev[2:] != tag[2:]:
                    self.problem(n, "%s after %s in column %d (IOB2 starts an entity with B-)"
                                 % (tag, prev, c + 2))
        for c in range(1, len(columns)):
            outer = entity_spans(columns[c - 1])
            for first, end, typ in entity_spans(columns[c]):
                if not any(o_first <= first and end <= o_end for o_first, o_end, _ in outer):
                    self.problem(rows[first][0], "%s entity of column %d is not inside an entity of column %d"
                                 % (typ, c + 2, c + 1))

    def run(self):
        with open(self.path, "rb") as f:
            data = f.read()
        lines = data.split(b"\n")
        if data and not data.endswith(b"\n\n"):
            self.problem(len(lines), "the file must end with a blank line (after its last sentence)")
        if lines and lines[-1] == b"":
            lines.pop()
        rows, blank_before, after_docstart = [], True, False
        for n, raw in enumerate(lines, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                self.problem(n, "invalid UTF-8 at byte %d of the line" % (e.start + 1))
                blank_before, after_docstart = False, False
                continue
            if line.endswith("\r"):
                self.problem(n, "CR LF line ending")
                line = line[:-1]
            if unicodedata.normalize("NFC", line) != line:
                self.problem(n, "not in NFC")
            if after_docstart and line != "":
                self.problem(n, "-DOCSTART- must be followed by a blank line")
            after_docstart = False
            if line == "":
                if rows:
                    self.check_sentence(rows)
                    rows = []
                elif blank_before and n > 1:
                    self.problem(n, "empty sentence (two blank lines)")
                blank_before = True
                continue
            cols = line.split("\t")
            if cols[0] == "-DOCSTART-" or line.startswith("-DOCSTART-"):
                if rows:
                    self.problem(n, "-DOCSTART- inside a sentence")
                if cols != ["-DOCSTART-"] + ["O"] * (self.columns - 1):
                    self.problem(n, "expected '-DOCSTART-' and %d O column(s)" % (self.columns - 1))
                after_docstart, blank_before = True, False
                continue
            blank_before = False
            if len(cols) != self.columns:
                self.problem(n, "%d column(s), expected %d" % (len(cols), self.columns))
                continue
            token, tags = cols[0], cols[1:]
            if tokenize(token) != [token]:
                self.problem(n, "token %r is not one token under the tokenisation rule" % token)
            bad = [t for t in tags if t not in VALID_TAGS]
            if bad:
                self.problem(n, "unknown tag %r (expected O, B-T or I-T, T in %s)" % (bad[0], " ".join(TYPES)))
                continue
            rows.append((n, cols))
        if rows:
            self.check_sentence(rows)
        return self.problems


def main(argv):
    ap = argparse.ArgumentParser(prog="check_conll.py", description="validate CoNLL NER files")
    ap.add_argument("--columns", type=int, default=2, help="columns per token line (default 2)")
    ap.add_argument("--scheme", choices=("iob2", "iob1"), default="iob2")
    ap.add_argument("files", nargs="+")
    try:
        a = ap.parse_args(argv[1:])
    except SystemExit as e:
        return EX_USAGE if e.code else 0
    if a.columns < 2:
        print("check_conll.py: error: --columns must be at least 2", file=sys.stderr)
        return EX_USAGE
    rc = 0
    for path in a.files:
        checker = Checker(path, a.columns, a.scheme)
        try:
            problems = checker.run()
        except OSError as e:
            print("check_conll.py: error: %s: %s" % (path, e.strerror), file=sys.stderr)
            rc = max(rc, EX_NOINPUT)
            continue
        for p in problems:
            print(p, file=sys.stderr)
        if problems:
            rc = max(rc, EX_DATAERR)
        else:
            print("%s: ok, %d sentences, %d tokens" % (path, checker.sentences, checker.tokens))
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv))
