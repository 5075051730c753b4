#!/usr/bin/env python3
"""markup_to_conll — generate the CoNLL files of data/corpus/vi-ner from the
annotated raw sentences, so the two cannot drift.

Raw files (UTF-8, NFC): one sentence per line; a line '## ID [title]' starts
a document; lines starting with '# ' are comments; blank lines are ignored.
An entity is written inline as [TYPE text], TYPE one of PER LOC ORG MISC,
one space after the type; in files with two levels an entity may contain
others ([ORG Sở Y tế [LOC Hà Nội]]).  A literal '[', ']' or '\\' is written
'\\[', '\\]', '\\\\'.  The sentence is tokenised by conll_tokenize.py; an
entity boundary that falls inside a token is an error.

  markup_to_conll.py build CORPUS_DIR [--out DIR]
      CORPUS_DIR/raw/*.txt        -> train.conll, dev.conll, test.conll
      fixtures/raw/nested.txt     -> fixtures/nested.conll (two tag columns)
      fixtures/raw/iob1.txt       -> fixtures/iob1.conll (IOB1)
      written below DIR (default: CORPUS_DIR).
  markup_to_conll.py convert [--scheme iob2|iob1] [--levels 1|2] FILE
      one raw file to CoNLL on stdout.

Documents are split by position, not by content: in each raw file (one
domain) the documents are numbered from 0 in file order, and number j goes
to dev when j % 7 is 2, to test when it is 5, else to train (5/7 = 71 %,
14 %, 14 % of every domain).  Appending a document to a file moves no other.

Exit codes: 0 ok, 64 usage, 65 bad markup (reported as file:line), 66
missing file.
"""

import argparse
import glob
import os
import re
import sys
import unicodedata

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from conll_tokenize import token_spans  # noqa: E402

EX_USAGE, EX_DATAERR, EX_NOINPUT = 64, 65, 66
TYPES = ("PER", "LOC", "ORG", "MISC")
DEV_SLOT, TEST_SLOT, CYCLE = 2, 5, 7
OPEN_RE = re.compile(r"\[(%s) " % "|".join(TYPES))


class MarkupError(Exception):
    pass


class Sentence:
    """A sentence: its plain text, tokens and one tag list per level."""

    def __init__(self, text, tokens, levels):
        self.text, self.tokens, self.levels = text, tokens, levels


def parse_markup(line):
    """Plain text and entities [(start, end, type, depth)] of a markup line."""
    out, spans, stack = [], [], []
    i = 0
    while i < len(line):
        c = line[i]
        if c == "\\":
            if i + 1 >= len(line) or line[i + 1] not in "[]\\":
                raise MarkupError("'\\' must escape '[', ']' or '\\'")
            out.append(line[i + 1])
            i += 2
        elif c == "[":
            m = OPEN_RE.match(line, i)
            if not m:
                raise MarkupError("'[' not followed by one of %s and a space at column %d"
                                  % (" ".join(TYPES), i + 1))
            stack.append((m.group(1), len(out), i + 1))
            i = m.end()
        elif c == "]":
            if not stack:
                raise MarkupError("']' without '[' at column %d" % (i + 1))
            typ, start, col = stack.pop()
            span = "".join(out[start:])
            if not span.strip():
                raise MarkupError("empty entity at column %d" % col)
            if span != span.strip():
                raise MarkupError("entity [%s %s] begins or ends with a space" % (typ, span))
            spans.append((start, len(out), typ, len(stack) + 1))
            i += 1
        else:
            out.append(c)
            i += 1
    if stack:
        raise MarkupError("'[' at column %d is never closed" % stack[-1][2])
    return "".join(out), spans


def check_text(text):
    if not text.strip():
        raise MarkupError("sentence without text")
    if text != text.strip() or "  " in text:
        raise MarkupError("leading, trailing or double space")
    if unicodedata.normalize("NFC", text) != text:
        raise MarkupError("text is not in NFC")
    for c in text:
        if unicodedata.category(c)[0] == "C":
            raise MarkupError("control or format character U+%04X" % ord(c))


def tags_for(tokens, spans, scheme):
    """IOB tags of one level for the given entity spans (token index ranges)."""
    tags = ["O"] * len(tokens)
    owner = [None] * len(tokens)
    for n, (first, last, typ) in enumerate(sorted(spans)):
        for k in range(first, last):
            tags[k] = "I-" + typ
            owner[k] = n
        adjacent_same = first > 0 and owner[first - 1] is not None and tags[first - 1][2:] == typ
        if scheme == "iob2" or adjacent_same:
            tags[first] = "B-" + typ
    return tags


def sentence_from_markup(line, levels, scheme):
    text, spans = parse_markup(line)
    check_text(text)
    tok = token_spans(text)
    starts = {s: k for k, (s, _) in enumerate(tok)}
    ends = {e: k for k, (_, e) in enumerate(tok)}
    by_level = [[] for _ in range(levels)]
    for start, end, typ, depth in spans:
        if depth > levels:
            raise MarkupError("entity [%s %s] nested %d deep; this file allows %d level(s)"
                              % (typ, text[start:end], depth, levels))
        if start not in starts or end not in ends:
            cut = [text[s:e] for s, e in tok if s < start < e or s < end < e]
            raise MarkupError("entity [%s %s] cuts the token %r" % (typ, text[start:end], cut[0]))
        by_level[depth - 1].append((starts[start], ends[end] + 1, typ))
    tokens = [text[s:e] for s, e in tok]
    return Sentence(text, tokens, [tags_for(tokens, lv, scheme) for lv in by_level])


