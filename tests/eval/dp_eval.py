#!/usr/bin/env python3
"""dp_eval — score docpipe output against gold annotations.

Two modes:

  dp_eval.py tsv GOLD.tsv PRED.jsonl [PRED.jsonl ...]
      GOLD in the ../shared/gold format (doc, type, surface, english, note;
      TAB-separated, an optional header row, '#' comments); PRED the output
      of the jsonl writer (one JSON object per document, entities with
      start/end in the document's offset_unit, type, optional surface,
      translations.en).  Per document, the distinct (type, surface) pairs
      found are compared with the gold pairs: precision, recall and F1 per
      type and overall (micro-averaged), and the share of gold entities found
      whose English rendering matches the gold english column
      (case-insensitive, punctuation and spacing ignored).

  dp_eval.py conll GOLD.conll PRED.conll
      CoNLL files (token first column, IOB2 tag last column, blank line
      between sentences, -DOCSTART- and '#' lines skipped), aligned token by
      token.  Spans are read as conlleval does (an I- tag that does not
      continue a span of its type starts one) and scored by exact span and
      type: precision, recall, F1 per type and overall, plus token accuracy.

  dp_eval.py leftover PRED.jsonl [PRED.jsonl ...]
      The untranslated-leftover share: over the distinct (type, surface,
      English) renderings of the run (ORG, EVENT, MISC unless --types says
      otherwise), the share whose English still contains a lowercase word of
      the surface, diacritics folded ('Hiệp hội Vận tải' -> 'Van tai
      Association': 'tải' is left), and how many of those the translator
      marked partial (attribute english.partial = true).  Needs no gold: it
      runs on any output, the samples as well as the devset.

Options: --json (machine-readable), --errors (list misses and false alarms),
--fail-under F1 (exit 1 when the overall F1 is lower: for CI gates),
--types PER,LOC,ORG (score only these types, in gold and predictions alike).
tsv only: --english {translation,auto}: where the English of a predicted
entity comes from: translations.en only (default), or translations.en, else
attrs.english, else value; --ignore-leading-lower: before comparing, strip
the leading words written entirely in lowercase ('tỉnh', 'ông', 'đội
tuyển', 'năm') from gold and predicted surfaces alike, never the last word;
--by-prefix: also score each group of documents whose keys share the part
before the first '_' (the domain of the devset: 'sports_01_x' -> 'sports').
leftover only: --types (default ORG,EVENT,MISC), --errors lists the renderings
with leftovers, --fail-over SHARE exits 1 above that share (--fail-under is
not used).

Exit codes: 0 ok, 1 below --fail-under, 64 usage, 65 bad data, 66 missing file.

A dev tool in python3 (standard library only): it reads small files, is not
on the pipeline's hot path, and JSON and Unicode slicing are one-liners here.
"""

import argparse
import json
import os
import re
import sys
import unicodedata
from collections import defaultdict

EX_USAGE, EX_DATAERR, EX_NOINPUT = 64, 65, 66


class DataError(Exception):
    pass


def nfc(s):
    return unicodedata.normalize("NFC", s)


def doc_key(s):
    """Document key: the base name without extension ('seeds/001_x.txt' -> '001_x')."""
    base = os.path.basename(s.rstrip("/"))
    root, ext = os.path.splitext(base)
    return root if ext.lower() in (".txt", ".html", ".htm", ".json", ".jsonl", ".xml") else base


def norm_english(s):
    s = unicodedata.normalize("NFKC", s or "").casefold()
    s = "".join(c if (c.isalnum() or c.isspace()) else " " for c in s)
    return " ".join(s.split())


def open_text(path):
    try:
        return open(path, encoding="utf-8")
    except FileNotFoundError:
        print(f"dp_eval: {path}: no such file", file=sys.stderr)
        sys.exit(EX_NOINPUT)


# ---- TSV gold vs JSONL prediction --------------------------------------------------------------


