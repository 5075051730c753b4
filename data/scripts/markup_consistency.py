#!/usr/bin/env python3
"""markup_consistency — an annotator's aid for data/corpus/vi-ner: lists
places where the same words are annotated differently.

  markup_consistency.py [--capitals] RAW.txt...

Reports (on stdout, file:line: …)
  - a token sequence annotated as an entity somewhere that also occurs,
    untagged and not inside another entity, elsewhere (case-sensitive);
  - a surface annotated with more than one type, with the count of each;
  - an entity that starts with a lowercase letter (a descriptor such as
    'sân bay' belongs outside; 'châu Á', 'miền Trung' are the exceptions);
  - with --capitals, every untagged capitalised token that does not open
    the sentence or follow an opening quote, bracket or colon (missed names
    hide there, among titles such as 'Bộ trưởng').
Not every report is an error ('Anh' as a name and as England, a street
named after a person): it lists what to look at.  Exit code 0 always
(1 when a file cannot be read).
"""

import os
import sys
from collections import defaultdict

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from markup_to_conll import MarkupError, parse_markup, token_spans  # noqa: E402


def sentences(paths):
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                text, spans = parse_markup(line)
                tok = token_spans(text)
                tokens = tuple(text[s:e] for s, e in tok)
                covered = [False] * len(tokens)
                ents = []
                for start, end, typ, depth in spans:
                    if depth != 1:
                        continue
                    idx = [k for k, (s, e) in enumerate(tok) if s >= start and e <= end]
                    for k in idx:
                        covered[k] = True
                    ents.append((tokens[idx[0]:idx[-1] + 1], typ))
                yield "%s:%d" % (path, n), tokens, covered, ents


def capitals(data):
    for where, tokens, covered, _ in data:
        for k, token in enumerate(tokens):
            if k == 0 or covered[k] or not token[0].isupper() or tokens[k - 1] in '"“(:‘\'':
                continue
            print("capital: %s: %s  [%s]" % (where, token, " ".join(tokens[max(0, k - 3):k + 3])))


def main(argv):
    show_capitals = "--capitals" in argv
    paths = [a for a in argv[1:] if a != "--capitals"]
    try:
        data = list(sentences(paths))
    except (OSError, MarkupError) as e:
        print("markup_consistency.py: error: %s" % e, file=sys.stderr)
        return 1
    types = defaultdict(lambda: defaultdict(int))
    for _, _, _, ents in data:
        for surface, typ in ents:
            types[surface][typ] += 1
    for surface, by_type in sorted(types.items()):
        if len(by_type) > 1:
            print("types: %s: %s" % (" ".join(surface),
                                     ", ".join("%s %d" % kv for kv in sorted(by_type.items()))))
    for where, _, _, ents in data:
        for surface, typ in ents:
            if surface[0][:1].islower():
                print("lowercase start: %s: [%s %s]" % (where, typ, " ".join(surface)))
    by_first = defaultdict(list)
    for surface in types:
        by_first[surface[0]].append(surface)
    for where, tokens, covered, _ in data:
        for k, token in enumerate(tokens):
            for surface in by_first.get(token, ()):
                end = k + len(surface)
                if tokens[k:end] == surface and not any(covered[k:end]):
                    print("untagged: %s: %s (elsewhere %s)" % (
                        where, " ".join(surface), "/".join(sorted(types[surface]))))
    if show_capitals:
        capitals(data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
