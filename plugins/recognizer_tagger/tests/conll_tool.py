#!/usr/bin/env python3
"""conll_tool — the tagger tests' bridge between CoNLL files and docpipe runs.

  conll_tool.py markup SENTENCES OUTDIR
      the annotated sentences ([TYPE words] markup, see data/corpus/sentences.txt)
      to OUTDIR/{train,dev,test}.conll, tokenised by the tagger's run-time rule
  conll_tool.py text GOLD.conll OUTDIR
      one text file per -DOCSTART- document, one sentence per line, its tokens
      joined by single spaces (what the pipeline reads)
  conll_tool.py pred GOLD.conll DOCS.jsonl [TYPES]
      the entities of a docpipe run over those texts (jsonl writer, code-point
      offsets) as IOB2 tags on GOLD's tokens, in CoNLL on stdout; only TYPES
      (comma-separated) when given
"""
import json
import os
import re
import sys
import unicodedata


def char_class(ch):
    cat = unicodedata.category(ch)
    if ch.isspace() or cat[0] == "Z":
        return "S"
    if cat[0] == "L":
        return "L"
    if cat == "Nd":
        return "D"
    if cat[0] == "M":
        return "M"
    return "P"


def joins(ch, before, after):
    if ch in ".,":
        return before == "D" and after == "D"
    if ch in "-/":
        return before in "LD" and after in "LD"
    if ch in "'\u2019":
        return before == "L" and after == "L"
    return False


def tokenize(s):
    """The rule of tokenize.c (data/corpus/vi-ner/README.md)."""
    out, cur, prev = [], "", "S"
    for i, ch in enumerate(s):
        c = char_class(ch)
        if c == "M":
            c = prev if cur else "L"
        if c in "LD":
            cur += ch
            prev = c
            continue
        if c == "P" and cur:
            nxt = char_class(s[i + 1]) if i + 1 < len(s) else "S"
            if joins(ch, prev, nxt):
                cur += ch
                prev = "P"
                continue
        if cur:
            out.append(cur)
        cur = ""
        prev = c
        if c == "P":
            out.append(ch)
    if cur:
        out.append(cur)
    return out


SPAN = re.compile(r"\[(PER|LOC|ORG|MISC) ([^\]]+)\]")


def markup(src, outdir):
    parts = {"train": [], "dev": [], "test": []}
    part = None
    for n, line in enumerate(open(src, encoding="utf-8"), 1):
        line = unicodedata.normalize("NFC", line.rstrip("\n"))
        if line.startswith("## "):
            word = line[3:].strip()
            if word in parts:
                part = word
            elif word == "doc":
                parts[part].append([])
            continue
        if not line.strip() or line.startswith("#"):
            continue
        rows, pos = [], 0
        for m in SPAN.finditer(line):
            rows += [(t, "O") for t in tokenize(line[pos:m.start()])]
            toks = tokenize(m.group(2))
            rows += [(t, ("B-" if k == 0 else "I-") + m.group(1)) for k, t in enumerate(toks)]
            pos = m.end()
        rows += [(t, "O") for t in tokenize(line[pos:])]
        if "[" in "".join(t for t, _ in rows) or "]" in "".join(t for t, _ in rows):
            sys.exit(f"{src}:{n}: unbalanced markup")
        parts[part][-1].append(rows)
    os.makedirs(outdir, exist_ok=True)
    for name, docs in parts.items():
        with open(os.path.join(outdir, name + ".conll"), "w", encoding="utf-8") as f:
            for doc in docs:
                f.write("-DOCSTART-\n\n")
                for sent in doc:
                    f.writelines(f"{t}\t{tag}\n" for t, tag in sent)
                    f.write("\n")


def read_docs(path):
    """Documents of a CoNLL file: lists of sentences of (token, tag)."""
    docs, sent = [[]], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("-DOCSTART-"):
            if sent:
                docs[-1].append(sent)
                sent = []
            docs.append([])
            continue
        if not line.strip():
            if sent:
                docs[-1].append(sent)
                sent = []
            continue
        if line.startswith("#") and "\t" not in line:
            continue
        cols = line.split("\t")
        sent.append((cols[0], cols[-1]))
    if sent:
        docs[-1].append(sent)
    return [d for d in docs if d]


def doc_text(doc):
    return "\n".join(" ".join(t for t, _ in s) for s in doc) + "\n"


def text(gold, outdir):
    os.makedirs(outdir, exist_ok=True)
    for k, doc in enumerate(read_docs(gold), 1):
        with open(os.path.join(outdir, f"doc-{k:04d}.txt"), "w", encoding="utf-8") as f:
            f.write(doc_text(doc))


def pred(gold, jsonl, types):
    keep = set(types.split(",")) if types else None
    runs = {}
    for line in open(jsonl, encoding="utf-8"):
        d = json.loads(line)
        runs[os.path.splitext(os.path.basename(d["id"]))[0]] = d
    out = sys.stdout
    for k, doc in enumerate(read_docs(gold), 1):
        d = runs.get(f"doc-{k:04d}")
        if d is None:
            sys.exit(f"no output for doc-{k:04d}")
        if d["text"] != doc_text(doc):
            sys.exit(f"doc-{k:04d}: the pipeline's text is not the document's")
        spans, pos = [], 0  # code-point span of every token
        for s in doc:
            for t, _ in s:
                spans.append((pos, pos + len(t)))
                pos += len(t) + 1
        tags = ["O"] * len(spans)
        for e in sorted(d["entities"], key=lambda e: (e["start"], -e["end"])):
            if keep is not None and e["type"] not in keep:
                continue
            inside = [i for i, (a, b) in enumerate(spans) if a >= e["start"] and b <= e["end"]]
            if not inside or any(tags[i] != "O" for i in inside):
                continue
            for j, i in enumerate(inside):
                tags[i] = ("B-" if j == 0 else "I-") + e["type"]
        i = 0
        out.write("-DOCSTART-\n\n")
        for s in doc:
            for t, _ in s:
                out.write(f"{t}\t{tags[i]}\n")
                i += 1
            out.write("\n")


def main(argv):
    if len(argv) >= 3 and argv[0] == "markup":
        markup(argv[1], argv[2])
    elif len(argv) >= 3 and argv[0] == "text":
        text(argv[1], argv[2])
    elif len(argv) >= 3 and argv[0] == "pred":
        pred(argv[1], argv[2], argv[3] if len(argv) > 3 else "")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