def read_gold_tsv(path):
    gold = defaultdict(dict)  # doc -> {(type, surface): english}
    with open_text(path) as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if n == 1 and cols[:3] == ["doc", "type", "surface"]:
                continue
            if len(cols) < 3 or not cols[0] or not cols[1] or not cols[2]:
                raise DataError(f"{path}:{n}: expected doc, type, surface[, english, note]")
            english = cols[3] if len(cols) > 3 else ""
            gold[doc_key(cols[0])].setdefault((cols[1], nfc(cols[2])), english)
    return gold


def slice_text(text, start, end, unit):
    if unit in (None, "codepoint"):
        return text[start:end]
    if unit == "byte":
        return text.encode("utf-8")[start:end].decode("utf-8")
    if unit == "utf16":
        return text.encode("utf-16-le")[2 * start:2 * end].decode("utf-16-le")
    raise DataError(f"unknown offset_unit {unit!r}")


def entity_english(e, mode):
    en = (e.get("translations") or {}).get("en")
    if en is None and mode == "auto":
        en = (e.get("attrs") or {}).get("english")
        if en is None:
            en = e.get("value")
    return en


def read_pred_jsonl(paths, english_mode):
    pred = {}  # doc -> {(type, surface): english of the first occurrence}
    for path in paths:
        with open_text(path) as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    d = json.loads(line)
                except json.JSONDecodeError as ex:
                    raise DataError(f"{path}:{n}: not JSON: {ex}")
                doc = d.get("id") or d.get("source")
                if not doc:
                    raise DataError(f"{path}:{n}: document without id")
                key = doc_key(str(doc))
                unit = d.get("offset_unit", "codepoint")
                text = d.get("text")
                pairs = pred.setdefault(key, {})
                ents = sorted(d.get("entities") or [], key=lambda e: (e.get("start", 0), -e.get("end", 0)))
                for e in ents:
                    surface = e.get("surface")
                    if surface is None:
                        if text is None:
                            raise DataError(f"{path}:{n}: entity without surface and document without text")
                        surface = slice_text(text, e["start"], e["end"], unit)
                    pair = (e.get("type", ""), nfc(surface))
                    if pair not in pairs:
                        pairs[pair] = entity_english(e, english_mode)
    return pred


# ---- untranslated leftovers ------------------------------------------------------------------

# English words that are also Vietnamese syllables without marks ("to" big, "do" by, "in"
# print): their presence in an English rendering says nothing.
ENGLISH_TOO = {"a", "an", "as", "at", "by", "do", "in", "is", "me", "no", "on", "or", "so", "to", "up"}
WORD_RE = re.compile(r"\w+")
ADDRESS_RE = re.compile(r"\w[./@]\w")


def fold(s):
    """Diacritics folded, lowercase: 'Vận tải' -> 'van tai', 'Đà' -> 'da'."""
    d = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in d if not unicodedata.combining(c)).casefold()


def leftover_words(surface, english):
    """The lowercase words of `surface` whose folding is a word of `english`
    (compared folded) beyond those the surface's capitalised words account
    for: the Vietnamese a rendering kept untranslated.  Words with a capital
    are names ('Hoàng Long', 'Hà Tĩnh'), kept on purpose."""
    en_words = defaultdict(int)
    for w in WORD_RE.findall(fold(english or "")):
        en_words[w] += 1
    # the English of a proper name keeps its syllables: 'Hà Tĩnh' accounts for one 'tinh'
    for w in WORD_RE.findall(surface):
        if not is_lowercase_word(w) and en_words.get(fold(w), 0) > 0:
            en_words[fold(w)] -= 1
    out = []
    for token in surface.split():
        if ADDRESS_RE.search(token):  # qdnd.vn, a@b.vn: an address, not words
            continue
        for w in WORD_RE.findall(token):
            if not is_lowercase_word(w) or w.isdigit():
                continue
            f = fold(w)
            if en_words.get(f, 0) > 0 and f not in ENGLISH_TOO:
                out.append(w)
    return out