def read_raw(path, levels=1, scheme="iob2"):
    """Documents [(id, [Sentence])] of a raw file; MarkupError names file:line."""
    docs = []
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
    except UnicodeDecodeError as e:
        raise MarkupError("%s: not UTF-8 (%s)" % (path, e))
    for n, line in enumerate(lines, 1):
        where = "%s:%d" % (path, n)
        if not line.strip() or line.startswith("# "):
            continue
        if line.startswith("## "):
            doc_id = line[3:].split()[0] if line[3:].split() else ""
            if not doc_id:
                raise MarkupError("%s: document header without an id" % where)
            docs.append((doc_id, [], where))
            continue
        if not docs:
            raise MarkupError("%s: sentence before the first '## ID' document header" % where)
        try:
            docs[-1][1].append(sentence_from_markup(line, levels, scheme))
        except MarkupError as e:
            raise MarkupError("%s: %s" % (where, e))
    for doc_id, sents, where in docs:
        if not sents:
            raise MarkupError("%s: document %s has no sentences" % (where, doc_id))
    return [(doc_id, sents) for doc_id, sents, _ in docs]


def format_conll(docs, levels):
    """CoNLL text: '-DOCSTART-' line and a blank line before each document,
    'token<TAB>tag…' lines, a blank line after each sentence."""
    out = []
    for _, sents in docs:
        out.append("\t".join(["-DOCSTART-"] + ["O"] * levels) + "\n\n")
        for s in sents:
            for k, token in enumerate(s.tokens):
                out.append("\t".join([token] + [lv[k] for lv in s.levels]) + "\n")
            out.append("\n")
    return "".join(out)


def split_of(j):
    """The split of the j-th document (from 0) of a raw file."""
    if j % CYCLE == DEV_SLOT:
        return "dev"
    if j % CYCLE == TEST_SLOT:
        return "test"
    return "train"


def read_corpus(corpus_dir):
    """Documents [(split, id, sentences)] of CORPUS_DIR/raw/*.txt, files in name order."""
    paths = sorted(glob.glob(os.path.join(corpus_dir, "raw", "*.txt")))
    if not paths:
        raise FileNotFoundError(os.path.join(corpus_dir, "raw", "*.txt"))
    docs, seen = [], {}
    for path in paths:
        for j, (doc_id, sents) in enumerate(read_raw(path)):
            if doc_id in seen:
                raise MarkupError("%s: document id %s also in %s" % (path, doc_id, seen[doc_id]))
            seen[doc_id] = path
            docs.append((split_of(j), doc_id, sents))
    return docs


def write(path, text):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def build(corpus_dir, out_dir):
    splits = {"train": [], "dev": [], "test": []}
    for split, doc_id, sents in read_corpus(corpus_dir):
        splits[split].append((doc_id, sents))
    for name, part in splits.items():
        write(os.path.join(out_dir, name + ".conll"), format_conll(part, 1))
        print("%s.conll: %d documents, %d sentences"
              % (name, len(part), sum(len(s) for _, s in part)), file=sys.stderr)
    fixtures = os.path.join(corpus_dir, "fixtures", "raw")
    nested = read_raw(os.path.join(fixtures, "nested.txt"), levels=2)
    write(os.path.join(out_dir, "fixtures", "nested.conll"), format_conll(nested, 2))
    iob1 = read_raw(os.path.join(fixtures, "iob1.txt"), scheme="iob1")
    write(os.path.join(out_dir, "fixtures", "iob1.conll"), format_conll(iob1, 1))


def main(argv):
    ap = argparse.ArgumentParser(prog="markup_to_conll.py",
                                 description="annotated raw sentences -> CoNLL (IOB2/IOB1)")
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="regenerate the corpus splits and fixtures")
    b.add_argument("corpus_dir")
    b.add_argument("--out", help="write below this directory instead of CORPUS_DIR")
    c = sub.add_parser("convert", help="one raw file to CoNLL on stdout")
    c.add_argument("file")
    c.add_argument("--scheme", choices=("iob2", "iob1"), default="iob2")
    c.add_argument("--levels", type=int, choices=(1, 2), default=1)
    try:
        a = ap.parse_args(argv[1:])
    except SystemExit as e:
        return EX_USAGE if e.code else 0
    try:
        if a.cmd == "build":
            build(a.corpus_dir, a.out or a.corpus_dir)
        else:
            docs = read_raw(a.file, a.levels, a.scheme)
            sys.stdout.write(format_conll(docs, a.levels))
    except MarkupError as e:
        print("markup_to_conll.py: error: %s" % e, file=sys.stderr)
        return EX_DATAERR
    except FileNotFoundError as e:
        print("markup_to_conll.py: error: no such file: %s" % (e.filename or e), file=sys.stderr)
        return EX_NOINPUT
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
