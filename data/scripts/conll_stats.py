#!/usr/bin/env python3
"""conll_stats — the size table of data/corpus/vi-ner/README.md.

  conll_stats.py FILE...

For each two-column CoNLL file (IOB2), and for all of them together: the
documents (-DOCSTART- lines), sentences, tokens, word tokens (tokens with a
letter or digit: in Vietnamese, syllables), entities per type, and sentences
without entities, as a Markdown table on stdout.  The README pastes this
output; the corpus test checks that it is still current.
"""

import os
import sys

TYPES = ("PER", "LOC", "ORG", "MISC")


def count(path):
    c = dict(documents=0, sentences=0, tokens=0, words=0, empty=0, **{t: 0 for t in TYPES})
    in_sentence_entities = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                c["documents"] += 1
                continue
            if not line:
                if in_sentence_entities is not None:
                    c["sentences"] += 1
                    c["empty"] += in_sentence_entities == 0
                    in_sentence_entities = None
                continue
            token, tag = line.split("\t")[:2]
            in_sentence_entities = in_sentence_entities or 0
            c["tokens"] += 1
            c["words"] += any(ch.isalnum() for ch in token)
            if tag.startswith("B-"):
                c[tag[2:]] += 1
                in_sentence_entities += 1
    if in_sentence_entities is not None:
        c["sentences"] += 1
        c["empty"] += in_sentence_entities == 0
    return c


def main(argv):
    if len(argv) < 2:
        print("usage: conll_stats.py FILE...", file=sys.stderr)
        return 64
    rows = []
    for path in argv[1:]:
        try:
            rows.append((os.path.splitext(os.path.basename(path))[0], count(path)))
        except (OSError, UnicodeDecodeError, ValueError) as e:
            print("conll_stats.py: error: %s: %s" % (path, e), file=sys.stderr)
            return 65
    total = {k: sum(r[k] for _, r in rows) for k in rows[0][1]}
    rows.append(("total", total))
    cols = ["documents", "sentences", "tokens", "words"] + list(TYPES)
    print("| split | documents | sentences | tokens | syllables | PER | LOC | ORG | MISC | entities | sentences without entities |")
    print("|---|" + "---:|" * 10)
    for name, r in rows:
        cells = [name if name != "total" else "**total**"]
        cells += ["{:,}".format(r[k]) for k in cols]
        cells.append("{:,}".format(sum(r[t] for t in TYPES)))
        cells.append("{:,}".format(r["empty"]))
        print("| " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