def read_renderings(paths, types):
    """{(type, surface, english): partial?} over every document of the files."""
    out = {}
    for path in paths:
        with open_text(path) as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    d = json.loads(line)
                except json.JSONDecodeError as ex:
                    raise DataError(f"{path}:{n}: not JSON: {ex}")
                text, unit = d.get("text"), d.get("offset_unit", "codepoint")
                for e in d.get("entities") or []:
                    if types is not None and e.get("type") not in types:
                        continue
                    surface = e.get("surface")
                    if surface is None:
                        if text is None:
                            raise DataError(f"{path}:{n}: entity without surface and document without text")
                        surface = slice_text(text, e["start"], e["end"], unit)
                    en = (e.get("translations") or {}).get("en")
                    if en is None:
                        continue
                    partial = (e.get("attrs") or {}).get("english.partial") == "true"
                    key = (e.get("type", ""), nfc(surface), en)
                    out[key] = out.get(key, False) or partial
    return out


def score_leftover(renderings):
    """Per type: renderings, partial ones, leftovers, leftovers marked partial; and the list."""
    stats = defaultdict(lambda: {"renderings": 0, "partial": 0, "leftover": 0, "leftover_marked": 0})
    found = []
    for (typ, surface, en), partial in sorted(renderings.items()):
        s = stats[typ]
        s["renderings"] += 1
        s["partial"] += partial
        words = leftover_words(surface, en)
        if words:
            s["leftover"] += 1
            s["leftover_marked"] += partial
            found.append((typ, surface, en, ", ".join(words), "partial" if partial else "UNMARKED"))
    return stats, found


def leftover_table(stats):
    tot = defaultdict(int)
    rows = []
    for t in sorted(stats):
        for k, v in stats[t].items():
            tot[k] += v
        rows.append(dict(type=t, **stats[t]))
    rows.append(dict(type="overall", **tot))
    for r in rows:
        r["leftover_share"] = round(r["leftover"] / r["renderings"], 4) if r["renderings"] else 0.0
    return rows


def print_leftover(rows):
    print(f"{'type':<8} {'renderings':>10} {'partial':>8} {'leftover':>9} {'share':>6} {'marked':>7}")
    for r in rows:
        print(f"{r['type']:<8} {r['renderings']:>10} {r['partial']:>8} {r['leftover']:>9} "
              f"{r['leftover_share']:>6.3f} {r['leftover_marked']:>3}/{r['leftover']:<3}")


def is_lowercase_word(word):
    """A word with letters, all of them lowercase ('tỉnh', 'ông'; not 'HLV', 'iPhone', '2024')."""
    return any(c.isalpha() for c in word) and not any(c.isupper() for c in word)


def strip_leading_lower(surface):
    """'tỉnh Nghệ An' -> 'Nghệ An', 'năm 2024' -> '2024'; the last word always stays."""
    rest = surface.strip()
    while True:
        parts = rest.split(None, 1)
        if len(parts) < 2 or not is_lowercase_word(parts[0]):
            return rest
        rest = parts[1]


def select_pairs(docs, types, ignore_leading_lower):
    """The per-document pairs restricted to `types` (None: all) and, with
    ignore_leading_lower, keyed by the stripped surface; when two pairs of a
    document become one, the first one's English is kept."""
    out = {}
    for doc, pairs in docs.items():
        kept = {}
        for (typ, surface), english in pairs.items():
            if types is not None and typ not in types:
                continue
            key = (typ, strip_leading_lower(surface) if ignore_leading_lower else surface)
            kept.setdefault(key, english)
        out[doc] = kept
    return out


def doc_prefix(doc):
    """The group of a document key: the part before the first '_' ('sports_01_x' -> 'sports')."""
    return doc.split("_", 1)[0]


