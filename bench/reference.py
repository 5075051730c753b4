#!/usr/bin/env python3
"""Python reference for the benchmark: the same kinds of entities as the default chain,
with the standard library only (re + dict), on one core.

usage: reference.py [--data DIR] [--out FILE] [--max-mb N] INPUT...

INPUT: files or directories (walked, *.txt).  Writes one TSV row per entity
(doc, type, start, end, surface, id; code-point offsets) to --out (default
/dev/null) and prints "docs bytes entities seconds" on stderr.

- gazetteer: every surface of data/vi/{countries,provinces,places,orgs,misc}.tsv in a
  dict keyed by its lowercased words; the text is split into words and, at each
  word, the longest key starting there is looked up (max words per first word);
- names: runs of capitalised words whose first word is a surname (data/names) and
  whose other words are known middle/given syllables, 2-4 words;
- dates: d/m/yyyy, d-m-yyyy, "ngày d tháng m năm yyyy", "tháng m/yyyy", "Sáng 12/3"-style
  day/month after a day word, "năm yyyy".
It is a throughput reference, not a reimplementation: no case rules, tone-placement
canonicalisation, composition, ranks or translations.
"""
import argparse
import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
LISTS = ["countries", "provinces", "places", "orgs", "misc"]
WORD = re.compile(r"\w+")
UPPER = "".join(c for c in map(chr, range(0x41, 0x1EFA)) if c.isupper())
CAPRUN = re.compile(r"\b[%s]\w*(?: [%s]\w*)+" % (UPPER, UPPER))
DATE = re.compile(
    r"\b(?:\d{1,2}[/-]\d{1,2}[/-]\d{4}"
    r"|ngày \d{1,2} tháng \d{1,2} năm \d{4}"
    r"|tháng \d{1,2}[/-]\d{4}"
    r"|(?:ngày|sáng|chiều|trưa|tối|đêm) \d{1,2}[-/.]\d{1,2}"
    r"|năm \d{4})\b", re.IGNORECASE)


def rows(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


def load(data):
    gaz, maxlen = {}, {}
    for name in LISTS:
        for r in rows(os.path.join(data, "vi", name + ".tsv")):
            words = WORD.findall(r[0].lower())
            if not words:
                continue
            key = " ".join(words)
            gaz.setdefault(key, (r[1], r[2]))
            maxlen[words[0]] = max(maxlen.get(words[0], 0), len(words))
    sur = {r[0] for r in rows(os.path.join(data, "names", "surnames.tsv"))}
    syl = {r[0] for r in rows(os.path.join(data, "names", "middle.tsv"))}
    syl |= {r[0] for r in rows(os.path.join(data, "names", "given.txt"))}
    return gaz, maxlen, sur, syl


def extract(text, gaz, maxlen, sur, syl):
    out = []
    toks = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text.lower())]
    i, n = 0, len(toks)
    while i < n:
        k = maxlen.get(toks[i][2])
        if k:
            for j in range(min(k, n - i), 0, -1):
                hit = gaz.get(" ".join(t[2] for t in toks[i:i + j]))
                if hit:
                    s, e = toks[i][0], toks[i + j - 1][1]
                    out.append((hit[0], s, e, text[s:e].replace("\n", " "), hit[1]))
                    i += j
                    break
            else:
                i += 1
        else:
            i += 1
    for m in CAPRUN.finditer(text):
        words = m.group().split(" ")
        for a in range(len(words) - 1):
            if words[a] in sur:
                b = a + 1
                while b < len(words) and b - a < 4 and words[b] in syl:
                    b += 1
                if b - a >= 2:
                    name = " ".join(words[a:b])
                    s = m.start() + len(" ".join(words[:a])) + (1 if a else 0)
                    out.append(("PER", s, s + len(name), name, ""))
                break
    for m in DATE.finditer(text):
        out.append(("DATE", m.start(), m.end(), m.group(), ""))
    return out


def inputs(paths):
    for p in paths:
        if os.path.isdir(p):
            for d, subdirs, files in os.walk(p):
                subdirs.sort()
                for f in sorted(files):
                    if f.endswith(".txt"):
                        yield os.path.join(d, f)
        else:
            yield p


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--data", default=os.path.join(HERE, "..", "data"))
    ap.add_argument("--out", default=os.devnull)
    ap.add_argument("--max-mb", type=float, default=0, help="stop after this many MB of input")
    a = ap.parse_args()
    t0 = time.perf_counter()
    gaz, maxlen, sur, syl = load(a.data)
    limit = int(a.max_mb * 1048576) if a.max_mb else None
    docs = nbytes = nent = 0
    with open(a.out, "w", encoding="utf-8") as out:
        for path in inputs(a.inputs):
            with open(path, "rb") as f:
                raw = f.read()
            text = raw.decode("utf-8")
            doc = os.path.basename(path)
            ents = extract(text, gaz, maxlen, sur, syl)
            out.writelines("%s\t%s\t%d\t%d\t%s\t%s\n" % ((doc,) + e) for e in ents)
            docs += 1
            nbytes += len(raw)
            nent += len(ents)
            if limit and nbytes >= limit:
                break
    print("%d %d %d %.3f" % (docs, nbytes, nent, time.perf_counter() - t0), file=sys.stderr)


if __name__ == "__main__":
    main()
