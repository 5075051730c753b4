#!/usr/bin/env python3
"""Generate a large synthetic gazetteer for load-time benchmarks.

usage: gen_gazetteer.py N [OUT.tsv]   (default: stdout)

Rows look like real lists: Vietnamese-looking multi-word surfaces built from the
project's name syllables (data/names) and head words, a type, an id, an English
name and attributes.  Deterministic (fixed seed).  Surfaces are made unique.
"""
import os
import random
import sys

here = os.path.dirname(os.path.abspath(__file__))
names = os.path.join(here, "..", "data", "names")


def column(path):
    with open(path, encoding="utf-8") as f:
        return [l.split("\t")[0].strip() for l in f if l.strip() and not l.startswith("#")]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
    out = open(sys.argv[2], "w", encoding="utf-8") if len(sys.argv) > 2 else sys.stdout
    rnd = random.Random(42)
    sur = column(os.path.join(names, "surnames.tsv"))
    mid = column(os.path.join(names, "middle.tsv"))
    giv = column(os.path.join(names, "given.txt"))
    heads = [("Xã", "LOC", "Commune"), ("Phường", "LOC", "Ward"), ("Công ty", "ORG", "Company"),
             ("Trường", "ORG", "School"), ("Đền", "LOC", "Temple"), ("Sông", "LOC", "River"),
             ("Hội nghị", "EVENT", "Conference"), ("Cục", "ORG", "Department")]
    seen = set()
    out.write("# synthetic gazetteer for benchmarks (bench/gen_gazetteer.py)\n")
    i = 0
    while i < n:
        h, t, en = rnd.choice(heads)
        words = [rnd.choice(sur), rnd.choice(mid), rnd.choice(giv)]
        if rnd.random() < 0.5:
            words.append(rnd.choice(giv))
        surface = h + " " + " ".join(words)
        if surface in seen:
            continue
        seen.add(surface)
        out.write(f"{surface}\t{t}\tsyn:{i}\t{en} {i}\tkind=synthetic;n={i}\n")
        i += 1
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