def prf(tp, n_pred, n_gold):
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score_tsv(gold, pred):
    stats = defaultdict(lambda: {"gold": 0, "pred": 0, "tp": 0, "en_total": 0, "en_ok": 0})
    errors = []
    for doc in sorted(gold):
        g = gold[doc]
        p = pred.get(doc, {})
        for pair in sorted(set(g) | set(p)):
            t = pair[0]
            s = stats[t]
            in_g, in_p = pair in g, pair in p
            s["gold"] += in_g
            s["pred"] += in_p
            if in_g and in_p:
                s["tp"] += 1
                if g[pair]:
                    s["en_total"] += 1
                    ok = norm_english(p[pair]) == norm_english(g[pair])
                    s["en_ok"] += ok
                    if not ok:
                        errors.append((doc, "english", t, pair[1], f"{p[pair]!r} != gold {g[pair]!r}"))
            elif in_g:
                errors.append((doc, "missed", t, pair[1], ""))
            else:
                errors.append((doc, "false", t, pair[1], ""))
    return stats, errors


# ---- CoNLL ------------------------------------------------------------------------------------


def read_conll(path):
    sents, cur = [], []
    with open_text(path) as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if line.startswith("-DOCSTART-") or line.startswith("#"):
                continue
            if not line.strip():
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            cols = line.split("\t") if "\t" in line else line.split()
            if len(cols) < 2:
                raise DataError(f"{path}:{n}: expected a token and a tag")
            tag = cols[-1]
            if not (tag == "O" or re.match(r"^[BIES]-\S+$", tag)):
                raise DataError(f"{path}:{n}: bad tag {tag!r}")
            cur.append((cols[0], tag))
    if cur:
        sents.append(cur)
    return sents


def spans(tags):
    out, start, typ = set(), None, None
    for i, tag in enumerate(tags + ["O"]):
        pre, _, t = tag.partition("-")
        cont = pre in ("I", "E") and start is not None and t == typ
        if start is not None and not cont:
            out.add((start, i, typ))
            start = typ = None
        if pre in ("B", "S") or (pre in ("I", "E") and start is None):
            start, typ = i, t
        if pre in ("E", "S") and start is not None:
            out.add((start, i + 1, typ))
            start = typ = None
    return out


def score_by_prefix(gold, pred):
    """{prefix: (number of documents, stats)} over the documents of `gold`."""
    groups = defaultdict(dict)
    for doc, pairs in gold.items():
        groups[doc_prefix(doc)][doc] = pairs
    return {prefix: (len(docs), score_tsv(docs, pred)[0]) for prefix, docs in sorted(groups.items())}


def score_conll(gold, pred, gpath, ppath, types=None):
    if len(gold) != len(pred):
        raise DataError(f"{gpath} has {len(gold)} sentences, {ppath} {len(pred)}")
    stats = defaultdict(lambda: {"gold": 0, "pred": 0, "tp": 0})
    errors = []
    tokens = correct = 0
    for k, (gs, ps) in enumerate(zip(gold, pred)):
        if len(gs) != len(ps) or any(a[0] != b[0] for a, b in zip(gs, ps)):
            raise DataError(f"sentence {k + 1}: the token sequences of {gpath} and {ppath} differ")
        gt, pt = [t for _, t in gs], [t for _, t in ps]
        tokens += len(gt)
        correct += sum(a == b for a, b in zip(gt, pt))
        g, p = spans(gt), spans(pt)
        if types is not None:
            g = {sp for sp in g if sp[2] in types}
            p = {sp for sp in p if sp[2] in types}
        for sp in sorted(g | p):
            s = stats[sp[2]]
            s["gold"] += sp in g
            s["pred"] += sp in p
            s["tp"] += sp in g and sp in p
            if (sp in g) != (sp in p):
                words = " ".join(w for w, _ in gs[sp[0]:sp[1]])
                errors.append((f"sentence {k + 1}", "missed" if sp in g else "false", sp[2], words, ""))
    return stats, errors, (correct / tokens if tokens else 0.0)


