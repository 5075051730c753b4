#!/usr/bin/env python3
"""conll_tokenize — the tokenisation rule of data/corpus/vi-ner (its README
states it with examples; the tagger reproduces it at run time).

The text is split on white space.  Inside each piece, letters (Unicode L*),
digits (N*) and combining marks (M*) make up tokens, and every other
character is a token of its own, except that it stays inside the token when
it is
  - '.' or ',' with a digit on both sides                  1.500  3,5
  - '-' or '/' with a letter or digit on both sides        COVID-19  25/9  GD-ĐT
  - an apostrophe (' or U+2019) with a letter on both sides  O'Brien
("Letter" here includes combining marks.)  Vietnamese syllables are tokens:
no word segmentation.

As a program: reads UTF-8 text on stdin (or the files named) and writes one
token per line, a blank line after each input line.
"""

import sys
import unicodedata

# White space: Unicode separators (Zs, Zl, Zp) and the ASCII controls TAB, LF,
# VT, FF, CR.  Other controls are not white space: they become one-character
# tokens like any other non-word character.
_ASCII_SPACE = "\t\n\v\f\r"


def is_space(c):
    return c in _ASCII_SPACE or unicodedata.category(c) in ("Zs", "Zl", "Zp")


def is_letter(c):
    return unicodedata.category(c)[0] in "LM"


def is_digit(c):
    return unicodedata.category(c)[0] == "N"


def is_word_char(c):
    return unicodedata.category(c)[0] in "LMN"


def _joins(text, i):
    """Whether the non-word character text[i] stays inside its token."""
    if i == 0 or i + 1 >= len(text):
        return False
    c, before, after = text[i], text[i - 1], text[i + 1]
    if c in ".,":
        return is_digit(before) and is_digit(after)
    if c in "-/":
        return is_word_char(before) and is_word_char(after)
    if c in "'\u2019":
        return is_letter(before) and is_letter(after)
    return False


def token_spans(text):
    """The tokens of text as (start, end) character offsets."""
    spans = []
    start = None  # start of the word token being built
    for i, c in enumerate(text):
        if is_space(c):
            if start is not None:
                spans.append((start, i))
                start = None
        elif is_word_char(c) or (start is not None and _joins(text, i)):
            if start is None:
                start = i
        else:
            if start is not None:
                spans.append((start, i))
                start = None
            spans.append((i, i + 1))
    if start is not None:
        spans.append((start, len(text)))
    return spans


def tokenize(text):
    """The tokens of text as strings."""
    return [text[s:e] for s, e in token_spans(text)]


def main(argv):
    paths = argv[1:] or ["-"]
    out = sys.stdout
    for path in paths:
        f = sys.stdin if path == "-" else open(path, encoding="utf-8")
        with f:
            for line in f:
                for token in tokenize(line.rstrip("\n")):
                    out.write(token + "\n")
                out.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