# ---- output -----------------------------------------------------------------------------------


def table(stats, with_english):
    rows = []
    tot = defaultdict(int)
    for t in sorted(stats):
        s = stats[t]
        for k, v in s.items():
            tot[k] += v
        rows.append((t, s))
    rows.append(("overall", tot))
    out = []
    for t, s in rows:
        p, r, f = prf(s["tp"], s["pred"], s["gold"])
        row = {"type": t, "gold": s["gold"], "pred": s["pred"], "tp": s["tp"],
               "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
        if with_english:
            row["english_total"] = s["en_total"]
            row["english_ok"] = s["en_ok"]
            row["english_share"] = round(s["en_ok"] / s["en_total"], 4) if s["en_total"] else None
        out.append(row)
    return out


def print_table(rows, with_english):
    head = f"{'type':<8} {'gold':>5} {'pred':>5} {'tp':>5} {'P':>6} {'R':>6} {'F1':>6}"
    if with_english:
        head += f" {'en-ok':>11}"
    print(head)
    for r in rows:
        line = (f"{r['type']:<8} {r['gold']:>5} {r['pred']:>5} {r['tp']:>5} "
                f"{r['precision']:>6.3f} {r['recall']:>6.3f} {r['f1']:>6.3f}")
        if with_english:
            share = r["english_share"]
            line += f" {r['english_ok']:>3}/{r['english_total']:<3} {'' if share is None else format(share, '.3f'):>5}"
        print(line)


def print_prefix_table(by_prefix):
    print(f"{'prefix':<14} {'docs':>4} {'gold':>5} {'pred':>5} {'tp':>5} {'P':>6} {'R':>6} {'F1':>6} {'en-ok':>11}")
    for prefix, (n, rows) in by_prefix.items():
        r = rows[-1]
        share = r["english_share"]
        print(f"{prefix:<14} {n:>4} {r['gold']:>5} {r['pred']:>5} {r['tp']:>5} "
              f"{r['precision']:>6.3f} {r['recall']:>6.3f} {r['f1']:>6.3f} "
              f"{r['english_ok']:>3}/{r['english_total']:<3} {'' if share is None else format(share, '.3f'):>5}")


def parse_types(text):
    types = {t.strip() for t in text.split(",") if t.strip()}
    if not types:
        raise argparse.ArgumentTypeError("expected a comma-separated list of types, e.g. PER,LOC,ORG")
    return types


def leftover_main(a):
    try:
        stats, found = score_leftover(read_renderings(a.pred, a.types or {"ORG", "EVENT", "MISC"}))
    except DataError as ex:
        print(f"dp_eval: {ex}", file=sys.stderr)
        return EX_DATAERR
    rows = leftover_table(stats)
    result = {"mode": "leftover", "types": sorted(a.types or {"ORG", "EVENT", "MISC"}), "scores": rows}
    if a.errors:
        result["errors"] = [dict(zip(("type", "surface", "english", "words", "mark"), e)) for e in found]
    if a.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print_leftover(rows)
        if a.errors:
            for e in found:
                print("\t".join(e))
    share = rows[-1]["leftover_share"]
    if a.fail_over is not None and share > a.fail_over:
        print(f"dp_eval: leftover share {share:.3f} > {a.fail_over}", file=sys.stderr)
        return 1
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser(prog="dp_eval", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="mode", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="print the scores as JSON")
    common.add_argument("--errors", action="store_true", help="list misses and false alarms")
    common.add_argument("--fail-under", type=float, metavar="F1", help="exit 1 if overall F1 < F1")
    common.add_argument("--types", type=parse_types, metavar="T1,T2",
                        help="score only these entity types (e.g. PER,LOC,ORG)")
    t = sub.add_parser("tsv", parents=[common], help="gold TSV vs jsonl writer output")
    t.add_argument("gold")
    t.add_argument("pred", nargs="+")
    t.add_argument("--english", choices=("translation", "auto"), default="translation")
    t.add_argument("--all-docs", action="store_true",
                   help="also score predicted documents that have no gold rows (all false alarms)")
    t.add_argument("--ignore-leading-lower", action="store_true",
                   help="strip leading all-lowercase words ('tỉnh', 'ông') from gold and predicted surfaces")
    t.add_argument("--by-prefix", action="store_true",
                   help="also score each group of documents sharing the key part before the first '_'")
    lo = sub.add_parser("leftover", parents=[common],
                        help="share of ORG/EVENT/MISC renderings with untranslated words (no gold)")
    lo.add_argument("pred", nargs="+")
    lo.add_argument("--fail-over", type=float, metavar="SHARE", help="exit 1 if the overall leftover share > SHARE")
    c = sub.add_parser("conll", parents=[common], help="gold CoNLL vs predicted CoNLL")
    c.add_argument("gold")
    c.add_argument("pred")
    try:
        a = ap.parse_args(argv)
    except SystemExit as ex:
        return EX_USAGE if ex.code else 0
    if a.mode == "leftover":
        return leftover_main(a)
    try:
        if a.mode == "tsv":
            gold = read_gold_tsv(a.gold)
            pred = read_pred_jsonl(a.pred, a.english)
            missing = sorted(set(gold) - set(pred))
            extra = sorted(set(pred) - set(gold))
            if a.all_docs:
                for d in extra:
                    gold[d] = {}
            gold = select_pairs(gold, a.types, a.ignore_leading_lower)
            pred = select_pairs(pred, a.types, a.ignore_leading_lower)
            stats, errors = score_tsv(gold, pred)
            rows = table(stats, True)
            result = {"mode": "tsv", "documents": len(gold), "missing_predictions": missing,
                      "unscored_predictions": [] if a.all_docs else extra, "scores": rows}
            if a.types is not None:
                result["types"] = sorted(a.types)
            result["ignore_leading_lower"] = a.ignore_leading_lower
            if a.by_prefix:
                by_prefix = {prefix: (n, table(st, True)) for prefix, (n, st) in score_by_prefix(gold, pred).items()}
                result["by_prefix"] = {prefix: {"documents": n, "scores": r} for prefix, (n, r) in by_prefix.items()}
        else:
            g, p = read_conll(a.gold), read_conll(a.pred)
            stats, errors, acc = score_conll(g, p, a.gold, a.pred, a.types)
            rows = table(stats, False)
            result = {"mode": "conll", "sentences": len(g), "token_accuracy": round(acc, 4), "scores": rows}
            if a.types is not None:
                result["types"] = sorted(a.types)
    except DataError as ex:
        print(f"dp_eval: {ex}", file=sys.stderr)
        return EX_DATAERR
    if a.errors:
        result["errors"] = [dict(zip(("doc", "kind", "type", "surface", "note"), e)) for e in errors]
    if a.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        if a.mode == "tsv":
            print(f"documents: {len(gold)}" + (f" (no prediction for {len(missing)}: {', '.join(missing)})" if missing else "")
                  + (f"; {len(extra)} predicted documents without gold not scored" if extra and not a.all_docs else ""))
        else:
            print(f"sentences: {result['sentences']}, token accuracy {result['token_accuracy']:.3f}")
        print_table(rows, a.mode == "tsv")
        if a.mode == "tsv" and a.by_prefix:
            print()
            print_prefix_table(by_prefix)
        if a.errors:
            for e in errors:
                print("\t".join(str(x) for x in e))
    overall = rows[-1]["f1"]
    if a.fail_under is not None and overall < a.fail_under:
        print(f"dp_eval: overall F1 {overall:.3f} < {a.fail_under}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
